import Foundation

/// The production store: PostgreSQL over libpq with a bounded pool. Each transaction sets the tenant scope
/// as transaction-local settings that the row-level security policies read.
package final class PostgresDatabase: Database, @unchecked Sendable {
    package let dialect = SQLDialect.postgres
    package let location: String
    private let pool: ConnectionPool<PostgresConnection>

    /// - Parameters:
    ///   - url: a `postgres://` URL or libpq connection string.
    ///   - poolSize: the most connections open at once.
    package init(url: String, poolSize: Int = 8) {
        location = DatabaseURL.redacted(url)
        pool = ConnectionPool(label: "cockpit.postgres", capacity: poolSize) { try PostgresConnection(conninfo: url) }
    }

    package func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        // A pooled connection may have died with a server restart. A read has no side effects and a write whose
        // BEGIN failed has not started, so either is tried once more on a new connection.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await pool.withConnection(priority: priority) { connection in
                    readOnly ? try Self.read(connection, scope, body) : try Self.write(connection, scope, body)
                }
            } catch let failed as Retryable {
                if attempt >= 2 { throw failed.error }
            }
        }
    }

    /// A read: autocommit statements (read committed, as inside a transaction) under session-level scope settings.
    private static func read<T>(
        _ connection: PostgresConnection, _ scope: AccountScope, _ body: (Transaction) throws -> T
    ) throws -> T {
        do {
            try connection.applySessionScope(scope)
            return try body(Transaction(scope: scope, dialect: .postgres, connection: connection, readOnly: true))
        } catch let error as StorageError where error.isConnectionLoss {
            throw Retryable(error: error)
        }
    }

    /// A write: one transaction with transaction-local scope settings; rolled back when the body throws.
    private static func write<T>(
        _ connection: PostgresConnection, _ scope: AccountScope, _ body: (Transaction) throws -> T
    ) throws -> T {
        do {
            try connection.execute("BEGIN", [])
        } catch let error as StorageError where error.isConnectionLoss {
            throw Retryable(error: error)
        }
        return try connection.commitOrRollback {
            try connection.execute(
                "SELECT set_config('app.account_id', $1, true), set_config('app.super', $2, true)",
                [.text(scope.accountID?.lowercased ?? ""), .text(scope.isSuperAdmin ? "on" : "off")])
            return try body(Transaction(scope: scope, dialect: .postgres, connection: connection))
        }
    }

    package func withSystemConnection<T: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws -> T
    ) async throws -> T {
        try await pool.withConnection { connection in
            try connection.applySessionScope(nil)
            return try body(connection)
        }
    }

    package func close() async { pool.close() }

    private struct Retryable: Error { let error: StorageError }
}
