import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A fake LLM upstream for tests and benchmarks that speaks each provider's real wire format: OpenAI (chat, streaming
/// with `stream_options.include_usage`, completions, embeddings), Azure's deployment paths with `api-key`,
/// Anthropic's Messages API with its streaming events, Gemini's `generateContent` / `streamGenerateContent`, and
/// Cohere's v2 `chat` (whole and streamed) and `embed`. Faults are injected per test: error statuses with the
/// provider's error body, latency, a hang, a stream cut midway, malformed JSON. Serve `router()` on a loopback port.
public final class FakeUpstream: @unchecked Sendable {
    /// What the next requests do.
    public struct Behavior: Sendable {
        /// Answer this status (with the provider's error body) to this many requests, then behave.
        public var failStatus = 500
        public var failCount = 0
        /// Wait before answering, in seconds.
        public var latency: TimeInterval = 0
        /// Streams: how many content chunks, and the pause between them.
        public var chunks = 5
        public var chunkDelay: TimeInterval = 0
        /// Streams: stop after this many chunks without the end marker (a cut connection).
        public var cutAfter: Int?
        /// Answer 200 with a body that is not JSON.
        public var malformed = false
        /// Report no usage in streams.
        public var omitUsage = false
        /// When set, requests must carry this key (Bearer, api-key or x-api-key), else 401.
        public var requiredKey: String?
        /// When set, the prompt token count every answer reports (any number, to test absurd usage).
        public var reportedPromptTokens: Double?
        /// When over 0, answer 200 with a JSON body of about this many bytes, sent in 1 MiB pieces.
        public var answerBytes = 0
        public init() {}
    }

    private let lock = NSLock()
    private var behavior = Behavior()
    private var bodies: [JSONValue] = []
    private var served = 0
    private var abandoned = 0
    /// The copilot connection endpoints (an OpenAPI spec, an MCP server, Composio's identity call).
    public let connections = FakeConnectionEndpoints()

    public init(_ behavior: Behavior = Behavior()) { self.behavior = behavior }

    /// Changes what the next requests do.
    public func configure(_ change: (inout Behavior) -> Void) { lock.withLock { change(&behavior) } }
    /// Requests answered so far.
    public var requestCount: Int { lock.withLock { served } }
    /// Streams whose client went away before the end.
    public var abandonedStreams: Int { lock.withLock { abandoned } }
    /// The JSON bodies received, oldest first.
    public var receivedBodies: [JSONValue] { lock.withLock { bodies } }

