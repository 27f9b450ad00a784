@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Secrets are never in the store in clear: after sealing and after re-sealing under a new key, the SQLite files'
/// bytes (database, WAL and shared memory) and every row of every PostgreSQL table hold none of the plaintexts.
@Suite struct SealedAtRestTests {
    @Test(arguments: StoreKind.available)
    func noPlaintextInTheStoreAfterSealingOrRotation(kind: StoreKind) async throws {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cockpit-rest-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let db = try SQLiteDatabase(path: folder.appendingPathComponent("rest.db").path)
            do {
                try await MigrationRunner(database: db).migrate()
                try await Self.check(db) { try Self.fileBytes(folder) }
            } catch {
                await db.close()
                throw error
            }
            await db.close()
        case .postgres:
            try await TestStores.with(.postgres) { db in try await Self.check(db) { try await Self.dump(db) } }
        }
    }

    /// Seeds, reads the store's content with `content`, rotates, reads again; each time the model names are there
    /// (the read sees the data) and no plaintext, SSO secret or salt key is.
    static func check(_ db: Database, content: () async throws -> Data) async throws {
        let seed = try await SecretRotationTests.seeded(db, salt: SecretRotationTests.oldKey, tag: "atrest")
        let secrets =
            seed.plaintexts.values.flatMap(\.values)
            + ["atrest-connection-secret-0", SecretRotationTests.oldKey, SecretRotationTests.newKey]
        #expect(secrets.contains("atrest-sso-client-secret-0") && secrets.contains("sk-atrest-provider-0-0123456789"))
        for stage in ["sealed", "rotated"] {
            if stage == "rotated" {
                let core = SecretRotationTests.cockpit(
                    db, salt: SecretRotationTests.newKey, previous: [SecretRotationTests.oldKey])
                #expect(try await core.secrets.rotate().left == 0)
            }
            let bytes = try await content()
            #expect(bytes.range(of: Data("m-atrest-0".utf8)) != nil, "\(stage): the store's content was read")
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(stage): \(secret) found in the store")
            }
        }
    }

    /// Every file of the SQLite store's folder, concatenated.
    static func fileBytes(_ folder: URL) throws -> Data {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).reduce(into: Data()) {
            $0.append(try Data(contentsOf: $1))
        }
    }

    /// Every row of every table of the test schema as text (what a dump holds), read as the super-admin.
    static func dump(_ db: Database) async throws -> Data {
        try await db.read(.superAdmin) { tx in
            let tables = try tx.query(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                """
            ).map { try $0.string("table_name") }
            var text = ""
            for table in tables {
                for row in try tx.query("SELECT CAST(t AS text) AS r FROM \"\(table)\" t") {
                    text += (row.optionalString("r") ?? "") + "\n"
                }
            }
            return Data(text.utf8)
        }
    }
}
