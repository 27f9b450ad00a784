import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What a fake upstream answers to copilot connection tests: an OpenAPI spec (`GET /openapi.json`, and
/// `/not-a-spec.json`), an MCP server's `initialize` over Streamable HTTP (`POST /mcp`, a JSON body or, when
/// `streams`, an event stream whose first event is the answer and which then stays open), and Composio's identity
/// call (`GET /api/v3/auth/session/info` with `x-api-key`).
public final class FakeConnectionEndpoints: @unchecked Sendable {
    /// What the next requests do.
    public struct Behavior: Sendable {
        /// When set, MCP requests need `Authorization: Bearer <key>` and Composio's `x-api-key: <key>` (else 401).
        public var requiredKey: String?
        /// Answer MCP with an event stream instead of a JSON body.
        public var streams = false
        /// Answer MCP with a JSON-RPC error whose message repeats the request's Authorization header.
        public var echoesAuthorization = false
        /// Wait before answering, in seconds.
        public var latency: TimeInterval = 0
        public init() {}
    }

    /// One request received: its method, path, lower-cased headers and body.
    public struct Received: Sendable {
        public let method: String
        public let path: String
        public let headers: [String: String]
        public let body: JSONValue
    }

    private let lock = NSLock()
    private var behavior = Behavior()
    private var log: [Received] = []

    public init() {}

    /// Changes what the next requests do.
    public func configure(_ change: (inout Behavior) -> Void) { lock.withLock { change(&behavior) } }
    /// The requests received, oldest first.
    public var received: [Received] { lock.withLock { log } }

    /// The fake's spec: the version a test reads back.
    public static let spec: JSONValue = [
        "openapi": "3.0.3", "info": ["title": "Fake pets", "version": "1.0.0"], "paths": [:],
    ]
    /// The fake Composio answer: holds a key, which no test result may repeat.
    public static let sessionKey = "ak_fake_session_key_never_echoed"

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/openapi.json") { request, _ in
            try await self.answer(request) { _, _ in Self.json(Self.spec) }
        }
        router.get("/not-a-spec.json") { request, _ in
            try await self.answer(request) { _, _ in Self.json(["hello": "world"]) }
        }
        router.post("/mcp") { request, _ in
            try await self.answer(request) { headers, b in
                if let key = b.requiredKey, headers["authorization"] != "Bearer \(key)" {
                    return Self.json(["error": "unauthorized"], status: .unauthorized)
                }
                if b.echoesAuthorization {
                    return Self.json([
                        "jsonrpc": "2.0", "id": 1,
                        "error": ["code": -32600, "message": .string("bad \(headers["authorization"] ?? "")")],
                    ])
                }
                let result: JSONValue = [
                    "jsonrpc": "2.0", "id": 1,
                    "result": [
                        "protocolVersion": "2025-03-26", "capabilities": ["tools": [:]],
                        "serverInfo": ["name": "fake-mcp", "version": "0.1"],
                    ],
                ]
                return b.streams ? Self.events(result) : Self.json(result)
            }
        }
        router.get("/api/v3/auth/session/info") { request, _ in
            try await self.answer(request) { headers, b in
                if let key = b.requiredKey, headers["x-api-key"] != key {
                    return Self.json(["error": ["message": "invalid api key"]], status: .unauthorized)
                }
                return Self.json(["project": ["name": "Fake project"], "api_key": ["key": .string(Self.sessionKey)]])
            }
        }
    }

    private func answer(
        _ request: Request, _ respond: ([String: String], Behavior) -> Response
    ) async throws -> Response {
        var request = request
        let raw = Array(try await request.collectBody(upTo: 1 << 20).readableBytesView)
        let headers = Dictionary(
            request.headers.map { ($0.name.canonicalName.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        let b = lock.withLock { () -> Behavior in
            log.append(
                Received(
                    method: request.method.rawValue, path: request.uri.path, headers: headers,
                    body: (try? JSONBytes.parse(raw)) ?? .null))
            return behavior
        }
        if b.latency > 0 { try await Task.sleep(nanoseconds: UInt64(b.latency * 1e9)) }
        return respond(headers, b)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: value.encodedString)))
    }

    /// An event stream: the answer as its first event, then a comment every 100 ms for up to 10 s (until the client
    /// goes away), so a reader that waits for the stream's end instead of the first event runs out of time.
    static func events(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "event: message\ndata: \(value.encodedString)\n\n"))
                for _ in 0..<100 {
                    try await Task.sleep(nanoseconds: 100_000_000)
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                }
                try await writer.finish(nil)
            })
    }
}
