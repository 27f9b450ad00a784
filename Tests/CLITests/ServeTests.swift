import CockpitCore
import CockpitTesting
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing

/// `cockpit serve` as a real process: refuses an unmigrated store, serves, and stops cleanly on SIGTERM.
@Suite struct ServeTests {
    /// A port below Linux's ephemeral range (32768 and up), where an outgoing connection could hold it.
    static func freePort() -> Int { Int.random(in: 20_000...32_000) }

    static func get(_ url: String) async -> (Int, String)? {
        guard let (data, response) = try? await URLSession.shared.data(from: URL(string: url)!) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func refusesAnUnmigratedStoreNamingTheFix() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            let result = try await CLITests.run(
                ["serve", "--port", String(Self.freePort())], databaseURL: url,
                extraEnvironment: ["LITELLM_MASTER_KEY": "sk-master-serve-test"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("cockpit migrate"))
        }
    }

    @Test func servesAndStopsGracefullyOnSIGTERM() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            #expect(try await CLITests.run(["migrate"], databaseURL: url).status == 0)
            let port = Self.freePort()
            let server = try ChildProcess(
                executable: CLITests.binary.path, arguments: ["serve", "--port", String(port)],
                environment: [
                    "DATABASE_URL": url, "LITELLM_MASTER_KEY": "sk-master-serve-test", "PATH": "/usr/bin:/bin",
                ])
            var answer: (Int, String)?
            for _ in 0..<100 where answer == nil {
                try await Task.sleep(for: .milliseconds(100))
                answer = await Self.get("http://127.0.0.1:\(port)/health/readiness")
            }
            #expect(answer?.0 == 200)
            #expect(answer?.1.contains("\"db\":\"connected\"") == true)
            server.terminate()  // SIGTERM
            #expect(await server.wait() == .exited(0))
        }
    }

    /// On PostgreSQL, a role that bypasses row-level security (a superuser here) would switch off the second tenant
    /// wall: `serve` refuses it, naming the fix, unless --allow-rls-bypass is given (then it logs an error and serves).
    @Test(arguments: StoreKind.available)
    func refusesARoleThatBypassesRowLevelSecurity(kind: StoreKind) async throws {
        guard kind == .postgres else { return }
        try await TestStores.withDatabaseURL(.postgres) { url in
            #expect(try await CLITests.run(["migrate"], databaseURL: url).status == 0)
            let superuser = url.replacingOccurrences(of: "postgres://cockpit@", with: "postgres://postgres@")
            let port = Self.freePort()
            let refused = try await CLITests.run(
                ["serve", "--port", String(port)], databaseURL: superuser,
                extraEnvironment: ["LITELLM_MASTER_KEY": "sk-master-serve-test"])
            #expect(
                refused.status == 1 && refused.stderr.contains("BYPASSRLS")
                    && refused.stderr.contains("--allow-rls-bypass"), "\(refused.stderr)")
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
                .path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let server = try ChildProcess(
                executable: CLITests.binary.path, arguments: ["serve", "--port", String(port), "--allow-rls-bypass"],
                environment: [
                    "DATABASE_URL": superuser, "LITELLM_MASTER_KEY": "sk-master-serve-test", "PATH": "/usr/bin:/bin",
                ],
                stdout: log, stderr: log)
            var answer: (Int, String)?
            for _ in 0..<100 where answer == nil {
                try await Task.sleep(for: .milliseconds(100))
                answer = await Self.get("http://127.0.0.1:\(port)/health/liveliness")
            }
            #expect(answer?.0 == 200, "served with the flag")
            server.terminate()
            #expect(await server.wait() == .exited(0))
            #expect(
                ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("row-level security bypassed"),
                "and said so")
        }
    }

    /// Request lines (LOG_LEVEL=debug) carry the method and path, never the query: LiteLLM's GET routes take
    /// `key` / `api_key` there. Failed before: Hummingbird's request logger wrote the whole URI.
    @Test func requestLogsNeverCarryTheQuery() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            #expect(try await CLITests.run(["migrate"], databaseURL: url).status == 0)
            let port = Self.freePort()
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
                .path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let server = try ChildProcess(
                executable: CLITests.binary.path, arguments: ["serve", "--port", String(port), "--json-logs"],
                environment: [
                    "DATABASE_URL": url, "LITELLM_MASTER_KEY": "sk-master-serve-test", "LOG_LEVEL": "debug",
                    "PATH": "/usr/bin:/bin",
                ], stdout: log, stderr: log)
            var answer: (Int, String)?
            for _ in 0..<100 where answer == nil {
                try await Task.sleep(for: .milliseconds(100))
                answer = await Self.get(
                    "http://127.0.0.1:\(port)/key/info?key=sk-secret-in-the-query-0123&api_key=sk-other-secret-4567")
            }
            #expect(answer != nil)
            server.terminate()
            #expect(await server.wait() == .exited(0))
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(text.contains("/key/info"), "the request was logged")
            #expect(
                !text.contains("sk-secret-in-the-query") && !text.contains("sk-other-secret"),
                "never its query: \(text)")
        }
    }
}