    /// Every endpoint.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        for prefix in ["/v1", ""] {
            router.post("\(prefix)/chat/completions") { request, _ in try await self.handle(request, .openAI, .chat) }
            router.post("\(prefix)/completions") { request, _ in try await self.handle(request, .openAI, .completions) }
            router.post("\(prefix)/embeddings") { request, _ in try await self.handle(request, .openAI, .embeddings) }
        }
        router.post("/openai/deployments/{deployment}/chat/completions") { request, _ in
            try await self.handle(request, .azure, .chat)
        }
        router.post("/openai/deployments/{deployment}/embeddings") { request, _ in
            try await self.handle(request, .azure, .embeddings)
        }
        router.post("/v1/messages") { request, _ in try await self.handle(request, .anthropic, .chat) }
        // Gemini: /v1beta/models/{model}:generateContent, or :streamGenerateContent?alt=sse.
        router.post("/v1beta/models/{target}") { request, _ in try await self.handle(request, .gemini, .chat) }
        router.post("/v2/chat") { request, _ in try await self.handle(request, .cohere, .chat) }
        router.post("/v2/embed") { request, _ in try await self.handle(request, .cohere, .embeddings) }
        connections.register(router)
        return router
    }

    enum Dialect { case openAI, azure, anthropic, gemini, cohere }

    private func handle(_ request: Request, _ dialect: Dialect, _ endpoint: GatewayEndpoint) async throws -> Response {
        var request = request
        let raw = Array(try await request.collectBody(upTo: 16 << 20).readableBytesView)
        let body = (try? JSONBytes.parse(raw)) ?? .null
        let (b, failing) = lock.withLock { () -> (Behavior, Bool) in
            served += 1
            bodies.append(body)
            let failing = behavior.failCount > 0
            if failing { behavior.failCount -= 1 }
            return (behavior, failing)
        }
        if b.latency > 0 { try await Task.sleep(nanoseconds: UInt64(b.latency * 1e9)) }
        if let key = b.requiredKey, !Self.carries(request.headers, key, dialect) {
            return Self.error(401, "invalid api key", dialect)
        }
        if dialect == .azure, request.uri.queryParameters["api-version"] == nil {
            return Self.error(404, "api-version is required", dialect)
        }
        if dialect == .anthropic, request.headers[HTTPField.Name("anthropic-version")!] == nil {
            return Self.error(400, "anthropic-version header is required", dialect)
        }
        if failing { return Self.error(b.failStatus, "injected failure \(b.failStatus)", dialect) }
        if b.malformed { return Self.json(Array("{not json".utf8)) }
        if b.answerBytes > 0 { return Self.hugeAnswer(b.answerBytes) }
        let prompt = b.reportedPromptTokens ?? Double(max(1, raw.count / 4))
        if dialect == .cohere { return try cohere(endpoint, body, prompt, b) }
        if dialect == .gemini {
            let target = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
            let parts = target.split(separator: ":").map(String.init)
            guard parts.count == 2, ["generateContent", "streamGenerateContent"].contains(parts[1]),
                body["contents"]?.arrayValue != nil
            else {
                return Self.error(400, "expected models/{model}:generateContent with contents", dialect)
            }
            if parts[1] == "streamGenerateContent" {
                guard request.uri.queryParameters["alt"] == "sse" else {
                    return Self.error(400, "this fake streams with alt=sse only", dialect)
                }
                return geminiStream(parts[0], prompt, b)
            }
            return Self.json(
                try FastJSONEncoder.encode(
                    Self.geminiResponse(
                        parts[0], parts: [["text": .string(Self.words(b.chunks).joined())]],
                        finish: "STOP", prompt: prompt, output: b.chunks)))
        }
        let model = body["model"]?.stringValue ?? "unknown"
        if body["stream"] == .bool(true) {
            return dialect == .anthropic
                ? anthropicStream(model, prompt, b)
                : openAIStream(model, prompt, b, usage: body["stream_options"]?["include_usage"] == .bool(true))
        }
        switch (dialect, endpoint) {
        case (.anthropic, _):
            return Self.json(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": "msg_fake", "type": "message", "role": "assistant", "model": .string(model),
                        "content": [["type": "text", "text": .string(Self.words(b.chunks).joined())]],
                        "stop_reason": "end_turn",
                        "usage": ["input_tokens": .number(prompt), "output_tokens": .number(Double(b.chunks))],
                    ])))
        case (_, .embeddings):
            return Self.json(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "object": "list", "model": .string(model),
                        "data": [["object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]]],
                        "usage": ["prompt_tokens": .number(prompt), "total_tokens": .number(prompt)],
                    ])))
        case (_, .completions):
            return Self.json(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": "cmpl-fake", "object": "text_completion", "created": 1_700_000_000,
                        "model": .string(model),
                        "choices": [
                            ["index": 0, "text": .string(Self.words(b.chunks).joined()), "finish_reason": "stop"]
                        ],
                        "usage": Self.usage(prompt, b.chunks),
                    ])))
        case (_, .chat):
            return Self.json(
                try FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_700_000_000,
                        "model": .string(model),
                        "choices": [
                            [
                                "index": 0,
                                "message": ["role": "assistant", "content": .string(Self.words(b.chunks).joined())],
                                "finish_reason": "stop",
                            ]
                        ],
                        "usage": Self.usage(prompt, b.chunks),
                    ])))
        }
    }

    static func carries(_ headers: HTTPFields, _ key: String, _ dialect: Dialect) -> Bool {
        switch dialect {
        case .openAI, .cohere: headers[.authorization] == "Bearer \(key)"
        case .azure: headers[HTTPField.Name("api-key")!] == key
        case .anthropic: headers[HTTPField.Name("x-api-key")!] == key
        case .gemini: headers[HTTPField.Name("x-goog-api-key")!] == key
        }
    }

    static func words(_ n: Int) -> [String] { (0..<n).map { "w\($0) " } }

    static func usage(_ prompt: Double, _ completion: Int) -> JSONValue {
        [
            "prompt_tokens": .number(prompt), "completion_tokens": .number(Double(completion)),
            "total_tokens": .number(prompt + Double(completion)),
        ]
    }

    /// A 200 whose JSON body is `bytes` long, written in 1 MiB pieces (the fake never holds it whole).
    static func hugeAnswer(_ bytes: Int) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody { writer in
                let piece = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 20)
                try await writer.write(ByteBuffer(string: "{\"padding\": \""))
                for _ in 0..<(bytes >> 20) { try await writer.write(piece) }
                try await writer.write(ByteBuffer(string: "\"}"))
                try await writer.finish(nil)
            })
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The provider's own error body for a status.
    static func error(_ status: Int, _ message: String, _ dialect: Dialect) -> Response {
        if dialect == .gemini {
            let code =
                [
                    400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                    429: "RESOURCE_EXHAUSTED",
                    503: "UNAVAILABLE",
                ][status] ?? "INTERNAL"
            let body: JSONValue = [
                "error": ["code": .number(Double(status)), "message": .string(message), "status": .string(code)]
            ]
            return json((try? FastJSONEncoder.encode(body)) ?? [], status: HTTPResponse.Status(code: status))
        }
        if dialect == .cohere {
            return json(
                (try? FastJSONEncoder.encode(JSONValue.object(["id": "fake", "message": .string(message)]))) ?? [],
                status: HTTPResponse.Status(code: status))
        }
        let body: JSONValue =
            dialect == .anthropic
            ? [
                "type": "error",
                "error": [
                    "type": status == 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error",
                    "message": .string(message),
                ],
            ]
            : [
                "error": [
                    "message": .string(message),
                    "type": status == 429 ? "rate_limit_exceeded" : "invalid_request_error", "param": .null,
                    "code": .null,
                ]
            ]
        return json((try? FastJSONEncoder.encode(body)) ?? [], status: HTTPResponse.Status(code: status))
    }

    /// Streams `pieces` as SSE, pausing between them; notes a client that goes away.
    func stream(_ pieces: [[UInt8]], delay: TimeInterval) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                do {
                    for piece in pieces {
                        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
                        try await writer.write(ByteBuffer(bytes: piece))
                    }
                    try await writer.finish(nil)
                } catch {
                    self.lock.withLock { self.abandoned += 1 }
                    throw error
                }
            })
    }
}
