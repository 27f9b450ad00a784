import CockpitTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A connection's secret never reaches the server's logs: a real `cockpit serve` at debug level with JSON logs
/// takes a connection with a secret, changes it, tests it (against an address the outbound rules refuse, so the
/// test fails and says why) and lists it; the log file has the requests and not one copy of the secret.
@Suite struct ConnectionSecretLogTests {
    static func call(_ method: String, _ url: String, account: String?, json: String?) async -> (Int, String)? {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("Bearer sk-master-serve-test", forHTTPHeaderField: "Authorization")
        if let account { request.setValue(account, forHTTPHeaderField: "X-Account-Id") }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func field(_ text: String, _ name: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return nil
        }
        return (object[name] as? String) ?? ((object["item"] as? [String: Any])?["id"] as? String)
    }

    @Test func aConnectionSecretIsNeverLogged() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            #expect(try await CLITests.run(["migrate"], databaseURL: url).status == 0)
            let port = ServeTests.freePort()
            let base = "http://127.0.0.1:\(port)"
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
                .path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let server = try ChildProcess(
                executable: CLITests.binary.path, arguments: ["serve", "--port", String(port), "--json-logs"],
                environment: [
                    "DATABASE_URL": url, "LITELLM_MASTER_KEY": "sk-master-serve-test", "LOG_LEVEL": "debug",
                    "PATH": "/usr/bin:/bin",
                ], stdout: log, stderr: log)
            var created: (Int, String)?
            for _ in 0..<100 where created == nil {
                try await Task.sleep(for: .milliseconds(100))
                created = await Self.call(
                    "POST", "\(base)/v1/accounts", account: nil,
                    json: #"{"account_name": "Logs", "domain": "logs.io", "admin_email": "admin@logs.io"}"#)
            }
            let account = try #require(
                created.flatMap { Self.field($0.1, "account_id") }, "\(String(describing: created))")
            let secret = "sk-connection-secret-never-logged-7f3a"
            let connection = await Self.call(
                "POST", "\(base)/v1/copilot/connections/mcp", account: account,
                json:
                    #"{"name": "Tools", "config_json": {"server_url": "http://10.1.2.3/mcp"}, "secret_json": {"token": "\#(secret)"}}"#
            )
            // An internal address is refused when saved (400); saved with a public one, it is tested later.
            #expect(connection?.0 == 400 && connection?.1.contains(secret) == false)
            let saved = await Self.call(
                "POST", "\(base)/v1/copilot/connections/mcp", account: account,
                json:
                    #"{"name": "Tools", "config_json": {"server_url": "https://93.184.216.34/mcp"}, "secret_json": {"token": "\#(secret)"}}"#
            )
            let id = try #require(saved.flatMap { Self.field($0.1, "id") }, "\(String(describing: saved))")
            let changed = await Self.call(
                "PATCH", "\(base)/v1/copilot/connections/\(id)", account: account,
                json:
                    #"{"secret_json": {"token": "\#(secret)-2"}, "config_json": {"server_url": "http://127.0.0.1:9/mcp"}}"#
            )
            #expect(changed?.0 == 400, "an address inside the network is refused on change too")
            for answer in [
                saved, await Self.call("GET", "\(base)/v1/copilot/connections", account: account, json: nil),
                await Self.call("GET", "\(base)/v1/audit?domain=copilot", account: account, json: nil),
            ] {
                #expect(answer?.0 == 200 && answer?.1.contains(secret) == false, "\(String(describing: answer))")
            }
            server.terminate()
            #expect(await server.wait() == .exited(0))
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(text.contains("/v1/copilot/connections"), "the requests were logged")
            #expect(!text.contains("sk-connection-secret"), "never the secret: \(text)")
        }
    }
}
