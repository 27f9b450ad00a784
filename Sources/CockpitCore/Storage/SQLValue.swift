import Foundation

/// A value bound to, or read from, a SQL statement. Both drivers map their column types onto these cases,
/// so repositories read rows the same way on SQLite and PostgreSQL.
package enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case blob([UInt8])
    case timestamp(Date)

    /// `.null` for nil, otherwise the wrapped value.
    package static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    /// `.null` for nil, otherwise the wrapped value.
    package static func optional(_ value: Double?) -> SQLValue { value.map(SQLValue.double) ?? .null }
    /// `.null` for nil, otherwise the wrapped value.
    package static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.int) ?? .null }
    /// `.null` for nil, otherwise the wrapped value.
    package static func optional(_ value: Date?) -> SQLValue { value.map(SQLValue.timestamp) ?? .null }
    /// `.null` for nil, otherwise the UUID as lower-case text.
    package static func optional(_ value: UUID?) -> SQLValue { value.map(SQLValue.uuid) ?? .null }
    /// A UUID as lower-case text (PostgreSQL casts it to `uuid` from context).
    package static func uuid(_ value: UUID) -> SQLValue { .text(value.lowercased) }
    /// A JSON document as text (PostgreSQL casts it to `jsonb` from context).
    package static func json(_ value: JSONValue) -> SQLValue { .text(value.encodedString) }

    /// True for `.null`.
    package var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as text, when it is text.
    package var stringValue: String? {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    /// The value as a 64-bit integer, converting booleans and integral doubles.
    package var intValue: Int64? {
        switch self {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: Int64(d)
        case .text(let s): Int64(s)
        default: nil
        }
    }

    /// The value as a double, converting integers and numeric text (PostgreSQL `numeric`).
    package var doubleValue: Double? {
        switch self {
        case .double(let d): d
        case .int(let i): Double(i)
        case .text(let s): Double(s)
        default: nil
        }
    }

    /// The value as a boolean: PostgreSQL `bool`, SQLite 0/1.
    package var boolValue: Bool? {
        switch self {
        case .bool(let b): b
        case .int(let i): i != 0
        case .text(let s): s == "t" || s == "true" || s == "1"
        default: nil
        }
    }

    /// The value as a date: a timestamp, or ISO-8601 text as SQLite stores it.
    package var dateValue: Date? {
        switch self {
        case .timestamp(let d): d
        case .text(let s): Timestamp.parse(s)
        case .double(let d): Date(timeIntervalSince1970: d)
        default: nil
        }
    }
}
