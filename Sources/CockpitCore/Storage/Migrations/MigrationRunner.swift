import CockpitMigrations
import Crypto
import Foundation

/// One migration file and whether the store has it.
package struct MigrationStatus: Sendable, Equatable {
    /// The file name, `NNNN_name.sql`.
    package let name: String
    /// When it was applied; nil while pending.
    package let appliedAt: Date?
    /// False when the applied file's checksum differs from the file built into this binary.
    package let checksumMatches: Bool
}

/// Applies the migrations built into the binary, in order, each in its own transaction, and records
/// each one's SHA-256 in `schema_migrations`. A changed applied file is refused. On PostgreSQL an advisory
/// lock per schema makes concurrent runs (several instances starting at once) safe.
package struct MigrationRunner: Sendable {
    let database: Database
    let files: [EmbeddedMigrationFile]

    /// A runner for the migrations of the store's dialect.
    package init(database: Database) {
        self.database = database
        self.files = EmbeddedMigrations.files(dialect: database.dialect.rawValue)
    }

    init(database: Database, files: [EmbeddedMigrationFile]) {
        self.database = database
        self.files = files
    }

    /// Every known migration with its state.
    package func status() async throws -> [MigrationStatus] {
        let files = self.files, dialect = database.dialect
        let applied = try await database.withSystemConnection { try Self.applied($0, dialect) }
        return files.map { file in
            let row = applied[file.name]
            return MigrationStatus(
                name: file.name, appliedAt: row?.at,
                checksumMatches: row.map { $0.checksum == Self.checksum(file.sql) } ?? true)
        }
    }

    /// The number of migrations not yet applied; throws when an applied one was changed.
    package func pendingCount() async throws -> Int {
        let status = try await status()
        if let changed = status.first(where: { !$0.checksumMatches }) {
            throw StorageError.migrationChanged(name: changed.name)
        }
        return status.filter { $0.appliedAt == nil }.count
    }

    /// Applies what is pending and returns the names applied.
    @discardableResult
    package func migrate() async throws -> [String] {
        let files = self.files, dialect = database.dialect
        return try await database.withSystemConnection { connection in
            // The lock comes first: two instances creating schema_migrations at once would collide.
            if dialect == .postgres {
                _ = try connection.query(
                    "SELECT pg_advisory_lock(hashtext('cockpit.migrations:' || current_schema()))", [])
            }
            defer {
                if dialect == .postgres {
                    _ = try? connection.query(
                        "SELECT pg_advisory_unlock(hashtext('cockpit.migrations:' || current_schema()))", [])
                }
            }
            try connection.executeScript(Self.createTable(dialect))
            var done: [String] = []
            for file in files {
                try connection.execute(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN", [])
                let applied = try connection.commitOrRollback { () throws -> Bool in
                    if let row = try Self.applied(connection, dialect)[file.name] {
                        guard row.checksum == Self.checksum(file.sql) else {
                            throw StorageError.migrationChanged(name: file.name)
                        }
                        return false
                    }
                    if dialect == .postgres {
                        _ = try connection.query("SELECT set_config('app.super', 'on', true)", [])
                    }
                    do { try connection.executeScript(file.sql) } catch {
                        throw StorageError.migrationFailed(name: file.name, message: "\(error)")
                    }
                    try connection.execute(
                        "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)",
                        [.text(file.name), .text(Self.checksum(file.sql)), .timestamp(Date())])
                    return true
                }
                if applied { done.append(file.name) }
            }
            return done
        }
    }

    static func checksum(_ sql: String) -> String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func createTable(_ dialect: SQLDialect) -> String {
        let time = dialect == .postgres ? "timestamptz" : "TIMESTAMP"
        return
            "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at \(time) NOT NULL)"
    }

    /// The applied migrations by name; empty when the table does not exist yet.
    private static func applied(
        _ connection: SQLConnection, _ dialect: SQLDialect
    ) throws -> [String: (checksum: String, at: Date)] {
        let probe =
            dialect == .postgres
            ? "SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL"
            : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        guard try !connection.query(probe, []).isEmpty else { return [:] }
        var out: [String: (checksum: String, at: Date)] = [:]
        for row in try connection.query("SELECT name, checksum, applied_at FROM schema_migrations", []) {
            out[try row.string("name")] = (try row.string("checksum"), try row.date("applied_at"))
        }
        return out
    }
}
