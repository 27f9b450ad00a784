import CockpitCore
import Foundation

/// The stores a test can run against.
public enum StoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The stores this run covers: SQLite always; PostgreSQL when `scripts/test.sh` started one, and also
    /// under CI, where a missing server must fail the run rather than skip it.
    public static var available: [StoreKind] {
        TestStores.postgresURL != nil || TestStores.servicesRequired ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// Fresh, migrated stores for tests: a new SQLite file, or a new PostgreSQL schema, per test, dropped afterwards.
/// Swift Testing runs tests in parallel, so no two tests ever share one.
public enum TestStores {
    /// The throwaway server `scripts/test.sh` started (`COCKPIT_TEST_POSTGRES_URL`).
    public static var postgresURL: String? { nonEmpty("COCKPIT_TEST_POSTGRES_URL") }
    /// The throwaway Redis `scripts/test.sh` started (`COCKPIT_TEST_REDIS_URL`).
    public static var redisURL: String? { nonEmpty("COCKPIT_TEST_REDIS_URL") }
    /// True under CI (or `COCKPIT_REQUIRE_SERVICES=1`): missing servers are failures.
    public static var servicesRequired: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
            || ProcessInfo.processInfo.environment["COCKPIT_REQUIRE_SERVICES"] == "1"
    }

    /// Errors of the test harness itself.
    public enum Failure: Error, CustomStringConvertible {
        case postgresMissing
        public var description: String {
            "COCKPIT_TEST_POSTGRES_URL is not set: run the suite with scripts/test.sh, which starts PostgreSQL"
        }
    }

    /// Runs `body` with a fresh, migrated store of `kind`.
    package static func with(
        _ kind: StoreKind, migrated: Bool = true, _ body: (Database) async throws -> Void
    ) async throws {
        switch kind {
        case .sqlite: try await withSQLite(migrated: migrated, body)
        case .postgres: try await withPostgres(migrated: migrated, body)
        }
    }

    /// A fresh SQLite file in a temporary folder.
    package static func withSQLite(migrated: Bool = true, _ body: (Database) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cockpit-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try SQLiteDatabase(path: folder.appendingPathComponent("test.db").path)
        try await run(db, migrated: migrated, body)
    }

    /// A fresh schema in the test PostgreSQL database, reached through `search_path`.
    package static func withPostgres(migrated: Bool = true, _ body: (Database) async throws -> Void) async throws {
        guard let base = postgresURL else { throw Failure.postgresMissing }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = PostgresDatabase(url: base, poolSize: 1)
        try await admin.withSystemConnection { try $0.executeScript("CREATE SCHEMA \(schema)") }
        let db = PostgresDatabase(url: url(base, schema: String(schema)), poolSize: 4)
        do { try await run(db, migrated: migrated, body) } catch {
            _ = try? await admin.withSystemConnection { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }
            await admin.close()
            throw error
        }
        _ = try? await admin.withSystemConnection { try $0.executeScript("DROP SCHEMA \(schema) CASCADE") }
        await admin.close()
    }

    /// Runs `body` with the DATABASE_URL of a fresh, empty store of `kind` (for tests that run the `cockpit` binary).
    public static func withDatabaseURL(_ kind: StoreKind, _ body: (String) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cockpit-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body("sqlite:" + folder.appendingPathComponent("cli.db").path)
        case .postgres:
            try await withPostgres(migrated: false) { db in
                let schema = try await db.read(.superAdmin) {
                    try $0.queryOne("SELECT current_schema() AS s")!.string("s")
                }
                try await body(url(postgresURL!, schema: schema))
            }
        }
    }

    /// The connection URL of the test server limited to one schema.
    public static func url(_ base: String, schema: String) -> String {
        base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }

    private static func run(_ db: Database, migrated: Bool, _ body: (Database) async throws -> Void) async throws {
        do {
            if migrated { try await MigrationRunner(database: db).migrate() }
            try await body(db)
        } catch {
            await db.close()
            throw error
        }
        await db.close()
    }

    private static func nonEmpty(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name] ?? ""
        return value.isEmpty ? nil : value
    }
}
