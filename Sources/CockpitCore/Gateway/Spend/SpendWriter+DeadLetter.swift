import Foundation

/// Rows the store refused (a constraint it will refuse again): kept beside the spill file, one JSON object a line
/// (`{"reason", "row"}`), counted in `/metrics` (`cockpit_spend_dead_letter_rows_total`) and by `cockpit doctor`.
/// An operator fixes the cause and replays or discards them by hand; the writer never reads this file.
extension SpendWriter {
    /// The dead-letter file of a spill file: `spend-spill.jsonl` → `spend-spill.dead-letter.jsonl`.
    public static func deadLetterPath(spillPath: String) -> String {
        let base = spillPath.hasSuffix(".jsonl") ? String(spillPath.dropLast(".jsonl".count)) : spillPath
        return base + ".dead-letter.jsonl"
    }

    /// This writer's dead-letter file.
    public var deadLetterPath: String { Self.deadLetterPath(spillPath: spillPath) }

    /// The rows in a dead-letter file (0 when there is none).
    public static func deadLetterCount(path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.split(separator: 0x0A).count
    }

    /// Appends a refused row with the store's reason, and logs it once per row (no secrets: a spend row holds the
    /// key's hash, never the key).
    func deadLetter(_ row: SpendLog, reason: String) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601withFractionalSeconds
        let rowJSON =
            (try? encoder.encode(row)).flatMap { try? JSONValue.parse(String(decoding: $0, as: UTF8.self)) } ?? .null
        let line = JSONValue.object(["reason": .string(reason), "row": rowJSON]).encodedString + "\n"
        append(Data(line.utf8), to: deadLetterPath)
        countDeadLetter()
        logger.error(
            "spend writer: the store refused a spend row; it is kept in the dead-letter file",
            metadata: ["request_id": "\(row.requestID)", "reason": "\(reason)", "file": "\(deadLetterPath)"])
    }

    /// Appends bytes to a file created owner-only when missing.
    func append(_ data: Data, to path: String) {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !fm.fileExists(atPath: path) {
            _ = fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: data)
    }
}
