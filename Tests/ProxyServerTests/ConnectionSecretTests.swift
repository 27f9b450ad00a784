@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// A connection's secret never comes back out: not in any answer of any connection route, not in the audit trail
/// (`GET /v1/audit`), and not in the store in clear (the SQLite file and its write-ahead log byte for byte; a
/// `pg_dump` of the test schema). Request logs carry method, path and status only (RequestLogMiddleware), so no body
/// reaches them.
@Suite struct ConnectionSecretTests {
    static let base = OriginalConnectionsContractTests.base

    @Test(arguments: StoreKind.available)
    func thePlainSecretIsNowhere(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Secrets")
            let (_, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let nonce = UUID().uuidString.lowercased().prefix(8)
            let secrets = ["api-\(nonce)-alpha", "tok-\(nonce)-bravo", "key-\(nonce)-charlie", "new-\(nonce)-delta"]
            var texts: [String] = []
            func call(
                _ method: HTTPRequest.Method, _ path: String, _ json: JSONValue? = nil
            ) async throws -> ServerHarness.Answer {
                let answer = try await s.call(method, path, token: admin, json: json)
                #expect(answer.status == .ok, "\(method) \(path): \(answer.text)")
                texts.append(answer.text + answer.headers.map { "\($0.name)=\($0.value)" }.joined())
                return answer
            }
            let openapi = try #require(
                try await call(
                    .post, "\(Self.base)/openapi",
                    [
                        "name": "Docs", "config_json": ["spec_url": "https://93.184.216.34/openapi.json"],
                        "secret_json": ["api_key": .string(secrets[0]), "nested": ["token": .string(secrets[1])]],
                    ]
                ).json.itemString("id"))
            let composio = try #require(
                try await call(
                    .post, "\(Self.base)/composio",
                    [
                        "name": "Composio", "config_json": ["auth_mode": "api_key"],
                        "secret_json": ["api_key": .string(secrets[2])],
                    ]
                ).json.itemString("id"))
            _ = try await call(
                .post, "\(Self.base)/mcp",
                ["name": "Tools", "secret_json": ["headers": ["Authorization": .string("Bearer \(secrets[1])")]]])
            _ = try await call(.patch, "\(Self.base)/\(openapi)", ["secret_json": ["api_key": .string(secrets[3])]])
            _ = try await call(.patch, "\(Self.base)/\(openapi)", ["name": "Docs v2", "secret_json": [:]])
            _ = try await call(.patch, "\(Self.base)/\(composio)", ["description": "uses the stored key"])
            _ = try await call(
                .post, "\(Self.base)/\(openapi)/grants", ["scope_type": "team", "scope_id": .string(team)])
            _ = try await call(.get, Self.base)
            _ = try await call(.get, "\(Self.base)/\(openapi)")
            _ = try await call(.get, "\(Self.base)/\(openapi)/grants")
            _ = try await call(.get, "\(Self.base)/effective?user_id=\(user)")
            _ = try await call(.delete, "\(Self.base)/\(composio)")
            let audit = try await call(.get, "/v1/audit?domain=copilot&limit=100")
            for text in texts {
                for secret in secrets {
                    #expect(!text.contains(secret), "an answer holds a secret: \(text.prefix(300))")
                }
            }
            // The audit rows are there, with the secret masked on both sides.
            let rows = audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotConnectionTable" }
            #expect(
                rows.map { $0["action"] } == ["delete", "update", "update", "update", "create", "create", "create"])
            let grantRows = audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotConnectionGrantTable" }
            #expect(grantRows.map { $0["action"] } == ["upsert"])
            let masked = OriginalConnectionsContractTests.masked
            for row in rows {
                let (before, after) = (row["before_value"], row["updated_values"])
                #expect(before == [:] || before?["secret_json"] == masked, "\(row)")
                #expect(row["action"] == "delete" || after?["secret_json"] == masked, "\(row)")
            }

            // In the store: sealed rows only.
            let sealed = try await s.cockpit.database.read(.superAdmin) { tx in
                try tx.query("SELECT secret_sealed FROM copilot_connections").compactMap {
                    $0.optionalString("secret_sealed")
                }
            }
            #expect(sealed.count == 2 && sealed.allSatisfy { $0.hasPrefix("enc:v2:") })
            let stored = try await Self.storeBytes(s, kind)
            #expect(stored.contains("enc:v2:"), "the store's bytes were read (\(stored.count) characters)")
            #expect(stored.contains("Docs v2"))
            for secret in secrets { #expect(!stored.contains(secret), "the store holds \(secret) in clear") }
        }
    }

    /// Everything the store holds, as text: the SQLite file and its write-ahead log, or a data-only `pg_dump` of the
    /// test's schema (as the cluster's superuser, so row-level security hides nothing).
    static func storeBytes(_ s: ServerHarness, _ kind: StoreKind) async throws -> String {
        switch kind {
        case .sqlite:
            let file = try await s.cockpit.database.read(.superAdmin) { tx in
                try tx.query("PRAGMA database_list").first { $0.optionalString("name") == "main" }?
                    .optionalString("file")
            }
            let path = try #require(file)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes += wal }
            return String(decoding: bytes, as: UTF8.self)
        case .postgres:
            let schema = try await s.cockpit.database.read(.superAdmin) {
                try $0.queryOne("SELECT current_schema() AS s")?.string("s")
            }
            let url = try #require(TestStores.postgresURL).replacingOccurrences(of: "://cockpit@", with: "://postgres@")
            let dump = try await ChildProcess.run(
                pgDump(), ["--data-only", "--schema=\(try #require(schema))", "--dbname=\(url)"])
            #expect(dump.status == 0, "pg_dump: \(dump.stderr)")
            return dump.stdout
        }
    }

    /// The pg_dump of the newest server installed (the one scripts/lib/services.sh starts), else the one on PATH.
    static func pgDump() -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted()
        for version in versions.reversed()
        where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/pg_dump") {
            return "\(root)/\(version)/bin/pg_dump"
        }
        return "/usr/bin/pg_dump"
    }
}
