import Foundation

/// Which SQL dialect a store speaks; repositories use it for the few statements that differ.
package enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A connection inside one transaction. Statements use `$1, $2, …` placeholders on both drivers; every value
/// is a bound parameter. Used only inside `Database.transaction`, on the thread that runs the body.
package protocol SQLConnection: AnyObject {
    /// Runs a statement and returns its rows.
    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow]
    /// Runs a statement and returns the number of rows it changed.
    @discardableResult func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int
    /// Runs several statements without parameters (migrations).
    func executeScript(_ sql: String) throws
}

extension SQLConnection {
    /// Runs `body` inside a transaction the caller has begun: COMMIT when it returns, ROLLBACK when it throws.
    func commitOrRollback<T>(_ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            try execute("COMMIT", [])
            return result
        } catch {
            _ = try? execute("ROLLBACK", [])
            throw error
        }
    }
}

/// The store: a pool of connections of one driver. Bodies run on a blocking thread, never on an event loop
/// or the cooperative pool; the transaction commits when the body returns and rolls back when it throws.
package protocol Database: Sendable {
    /// The SQL dialect of this store.
    var dialect: SQLDialect { get }
    /// A short description of where the store is, with any password removed.
    var location: String { get }
    /// Runs `body` in one transaction limited to `scope`.
    /// - Parameters:
    ///   - readOnly: a read-only transaction (may run beside others; SQLite readers never wait for the writer).
    ///   - priority: `.background` for bulk work nobody waits for; it runs at the OS's idle CPU priority.
    func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T
    /// Runs `body` on a connection outside any tenant scope: only the migration runner and health checks use it.
    func withSystemConnection<T: Sendable>(_ body: @escaping @Sendable (SQLConnection) throws -> T) async throws -> T
    /// Closes every connection.
    func close() async
}

extension Database {
    /// A read-only transaction limited to `scope`.
    package func read<T: Sendable>(
        _ scope: AccountScope, _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        try await transaction(scope, readOnly: true, priority: .normal, body)
    }

    /// A read-write transaction limited to `scope`.
    package func write<T: Sendable>(
        _ scope: AccountScope, priority: WorkPriority = .normal,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        try await transaction(scope, readOnly: false, priority: priority, body)
    }
}

/// One open transaction and the tenant scope it was opened with. Repositories are built on a transaction,
/// so they cannot run without a scope.
package final class Transaction {
    /// The tenant boundary of this transaction.
    package let scope: AccountScope
    /// The dialect of the store.
    package let dialect: SQLDialect
    /// A read transaction refuses `execute`, on both stores.
    package let readOnly: Bool
    let connection: SQLConnection

    init(scope: AccountScope, dialect: SQLDialect, connection: SQLConnection, readOnly: Bool = false) {
        self.scope = scope
        self.dialect = dialect
        self.connection = connection
        self.readOnly = readOnly
    }

    /// The same transaction limited to one account that this scope covers (a super-admin acting inside one tenant).
    package func narrowed(to account: UUID) throws -> Transaction {
        guard scope.covers(account) else { throw CockpitError.notFound("Account") }
        return Transaction(scope: .account(account), dialect: dialect, connection: connection, readOnly: readOnly)
    }

    /// Runs a statement and returns its rows.
    package func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [SQLRow] {
        try connection.query(sql, parameters)
    }

    /// Runs a statement and returns its first row, if any.
    package func queryOne(_ sql: String, _ parameters: [SQLValue] = []) throws -> SQLRow? {
        try connection.query(sql, parameters).first
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    package func execute(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int {
        guard !readOnly else {
            throw StorageError.database(code: "read-only", message: "a read transaction cannot change data")
        }
        return try connection.execute(sql, parameters)
    }
}
