import Foundation

extension SpendWriter {
    /// Appends rows to the spill file, one JSON object a line.
    func spill(_ logs: [SpendLog]) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601withFractionalSeconds
        var data = Data()
        for log in logs {
            guard let line = try? encoder.encode(log) else { continue }
            data += line
            data.append(0x0A)
        }
        append(data, to: spillPath)
    }

    /// Records the spill file's rows and removes the file. A partly written last line (a crash mid-append) is skipped.
    func replaySpill(priority: WorkPriority) async throws -> Int {
        guard let data = FileManager.default.contents(atPath: spillPath), !data.isEmpty else { return 0 }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601withFractionalSeconds
        let logs = data.split(separator: 0x0A).compactMap { try? decoder.decode(SpendLog.self, from: Data($0)) }
        var recorded = 0
        for start in stride(from: 0, to: logs.count, by: 5_000) {
            recorded += try await write(Array(logs[start..<min(start + 5_000, logs.count)]), priority: priority)
        }
        try? FileManager.default.removeItem(atPath: spillPath)
        return recorded
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// ISO 8601 with fractional seconds, so a replayed row keeps its exact start time.
    static let iso8601withFractionalSeconds = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var c = encoder.singleValueContainer()
        try c.encode(Timestamp.format(date))
    }
}

extension JSONDecoder.DateDecodingStrategy {
    static let iso8601withFractionalSeconds = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a timestamp: \(text)")
        }
        return date
    }
}
