import Foundation

/// The embedded store: one SQLite file in WAL mode. Writes go through a single writer connection (so they
/// never wait on each other's locks inside this process); reads use a small pool of reader connections.
package final class SQLiteDatabase: Database, @unchecked Sendable {
    package let dialect = SQLDialect.sqlite
    package let location: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>

    /// Opens (creating if needed) the file at `path`; its folder is created too.
    package init(path: String, readers readerCount: Int = 4) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        location = "sqlite:\(path)"
        // Open once now so that a bad path fails here, with a clear message, and WAL mode is set on the file.
        try SQLiteConnection(path: path).close()
        writer = ConnectionPool(label: "cockpit.sqlite.writer", capacity: 1) { try SQLiteConnection(path: path) }
        readers = ConnectionPool(label: "cockpit.sqlite.readers", capacity: readerCount) {
            try SQLiteConnection(path: path)
        }
    }

    package func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        let pool = readOnly ? readers : writer
        return try await pool.withConnection(priority: priority) { connection in
            try connection.execute(readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", [])
            return try connection.commitOrRollback {
                try body(Transaction(scope: scope, dialect: .sqlite, connection: connection, readOnly: readOnly))
            }
        }
    }

    package func withSystemConnection<T: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws -> T
    ) async throws -> T {
        try await writer.withConnection { try body($0) }
    }

    package func close() async {
        writer.close()
        readers.close()
    }
}
