import CSQLite
import Foundation

/// One SQLite connection with its cache of prepared statements. Used by one thread at a time (the pool
/// guarantees it), so the library runs in multi-thread mode without its own mutexes.
final class SQLiteConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database file with WAL, a busy timeout and foreign keys on.
    init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StorageError.unavailable("cannot open \(path): \(message)")
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
    }

    var isUsable: Bool { handle != nil }

    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    deinit { if handle != nil { close() } }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        try bind(parameters, to: statement)
        let count = sqlite3_column_count(statement)
        let columns = SQLColumns((0..<count).map { String(cString: sqlite3_column_name(statement, $0)) })
        let declared = (0..<count).map { sqlite3_column_decltype(statement, $0).map { String(cString: $0) } }
        var rows: [SQLRow] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count { values.append(value(statement, i, declared[Int(i)])) }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        try bind(parameters, to: statement)
        var rc = sqlite3_step(statement)
        while rc == SQLITE_ROW { rc = sqlite3_step(statement) }
        guard rc == SQLITE_DONE else { throw error(rc) }
        return Int(sqlite3_changes(handle))
    }

    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(message)
            throw SQLiteErrorMapping.map(code: sqlite3_extended_errcode(handle), message: text)
        }
    }

    /// A cached prepared statement for `sql`, with `$N` placeholders rewritten to SQLite's `?N`.
    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(
            handle, PlaceholderRewriter.sqlite(sql), -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ parameters: [SQLValue], to statement: OpaquePointer) throws {
        for (offset, parameter) in parameters.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch parameter {
            case .null: rc = sqlite3_bind_null(statement, i)
            case .int(let v): rc = sqlite3_bind_int64(statement, i, v)
            case .double(let v): rc = sqlite3_bind_double(statement, i, v)
            case .bool(let v): rc = sqlite3_bind_int64(statement, i, v ? 1 : 0)
            case .text(let v): rc = sqlite3_bind_text(statement, i, v, -1, cockpit_sqlite_transient())
            case .timestamp(let v):
                rc = sqlite3_bind_text(statement, i, Timestamp.format(v), -1, cockpit_sqlite_transient())
            case .blob(let v):
                rc = v.withUnsafeBytes {
                    sqlite3_bind_blob(statement, i, $0.baseAddress, Int32($0.count), cockpit_sqlite_transient())
                }
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    private func value(_ statement: OpaquePointer, _ i: Int32, _ declared: String?) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER:
            let v = sqlite3_column_int64(statement, i)
            return declared == "BOOLEAN" ? .bool(v != 0) : .int(v)
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, i))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, i))
            guard count > 0, let bytes = sqlite3_column_blob(statement, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            let text = String(cString: sqlite3_column_text(statement, i))
            if declared == "TIMESTAMP", let date = Timestamp.parse(text) { return .timestamp(date) }
            return .text(text)
        }
    }

    private func error(_ rc: Int32) -> StorageError {
        SQLiteErrorMapping.map(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// Maps SQLite's extended result codes to `StorageError`.
enum SQLiteErrorMapping {
    static func map(code: Int32, message: String) -> StorageError {
        switch code {
        case 2067, 1555: .uniqueViolation(constraint: message)  // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        case 787: .foreignKeyViolation(constraint: message)  // SQLITE_CONSTRAINT_FOREIGNKEY
        case 275, 1299: .checkViolation(constraint: message)  // SQLITE_CONSTRAINT_CHECK, _NOTNULL
        case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_IOERR, SQLITE_CORRUPT: .unavailable(message)
        default: .database(code: "sqlite \(code)", message: message)
        }
    }
}
