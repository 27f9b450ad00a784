import CockpitCore
import Foundation

/// A JSON object typed into a form (an agent's definition, a connection's config): checked as it is typed, with
/// the check shown under the field (where a mistake is, by line and column), read when the form is sent, and shown
/// indented for editing. Empty text is the empty object `{}`.
enum JSONField {
    /// The largest document a form sends (the core's cap on a definition).
    static let maxBytes = 256 * 1024

    /// What the typed text is.
    enum Check: Equatable {
        /// Nothing typed: sent as `{}`.
        case empty
        /// A JSON object with this many members, this many bytes long.
        case object(members: Int, bytes: Int)
        /// Not one: why, worded for the field's line (`line 2, column 5: expected ':'`).
        case invalid(String)

        /// The line shown under the field and its role.
        var line: (text: String, role: StyleRole) {
            switch self {
            case .empty: ("· empty: sent as {}", .hintText)
            case .object(let members, let bytes):
                ("✓ a JSON object · \(members) \(members == 1 ? "member" : "members") · \(size(bytes))", .statusOK)
            case .invalid(let reason): ("✗ " + reason, .statusError)
            }
        }
    }

    /// Checks `text` as it stands.
    static func check(_ text: String) -> Check {
        let bytes = Array(text.utf8)
        guard !text.allSatisfy(\.isWhitespace) else { return .empty }
        guard bytes.count <= maxBytes else { return .invalid("larger than \(size(maxBytes)) (\(size(bytes.count)))") }
        do {
            let value = try JSONBytes.parse(bytes)
            guard let members = value.objectValue else {
                return .invalid("must be a JSON object, {…}, not \(kind(value))")
            }
            return .object(members: members.count, bytes: bytes.count)
        } catch let error as CockpitError {
            return .invalid(located(error, in: bytes))
        } catch {
            return .invalid("is not valid JSON")
        }
    }

    /// The object a form sends for the field `label` (empty: `{}`); a refusal names the field, as the core's do.
    static func object(_ text: String, field label: String) throws -> JSONValue {
        switch check(text) {
        case .empty: return .emptyObject
        case .invalid(let reason): throw CockpitError.invalid(field: label, reason: "is not a JSON object: \(reason)")
        case .object: return try JSONBytes.parse(Array(text.utf8))
        }
    }

    /// A document as the field shows it for editing: indented two spaces, keys sorted.
    static func pretty(_ value: JSONValue) -> String {
        if value == .emptyObject { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? value.encodedString
    }

    /// The parser's reason with its byte offset turned into a line and column (`expected ':' at byte 12`).
    static func located(_ error: CockpitError, in bytes: [UInt8]) -> String {
        guard case .invalid(_, let reason) = error,
            let open = reason.range(of: "("), let at = reason.range(of: " at byte ", options: .backwards),
            let offset = Int(reason[at.upperBound...].prefix { $0.isNumber })
        else { return "is not valid JSON" }
        let what = String(reason[open.upperBound..<at.lowerBound])
        let before = bytes.prefix(min(offset, bytes.count))
        let line = before.filter { $0 == 0x0A }.count + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<before.count], as: UTF8.self).count + 1
        return "line \(line), column \(column): \(what)"
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        case .object: "an object"
        }
    }

    /// A size in bytes as the check shows it (`412 B`, `3.1 KiB`).
    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : String(format: "%.1f KiB", Double(bytes) / 1024)
    }
}
