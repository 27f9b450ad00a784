import CPostgres
import Foundation

/// One libpq connection with its cache of prepared statements. Blocking; used by one thread at a time.
/// Values go out as text parameters (bytea as binary) and come back in text format, mapped by column type.
final class PostgresConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: String] = [:]
    /// The tenant scope last set at session level on this connection (`.some(nil)`: none; nil: unknown).
    private var sessionScope: AccountScope??

    /// Sets the row-level-security settings at session level, unless they already hold: read transactions run as
    /// single autocommit statements under these settings (one round trip instead of four).
    func applySessionScope(_ scope: AccountScope?) throws {
        if let current = sessionScope, current == scope { return }
        sessionScope = nil
        try execute(
            "SELECT set_config('app.account_id', $1, false), set_config('app.super', $2, false)",
            [.text(scope?.accountID?.lowercased ?? ""), .text(scope?.isSuperAdmin == true ? "on" : "off")])
        sessionScope = .some(scope)
    }

    /// Connects with a libpq connection string or `postgres://` URL; the session runs in UTC with ISO dates.
    init(conninfo: String) throws {
        var keys = ["dbname", "application_name"]
        var values = [conninfo, "cockpit"]
        if !conninfo.contains("connect_timeout") { keys.append("connect_timeout"); values.append("5") }
        handle = Self.connect(keys: keys, values: values)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { Self.clean(String(cString: PQerrorMessage($0))) } ?? "out of memory"
            PQfinish(handle)
            self.handle = nil
            throw StorageError.unavailable(message)
        }
        try executeScript(
            "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3; SET client_min_messages = warning;"
        )
    }

    private static func connect(keys: [String], values: [String]) -> OpaquePointer? {
        let cKeys = keys.map { strdup($0) }, cValues = values.map { strdup($0) }
        defer { (cKeys + cValues).forEach { free($0) } }
        var keyPointers = cKeys.map { UnsafePointer<CChar>($0) } + [nil]
        var valuePointers = cValues.map { UnsafePointer<CChar>($0) } + [nil]
        return PQconnectdbParams(&keyPointers, &valuePointers, 1)
    }

    var isUsable: Bool { handle != nil && PQstatus(handle) == CONNECTION_OK }

    func close() {
        PQfinish(handle)
        handle = nil
        statements.removeAll()
        sessionScope = nil
    }

    deinit { PQfinish(handle) }

    /// The server process id of this connection (tests use it to cut the connection from outside).
    var backendPID: Int32 { PQbackendPID(handle) }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rowCount = PQntuples(result), columnCount = PQnfields(result)
        let columns = SQLColumns((0..<columnCount).map { String(cString: PQfname(result, $0)) })
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for c in 0..<columnCount {
                if PQgetisnull(result, r, c) == 1 {
                    values.append(.null)
                } else {
                    let text = String(cString: PQgetvalue(result, r, c))
                    values.append(PostgresValues.decode(text, type: types[Int(c)]))
                }
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Prepares (once per connection) and runs a statement with bound parameters.
    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer? {
        let name: String
        if let cached = statements[sql] {
            name = cached
        } else {
            name = "c\(statements.count + 1)"
            let prepared = PQprepare(handle, name, sql, 0, nil)
            defer { PQclear(prepared) }
            try check(prepared)
            statements[sql] = name
        }
        let encoded = parameters.map(PostgresValues.encode)
        let buffers: [UnsafeMutablePointer<CChar>?] = encoded.map { value in
            guard let bytes = value.bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBufferPointer { src in
                for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: src[i]) }
            }
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        var pointers = buffers.map { UnsafePointer<CChar>($0) }
        var lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        var formats = encoded.map { $0.binary ? Int32(1) : Int32(0) }
        let result = PQexecPrepared(handle, name, Int32(parameters.count), &pointers, &lengths, &formats, 0)
        do { try check(result) } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        let message = Self.clean(String(cString: (result.map(PQresultErrorMessage) ?? PQerrorMessage(handle))!))
        let field = { (code: UInt8) -> String in
            guard let result, let value = PQresultErrorField(result, Int32(code)) else { return "" }
            return String(cString: value)
        }
        if PQstatus(handle) != CONNECTION_OK {
            throw StorageError.unavailable(message.isEmpty ? "connection lost" : message)
        }
        throw PostgresErrors.map(
            sqlState: field(UInt8(ascii: "C")), constraint: field(UInt8(ascii: "n")), message: message)
    }

    private static func clean(_ message: String) -> String {
        message.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
    }
}
