@testable import CockpitCore
import CockpitMigrations
import CockpitTesting
import Foundation
import Testing

@Suite struct MigrationTests {
    @Test(arguments: StoreKind.available)
    func appliesEverythingOnceAndRecordsChecksums(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let runner = MigrationRunner(database: db)
            let expected = EmbeddedMigrations.files(dialect: db.dialect.rawValue).map(\.name)
            #expect(!expected.isEmpty)
            #expect(try await runner.pendingCount() == expected.count)
            #expect(try await runner.migrate() == expected)
            #expect(try await runner.migrate() == [])
            let status = try await runner.status()
            #expect(status.map(\.name) == expected)
            #expect(status.allSatisfy { $0.appliedAt != nil && $0.checksumMatches })
            try await Cockpit.forTesting(db).requireMigrated()
        }
    }

    @Test(arguments: StoreKind.available)
    func refusesAnAppliedFileThatChanged(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let original = [
                EmbeddedMigrationFile(
                    dialect: db.dialect.rawValue, name: "0001_t.sql", sql: "CREATE TABLE t (x integer);")
            ]
            #expect(try await MigrationRunner(database: db, files: original).migrate() == ["0001_t.sql"])
            let changed = [
                EmbeddedMigrationFile(dialect: db.dialect.rawValue, name: "0001_t.sql", sql: "CREATE TABLE t (x text);")
            ]
            let runner = MigrationRunner(database: db, files: changed)
            await #expect(throws: StorageError.migrationChanged(name: "0001_t.sql")) { try await runner.migrate() }
            await #expect(throws: StorageError.migrationChanged(name: "0001_t.sql")) { try await runner.pendingCount() }
            #expect(try await runner.status().first?.checksumMatches == false)
        }
    }

    @Test(arguments: StoreKind.available)
    func aFailingMigrationLeavesNothingBehind(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let files = [
                EmbeddedMigrationFile(
                    dialect: db.dialect.rawValue, name: "0001_bad.sql",
                    sql: "CREATE TABLE half (x integer); CREATE TABLE broken (;")
            ]
            await #expect(throws: StorageError.self) { try await MigrationRunner(database: db, files: files).migrate() }
            let tables = try await db.read(.superAdmin) { tx in
                try tx.query(
                    db.dialect == .postgres
                        ? "SELECT to_regclass('half') AS t" : "SELECT name AS t FROM sqlite_master WHERE name = 'half'")
            }
            #expect(tables.allSatisfy { $0["t"].isNull })
            #expect(try await MigrationRunner(database: db, files: files).pendingCount() == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func anUnmigratedStoreIsRefusedWithTheFixingCommand(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            do {
                try await Cockpit.forTesting(db).requireMigrated()
                Issue.record("an empty store passed requireMigrated")
            } catch let error as StorageError {
                #expect(error.description.contains("cockpit migrate"))
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func adminsAddedBeforeMigration5GetRandomIDs(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let all = EmbeddedMigrations.files(dialect: db.dialect.rawValue)
            let before = all.filter { $0.name < "0005" }
            _ = try await MigrationRunner(database: db, files: before).migrate()
            try await db.write(.superAdmin) { tx in
                try tx.execute(
                    """
                    INSERT INTO accounts (id, name, domain, created_at, updated_at, created_by, updated_by)
                    VALUES ($1, 'Old', 'old.io', $2, $2, 'test', 'test')
                    """, [.uuid(UUID()), .timestamp(Date())])
                for email in ["a@old.io", "b@old.io"] {
                    try tx.execute(
                        """
                        INSERT INTO account_admins (account_id, email, created_at, updated_at)
                        SELECT id, $1, created_at, created_at FROM accounts
                        """, [.text(email)])
                }
            }
            _ = try await MigrationRunner(database: db, files: all).migrate()
            let rows = try await db.read(.superAdmin) {
                try $0.query("SELECT id, created_by FROM account_admins ORDER BY email")
            }
            let ids = try rows.map { try $0.string("id") }
            #expect(ids.count == 2 && Set(ids).count == 2, "each admin gets its own id")
            for id in ids {
                #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "\(id) is a lower-case UUID")
                #expect(Array(id)[14] == "4" && "89ab".contains(Array(id)[19]), "\(id) is a version-4 UUID")
            }
            #expect(try rows.allSatisfy { try $0.string("created_by") == "super_admin" })
        }
    }

    @Test(arguments: StoreKind.available)
    func zitadelRoleMappingsAreTurnedAroundByMigration6(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let all = EmbeddedMigrations.files(dialect: db.dialect.rawValue)
            _ = try await MigrationRunner(database: db, files: all.filter { $0.name < "0006" }).migrate()
            let old = UUID(), plain = UUID()
            let metadata =
                #"{"zitadel": {"enabled": true, "organization_id": "1", "role_mappings": {"acme_ops": "console_org_admin", "acme_admin": "account_admin"}}, "other": 1}"#
            try await db.write(.superAdmin) { tx in
                for (id, name, meta) in [(old, "Old", metadata), (plain, "Plain", "{}")] {
                    try tx.execute(
                        """
                        INSERT INTO accounts (id, name, domain, metadata, created_at, updated_at, created_by, updated_by)
                        VALUES ($1, $2, $3, $4, $5, $5, 'test', 'test')
                        """,
                        [
                            .uuid(id), .text(name), .text("\(name.lowercased()).io"), .json(try JSONValue.parse(meta)),
                            .timestamp(Date()),
                        ])
                }
            }
            _ = try await MigrationRunner(database: db, files: all).migrate()
            let cockpit = Cockpit.forTesting(db)
            let config = try await cockpit.zitadelConfig.config(account: old)
            #expect(config.roleMappings == ["console_org_admin": "acme_ops", "account_admin": "acme_admin"])
            #expect(config.enabled && config.organizationID == "1")
            #expect(try await cockpit.accounts.get(old).metadata["other"] == 1)
            #expect(try await cockpit.accounts.get(plain).metadata == .emptyObject)
        }
    }

    @Test(.enabled(if: StoreKind.available.contains(.postgres)))
    func concurrentRunnersOnPostgresApplyEachFileOnce() async throws {
        try await TestStores.withPostgres(migrated: false) { db in
            // Two independent pools on the same schema, as two instances starting at once.
            let url = try await db.read(.superAdmin) { try $0.queryOne("SELECT current_schema() AS s")!.string("s") }
            let other = PostgresDatabase(url: TestStores.url(TestStores.postgresURL!, schema: url), poolSize: 1)
            async let a = MigrationRunner(database: db).migrate()
            async let b = MigrationRunner(database: other).migrate()
            let (first, second) = try await (a, b)
            await other.close()
            let all = EmbeddedMigrations.files(dialect: "postgres").map(\.name)
            #expect((first + second).sorted() == all.sorted())
            let rows = try await db.read(.superAdmin) {
                try $0.queryOne("SELECT count(*) AS n FROM schema_migrations")!.int("n")
            }
            #expect(rows == Int64(all.count))
        }
    }
}
