import CockpitCore
import Foundation

/// Plain-text tables for people and JSON for scripts.
enum Output {
    /// Prints rows under a header, columns padded to the widest cell.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        for (n, row) in all.enumerated() {
            let line = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            print(line)
            if n == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    /// Prints a value as indented JSON in the API's encoding (snake_case keys, ISO-8601 dates, lower-case ids), so
    /// that the CLI's `--json` and the server say the same thing.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let wire = try JSONBytes.parse(try FastJSONEncoder.encode(value))
        print(String(decoding: try encoder.encode(wire), as: UTF8.self))
    }

    /// A date as shown in tables: `2026-11-27 03:33`.
    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return String(Timestamp.format(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// A USD amount as shown in tables.
    static func money(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "$%.2f", value)
    }
}
