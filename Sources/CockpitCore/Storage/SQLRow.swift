import Foundation

/// Column names of one result set, shared by all its rows.
package final class SQLColumns: Sendable {
    /// Names in select order.
    package let names: [String]
    private let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        if names.count > 24 { for (i, n) in names.enumerated() where index[n] == nil { index[n] = i } }
        self.index = index
    }

    /// Linear for the usual dozen columns (comparing short names beats hashing them), hashed beyond.
    func position(_ name: String) -> Int? {
        if names.count <= 24 { return names.firstIndex(of: name) }
        return index[name]
    }
}

/// One row of a result set. Typed accessors throw `StorageError.decoding` naming the column when a value is
/// missing or of the wrong kind, so a schema mismatch is a clear error rather than a crash.
package struct SQLRow: Sendable {
    let columns: SQLColumns
    /// The values in select order.
    package let values: [SQLValue]

    /// The value of a column, `.null` when the column is not in the row.
    package subscript(_ name: String) -> SQLValue {
        guard let i = columns.position(name) else { return .null }
        return values[i]
    }

    private func require<T>(_ name: String, _ kind: String, _ read: (SQLValue) -> T?) throws -> T {
        guard let value = read(self[name]) else { throw StorageError.decoding(column: name, expected: kind) }
        return value
    }

    /// A non-null text column.
    package func string(_ name: String) throws -> String { try require(name, "text") { $0.stringValue } }
    /// A nullable text column.
    package func optionalString(_ name: String) -> String? { self[name].stringValue }
    /// A non-null integer column.
    package func int(_ name: String) throws -> Int64 { try require(name, "integer") { $0.intValue } }
    /// A nullable integer column.
    package func optionalInt(_ name: String) -> Int64? { self[name].intValue }
    /// A non-null numeric column.
    package func double(_ name: String) throws -> Double { try require(name, "number") { $0.doubleValue } }
    /// A nullable numeric column.
    package func optionalDouble(_ name: String) -> Double? { self[name].doubleValue }
    /// A non-null boolean column.
    package func bool(_ name: String) throws -> Bool { try require(name, "boolean") { $0.boolValue } }
    /// A non-null timestamp column.
    package func date(_ name: String) throws -> Date { try require(name, "timestamp") { $0.dateValue } }
    /// A nullable timestamp column.
    package func optionalDate(_ name: String) -> Date? { self[name].dateValue }
    /// A non-null UUID column.
    package func uuid(_ name: String) throws -> UUID {
        try require(name, "uuid") { $0.stringValue.flatMap(UUID.fast) }
    }
    /// A nullable UUID column.
    package func optionalUUID(_ name: String) -> UUID? { self[name].stringValue.flatMap(UUID.fast) }
    /// A JSON column (`jsonb` or text); NULL reads as JSON null.
    package func json(_ name: String) throws -> JSONValue {
        guard let text = self[name].stringValue else { return .null }
        if text == "{}" { return .emptyObject }
        if text == "[]" { return .array([]) }
        do { return try JSONValue.parse(text) } catch { throw StorageError.decoding(column: name, expected: "json") }
    }
}
