import Foundation

extension JSONValue {
    /// A snapshot of any encodable value (audit before/after), dates as ISO-8601 text. A value that cannot be
    /// encoded is an error, so the write it belongs to is rolled back instead of audited with a silent `null`.
    public static func snapshot<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        } catch {
            throw AuditSnapshotError(type: String(describing: T.self), reason: "\(error)")
        }
    }
}

/// An audit snapshot could not be encoded: the change it describes is not made (a 500, never a silent `null`).
public struct AuditSnapshotError: Error, CustomStringConvertible {
    public let type: String
    public let reason: String
    public var description: String { "the audit snapshot of a \(type) could not be encoded: \(reason)" }
}
