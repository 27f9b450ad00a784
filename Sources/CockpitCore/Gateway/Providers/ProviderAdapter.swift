import Foundation

/// Options that change how a request is translated.
public struct ProviderOptions: Sendable {
    /// Drop request parameters the provider does not support instead of refusing them (LiteLLM's `drop_params`).
    public var dropParams: Bool
    /// Where deployments an account owns may connect (COCKPIT_UPSTREAM_ALLOW).
    public var upstreamPolicy: UpstreamAddressPolicy
    /// The largest whole (non-streamed) upstream answer read; larger ones fail with 502 (COCKPIT_UPSTREAM_MAX_BODY_BYTES).
    public var maxResponseBytes: Int

    public init(
        dropParams: Bool = false, upstreamPolicy: UpstreamAddressPolicy = .publicOnly,
        maxResponseBytes: Int = HTTPClientRequest.defaultMaxResponseBytes
    ) {
        self.dropParams = dropParams
        self.upstreamPolicy = upstreamPolicy
        self.maxResponseBytes = maxResponseBytes
    }
}

/// One provider's wire format: build the upstream request, read its answer and its stream, map its errors.
/// Adding a provider is one file implementing this.
public protocol ProviderAdapter: Sendable {
    /// Builds the upstream HTTP request; nil when the adapter answers locally (the mock provider).
    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest?
    /// Turns a 2xx upstream body into the OpenAI-shaped body the client gets (with `model` set to the public
    /// name), and the usage it reports.
    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?)
    /// A translator for a streamed answer.
    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator
    /// The error for a non-2xx upstream answer.
    func error(status: Int, body: [UInt8]) -> GatewayError
    /// The whole answer of a local adapter, in OpenAI's format (non-streaming).
    func localResponse(_ request: GatewayRequest, deployment: Deployment) throws -> [UInt8]
    /// The streamed answer of a local adapter, as upstream SSE pieces.
    func localStream(_ request: GatewayRequest, deployment: Deployment) throws -> [[UInt8]]
}

extension ProviderAdapter {
    public func localResponse(_ request: GatewayRequest, deployment: Deployment) throws -> [UInt8] {
        throw GatewayError(
            status: 500, message: "provider \(deployment.provider) has no local answer", type: "internal_error")
    }
    public func localStream(_ request: GatewayRequest, deployment: Deployment) throws -> [[UInt8]] {
        throw GatewayError(
            status: 500, message: "provider \(deployment.provider) has no local answer", type: "internal_error")
    }
}

/// Turns upstream stream bytes into OpenAI chat-completion chunks as SSE bytes for the client.
public protocol StreamTranslator: Sendable {
    /// Takes upstream bytes as they arrive; returns what to send to the client now (possibly nothing).
    mutating func feed(_ bytes: [UInt8]) throws -> [UInt8]
    /// The upstream ended: returns the last bytes (usage chunk, `[DONE]`); throws when the stream ended early.
    mutating func finish() throws -> [UInt8]
    /// The usage the upstream reported, if it did.
    var usage: TokenUsage? { get }
    /// Bytes of generated text seen so far (for charging a stream that reports no usage).
    var generatedBytes: Int { get }
    /// True once the first content chunk went out.
    var started: Bool { get }
}

/// A translator that works event by event on an SSE stream: `feed` is shared, each provider writes `translate`.
protocol SSEStreamTranslator: StreamTranslator {
    var parser: SSEParser { get set }
    /// The client bytes for one upstream event.
    mutating func translate(_ event: SSEParser.Event) throws -> [UInt8]
}

extension SSEStreamTranslator {
    mutating func feed(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        for event in try parser.feed(bytes) { out += try translate(event) }
        return out
    }

    /// The bytes of an event left unterminated when the upstream closed.
    mutating func translateRemainder() throws -> [UInt8] {
        guard let event = try parser.finish() else { return [] }
        return try translate(event)
    }
}

/// The adapter for each provider name.
public enum Providers {
    /// Providers that speak OpenAI's API, and their default base URL (nil: `api_base` is required).
    static let openAICompatible: [String: String?] = [
        "openai": "https://api.openai.com/v1", "groq": "https://api.groq.com/openai/v1",
        "together_ai": "https://api.together.xyz/v1",
        "deepseek": "https://api.deepseek.com/v1", "mistral": "https://api.mistral.ai/v1",
        "openrouter": "https://openrouter.ai/api/v1",
        "fireworks_ai": "https://api.fireworks.ai/inference/v1", "perplexity": "https://api.perplexity.ai",
        "hosted_vllm": nil, "vllm": nil, "openai_like": nil, "custom_openai": nil,
        "ollama_chat": "http://localhost:11434/v1",
        "lm_studio": "http://localhost:1234/v1", "xai": "https://api.x.ai/v1",
    ]

    /// The adapter for a provider name, or nil when the provider is not supported.
    public static func adapter(for provider: String) -> (any ProviderAdapter)? {
        switch provider {
        case "azure": AzureProvider()
        case "anthropic": AnthropicProvider()
        case "gemini": GeminiProvider()
        case "cohere", "cohere_chat": CohereProvider()
        case "mock": MockProvider()
        default:
            if let base = openAICompatible[provider] { OpenAIProvider(defaultBase: base) } else { nil }
        }
    }

    /// True when the provider name is supported.
    public static func isSupported(_ provider: String) -> Bool { adapter(for: provider) != nil }
}
