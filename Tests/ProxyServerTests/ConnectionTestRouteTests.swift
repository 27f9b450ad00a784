@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /v1/copilot/connections/{id}/test` against the fake upstream on a loopback port (allowed for these tests
/// with COCKPIT_UPSTREAM_ALLOW): an OpenAPI spec, an MCP initialize answered as JSON and as an event stream that
/// stays open, Composio's identity call; wrong credentials refused, a port nothing listens on, a time-out, an
/// address the outbound rules refuse at connect time, and a detail that never repeats the secret.
@Suite struct ConnectionTestRouteTests {
    static let base = OriginalConnectionsContractTests.base

    /// Runs `body` with the fake upstream's base URL and a server whose allow-list is `allow` and whose connection
    /// tests may take `timeout` seconds (generous by default, so a loaded machine does not turn answers into time-outs).
    static func with(
        allow: String?, timeout: Int = 30,
        _ body: @escaping @Sendable (ServerHarness, FakeUpstream, String, String) async throws -> Void
    ) async throws {
        let upstream = FakeUpstream()
        let app = Application(router: upstream.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            var environment = ["COCKPIT_CONNECTION_TEST_TIMEOUT": String(timeout)]
            if let allow { environment["COCKPIT_UPSTREAM_ALLOW"] = allow }
            try await ServerHarness.with(.sqlite, environment: environment) { s in
                let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Probe")
                try await body(s, upstream, url, admin)
            }
        }
    }

    /// Creates a connection and tests it; the test's answer.
    static func probe(
        _ s: ServerHarness, _ admin: String, _ type: String, config: JSONValue, secret: JSONValue = [:]
    ) async throws -> JSONValue {
        let created = try await s.call(
            .post, "\(base)/\(type)", token: admin,
            json: ["name": "Probe", "config_json": config, "secret_json": secret])
        let id = try #require(created.json.itemString("id"), "\(created.text)")
        let answer = try await s.call(.post, "\(base)/\(id)/test", token: admin)
        #expect(answer.status == .ok, "\(answer.text)")
        #expect(Set(answer.json.objectValue?.keys.map { $0 } ?? []) == ["status", "latency_ms", "detail"])
        #expect((answer.json["latency_ms"]?.doubleValue ?? -1) >= 0)
        return answer.json
    }

    @Test func eachKindOfConnectionIsReached() async throws {
        try await Self.with(allow: "127.0.0.1") { s, upstream, url, admin in
            let fake = upstream.connections
            fake.configure { $0.requiredKey = "mcp-secret-token-1" }
            let spec = try await Self.probe(s, admin, "openapi", config: ["spec_url": .string("\(url)/openapi.json")])
            #expect(spec["status"] == "reachable" && spec["detail"] == "HTTP 200 · OpenAPI 3.0.3", "\(spec)")
            let notSpec = try await Self.probe(
                s, admin, "openapi", config: ["spec": .string("\(url)/not-a-spec.json")])
            #expect(notSpec["status"] == "error", "\(notSpec)")

            let mcp = try await Self.probe(
                s, admin, "mcp", config: ["server_url": .string("\(url)/mcp")],
                secret: ["token": "mcp-secret-token-1"])
            #expect(mcp["status"] == "reachable" && mcp["detail"] == "MCP fake-mcp 0.1 · protocol 2025-03-26", "\(mcp)")
            let sent = try #require(fake.received.last)
            #expect(sent.method == "POST" && sent.body["method"] == "initialize" && sent.body["jsonrpc"] == "2.0")
            #expect(sent.headers["accept"] == "application/json, text/event-stream")
            #expect(sent.headers["authorization"] == "Bearer mcp-secret-token-1")
            // An event stream that stays open after its first event: the answer is that event.
            fake.configure { $0.streams = true }
            let streamed = try await Self.probe(
                s, admin, "mcp", config: ["server_url": .string("\(url)/mcp")],
                secret: ["headers": ["Authorization": "Bearer mcp-secret-token-1"]])
            #expect(streamed["status"] == "reachable", "\(streamed)")
            // Wrong credentials are refused.
            let wrong = try await Self.probe(
                s, admin, "mcp", config: ["url": .string("\(url)/mcp")], secret: ["token": "not-the-token"])
            #expect(wrong["status"] == "refused" && wrong["detail"] == "HTTP 401: the credentials were refused")

            fake.configure { $0.requiredKey = "composio-key-1" }
            let composio = try await Self.probe(
                s, admin, "composio", config: ["auth_mode": "api_key", "base_url": .string("\(url)/")],
                secret: ["api_key": "composio-key-1"])
            #expect(composio["status"] == "reachable", "\(composio)")
            #expect(fake.received.last?.headers["x-api-key"] == "composio-key-1")
            #expect(fake.received.last?.path == "/api/v3/auth/session/info")
            #expect(
                !composio.encodedString.contains(FakeConnectionEndpoints.sessionKey), "the answer's body is not shown")
            let badKey = try await Self.probe(
                s, admin, "composio", config: ["auth_mode": "api_key", "base_url": .string(url)],
                secret: ["api_key": "composio-key-2"])
            #expect(badKey["status"] == "refused", "\(badKey)")
            // Nothing to reach: said without a request.
            let before = fake.received.count
            let nothing = try await Self.probe(s, admin, "openapi", config: ["base_url": .string(url)])
            #expect(
                nothing == [
                    "status": "error", "latency_ms": 0,
                    "detail": "config_json names no spec_url (or spec URL) to fetch",
                ])
            let oauth = try await Self.probe(s, admin, "composio", config: ["auth_mode": "oauth"])
            #expect(oauth["status"] == "error" && fake.received.count == before)
        }
    }

    @Test func failuresAreNamedAndNeverRepeatTheSecret() async throws {
        try await Self.with(allow: "127.0.0.1") { s, upstream, url, admin in
            let fake = upstream.connections
            // A server that repeats the Authorization header in its error: the detail shows *** instead.
            fake.configure { $0.echoesAuthorization = true }
            let echoed = try await Self.probe(
                s, admin, "mcp", config: ["server_url": .string("\(url)/mcp")],
                secret: ["bearer_token": "very-secret-bearer-42"])
            #expect(
                echoed["status"] == "error" && echoed["detail"] == "JSON-RPC error -32600: bad Bearer ***", "\(echoed)")
            // A port nothing listens on.
            let closed = try await Self.probe(s, admin, "openapi", config: ["spec_url": "http://127.0.0.1:9/spec.json"])
            #expect(closed["status"] == "refused" && closed["detail"] == "the connection was refused", "\(closed)")
            // Another tenant's connection, or none, is 404.
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Other")
            let theirs = try #require(
                try await s.call(.post, "\(Self.base)/mcp", token: other, json: ["name": "Theirs"]).json
                    .itemString("id"))
            for id in [theirs, "nope"] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.post, "\(Self.base)/\(id)/test", token: admin), 404, "Connection not found", id)
            }
        }
    }

    @Test func noAnswerWithinTheCapIsATimeOut() async throws {
        try await Self.with(allow: "127.0.0.1", timeout: 1) { s, upstream, url, admin in
            upstream.connections.configure { $0.latency = 3 }
            let slow = try await Self.probe(s, admin, "openapi", config: ["spec_url": .string("\(url)/openapi.json")])
            #expect(slow["status"] == "timed_out" && slow["detail"] == "no answer within 1 s", "\(slow)")
            #expect(try await s.call(.get, "/v1/copilot/connections", token: admin).status == .ok)
        }
    }

    @Test func theOutboundRulesApplyToTheResolvedAddressWhenConnecting() async throws {
        try await Self.with(allow: nil) { s, upstream, url, admin in
            // Saved while its address was public; it now points inside the network (as a name that resolves
            // elsewhere later would): the test is refused as the socket opens and nothing reaches the upstream.
            let created = try await s.call(
                .post, "\(Self.base)/openapi", token: admin,
                json: ["name": "Moved", "config_json": ["spec_url": "https://93.184.216.34/openapi.json"]])
            let id = try #require(created.json.itemString("id"))
            let moved: JSONValue = ["spec_url": .string("\(url)/openapi.json")]
            try await s.cockpit.database.write(.superAdmin) { tx in
                try tx.execute(
                    "UPDATE copilot_connections SET config_json = $1 WHERE id = $2", [.json(moved), .text(id)])
            }
            let answer = try await s.call(.post, "\(Self.base)/\(id)/test", token: admin)
            #expect(answer.json["status"] == "refused", "\(answer.text)")
            #expect(answer.json["detail"]?.stringValue?.hasPrefix("127.0.0.1 is an address inside the network") == true)
            #expect(upstream.connections.received.isEmpty)
        }
    }
}
