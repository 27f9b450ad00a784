@testable import CockpitCore
import Foundation
import Testing

/// The pieces of a connection test that need no network: which request each kind makes, headers from the secret
/// (none that could smuggle another header), reading an event stream's first event and a spec's version, and the
/// secret kept out of every detail.
@Suite struct ConnectionTestPlanTests {
    static func connection(_ type: ConnectionType, _ config: JSONValue) -> Connection {
        Connection(
            id: UUID(), accountID: UUID(), type: type, name: "c", description: nil, credentialVisibility: .useOnly,
            allowUserSelfManage: false, config: config, secret: nil, createdBy: "t", createdAt: Date(),
            updatedAt: Date())
    }

    @Test func eachKindMakesItsRequest() throws {
        let mcp = try ConnectionTestPlan.make(
            Self.connection(.mcp, ["server_url": "https://mcp.example.com/mcp"]),
            secret: ["token": "tok-123456", "headers": ["X-Team": "core"]]
        ).get()
        #expect(mcp.method == "POST" && mcp.url == "https://mcp.example.com/mcp")
        #expect(mcp.headers.map(\.name) == ["Content-Type", "Accept", "X-Team", "Authorization"])
        #expect(mcp.headers.last?.value == "Bearer tok-123456")
        let body = try JSONValue.parse(String(decoding: mcp.body ?? [], as: UTF8.self))
        #expect(body["method"] == "initialize" && body["params"]?["protocolVersion"] == "2025-03-26")
        // An Authorization header in `headers` wins over the token.
        let explicit = try ConnectionTestPlan.make(
            Self.connection(.mcp, ["url": "https://mcp.example.com"]),
            secret: ["token": "tok-123456", "headers": ["authorization": "Basic abc"]]
        ).get()
        #expect(explicit.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value) == ["Basic abc"])
        let spec = try ConnectionTestPlan.make(
            Self.connection(.openapi, ["spec": "https://api.example.com/openapi.yaml", "spec_url": " "]), secret: [:]
        ).get()
        #expect(spec.method == "GET" && spec.url == "https://api.example.com/openapi.yaml")
        let composio = try ConnectionTestPlan.make(
            Self.connection(.composio, ["auth_mode": "api_key"]), secret: ["api_key": "ak_12345"]
        ).get()
        #expect(composio.url == "https://backend.composio.dev/api/v3/auth/session/info")
        #expect(composio.headers.contains { $0 == ("x-api-key", "ak_12345") })
    }

    @Test func aSecretThatCannotBeAHeaderIsRefusedWithoutItsValue() {
        for secret: JSONValue in [
            ["headers": ["X-Evil": "a\r\nHost: internal"]], ["headers": ["Bad Name": "x"]], ["headers": ["X": 5]],
            ["token": "tok\nX-Injected: 1"],
        ] {
            guard
                case .failure(let refusal) = ConnectionTestPlan.make(
                    Self.connection(.mcp, ["server_url": "https://mcp.example.com"]), secret: secret)
            else {
                Issue.record("\(secret) was accepted")
                continue
            }
            #expect(
                !refusal.message.contains("internal") && !refusal.message.contains("Injected"), "\(refusal.message)")
        }
        if case .success = ConnectionTestPlan.make(
            Self.connection(.composio, ["auth_mode": "api_key"]), secret: ["api_key": "k\r\nx: y"])
        {
            Issue.record("a Composio key with a line break was sent")
        }
    }

    @Test func answersAreRead() {
        let stream = Array("event: message\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\n: ping\r\n\r\n".utf8)
        #expect(ConnectionTestAnswer.firstEvent(stream) == "{\"a\":\n1}")
        #expect(ConnectionTestAnswer.firstEvent(Array("data: {\"a\":1}\n".utf8)) == nil, "not complete yet")
        #expect(ConnectionTestAnswer.specVersion(#"{ "info": {}, "openapi" : "3.1.0" }"#) == "3.1.0")
        #expect(ConnectionTestAnswer.specVersion("swagger: '2.0'\ninfo:\n  title: x") == "2.0")
        #expect(ConnectionTestAnswer.specVersion(#"{"hello": "openapi"}"#) == nil)
        #expect(ConnectionTestAnswer.clean("a\u{1b}[31mb\nc") == "a[31mbc")
        let sse = ConnectionTestAnswer.judge(
            .mcp, status: 200,
            body: Array(
                "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-03-26\"}}\n\n".utf8),
            eventStream: true)
        #expect(sse.0 == .reachable && sse.1 == "MCP server · protocol 2025-03-26")
        #expect(ConnectionTestAnswer.judge(.spec, status: 403, body: [], eventStream: false).0 == .refused)
        #expect(
            ConnectionTestAnswer.judge(.composio, status: 500, body: [], eventStream: false) == (.error, "HTTP 500"))
        #expect(ConnectionTester.redact("token abcd-1234 and abcd", ["abcd", "abcd-1234"]) == "token *** and ***")
    }
}
