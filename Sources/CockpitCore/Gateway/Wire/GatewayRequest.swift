import Foundation

/// The OpenAI endpoints the gateway serves.
public enum GatewayEndpoint: String, Sendable, CaseIterable {
    case chat = "chat/completions"
    case completions
    case embeddings
}

/// A client's request as the gateway reads it: the raw body (forwarded with only the fields it must change), its
/// top-level members, and the few fields routing and accounting need.
public struct GatewayRequest: Sendable {
    public var endpoint: GatewayEndpoint
    public var body: [UInt8]
    public var members: [JSONBytes.Member]
    /// The public model name the client asked for (the model group).
    public var model: String
    public var stream: Bool
    /// `stream_options.include_usage`: the client wants a final usage chunk.
    public var includeUsage: Bool
    /// LiteLLM's `mock_response`: answer with this text without calling the upstream.
    public var mockResponse: String?
    /// `max_tokens` / `max_completion_tokens`, for the budget estimate.
    public var maxTokens: Int?
    /// `user`: the customer (end user) of the calling key's account the request is charged to; nil when absent or
    /// empty.
    public var user: String?
    /// The agent, connection and guardrail a copilot request names in its `metadata` (`agent_id`, `connection_id`,
    /// `guardrail_code`), charged on its credit ledger row.
    public var creditTags = CreditAttribution()
    /// `n`: how many choices the upstream generates (each costs its completion tokens), 1 to `maxChoices`.
    public var choices = 1
    /// The most choices one request may ask for.
    public static let maxChoices = 128

    /// Reads a request body; throws an OpenAI-style 400 naming what is wrong.
    public static func parse(
        _ endpoint: GatewayEndpoint, body: [UInt8], model pathModel: String? = nil
    ) throws -> GatewayRequest {
        let members: [JSONBytes.Member]
        do { members = try JSONBytes.members(body) } catch let e as CockpitError {
            throw GatewayError.invalid("request body \(e.description)")
        }
        var request = GatewayRequest(
            endpoint: endpoint, body: body, members: members, model: "", stream: false, includeUsage: false)
        for m in members {
            switch m.key {
            case "model":
                guard case .string(let s) = try JSONBytes.parse(body, m.value) else {
                    throw GatewayError.invalid("model must be a string", param: "model")
                }
                request.model = s
            case "stream":
                switch try JSONBytes.parse(body, m.value) {
                case .bool(let b): request.stream = b
                case .null: break
                default: throw GatewayError.invalid("stream must be a boolean", param: "stream")
                }
            case "stream_options":
                request.includeUsage = try JSONBytes.parse(body, m.value)["include_usage"] == .bool(true)
            case "mock_response":
                switch try JSONBytes.parse(body, m.value) {
                case .string(let s): request.mockResponse = s
                case .null: break
                default: throw GatewayError.invalid("mock_response must be a string", param: "mock_response")
                }
            case "max_tokens", "max_completion_tokens":
                switch try JSONBytes.parse(body, m.value) {
                case .null: break
                case .number(let n) where n.rounded() == n:
                    guard let tokens = CheckedNumber.count(n, max: TokenUsage.maxTokens) else { fallthrough }
                    request.maxTokens = tokens
                default:
                    throw GatewayError.invalid(
                        "\(m.key) must be a whole number from 0 to \(TokenUsage.maxTokens)", param: m.key)
                }
            case "user":
                switch try JSONBytes.parse(body, m.value) {
                case .null, .string(""): break
                case .string(let s):
                    do { request.user = try Customer.checkID(s, field: "user") } catch let e as CockpitError {
                        throw GatewayError.invalid(e.description, param: "user")
                    }
                default: throw GatewayError.invalid("user must be a string", param: "user")
                }
            case "metadata": request.creditTags = try Self.creditTags(try JSONBytes.parse(body, m.value))
            case "n":
                switch try JSONBytes.parse(body, m.value) {
                case .null: break
                case .number(let n) where n.rounded() == n && n >= 1 && n <= Double(Self.maxChoices):
                    request.choices = Int(exactly: n) ?? 1
                default: throw GatewayError.invalid("n must be a whole number from 1 to \(Self.maxChoices)", param: "n")
                }
            default: break
            }
        }
        if let pathModel, !pathModel.isEmpty { request.model = pathModel }
        guard !request.model.isEmpty else { throw GatewayError.invalid("model is required", param: "model") }
        guard request.model.utf8.count <= 256 else { throw GatewayError.invalid("model is too long", param: "model") }
        if endpoint == .embeddings, request.stream {
            throw GatewayError.invalid("embeddings cannot be streamed", param: "stream")
        }
        try request.checkRequiredInput()
        return request
    }

    /// The credit attribution in a request's `metadata`: each of `agent_id`, `connection_id`, `guardrail_code` a string
    /// of at most 200 characters when present (a 400 naming it otherwise); other metadata is the client's own.
    static func creditTags(_ metadata: JSONValue) throws -> CreditAttribution {
        guard case .object(let fields) = metadata else {
            guard metadata == .null else { throw GatewayError.invalid("metadata must be an object", param: "metadata") }
            return CreditAttribution()
        }
        func tag(_ name: String) throws -> String? {
            switch fields[name] {
            case nil, .null?: return nil
            case .string(let s)? where !s.isEmpty && s.count <= 200: return s
            default:
                throw GatewayError.invalid(
                    "metadata.\(name) must be a string of 1 to 200 characters", param: "metadata.\(name)")
            }
        }
        return CreditAttribution(
            agentID: try tag("agent_id"), connectionID: try tag("connection_id"),
            guardrailCode: try tag("guardrail_code"))
    }

    /// The parsed value of one top-level member.
    public func value(_ key: String) -> JSONValue? {
        guard let m = members.first(where: { $0.key == key }) else { return nil }
        return try? JSONBytes.parse(body, m.value)
    }

    /// A rough prompt size in tokens (four bytes a token), for the budget estimate before the call.
    public var estimatedPromptTokens: Int { max(1, body.count / 4) }

    private func checkRequiredInput() throws {
        let required =
            switch endpoint {
            case .chat: "messages"
            case .completions: "prompt"
            case .embeddings: "input"
            }
        guard let m = members.first(where: { $0.key == required }) else {
            throw GatewayError.invalid("\(required) is required", param: required)
        }
        if endpoint == .chat {
            guard case .array(let messages) = try JSONBytes.parse(body, m.value), !messages.isEmpty else {
                throw GatewayError.invalid("messages must be a non-empty array", param: "messages")
            }
            for message in messages where message["role"]?.stringValue == nil {
                throw GatewayError.invalid("each message needs a role", param: "messages")
            }
        }
    }
}

/// Tokens used by one call.
public struct TokenUsage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    public var totalTokens: Int { promptTokens + completionTokens }

    /// The most tokens one call may report on either side. An upstream reporting more, a negative, fractional or
    /// non-number count is answering nonsense: the call fails with 502 and is charged at its estimate.
    public static let maxTokens = 100_000_000

    /// Reads an OpenAI `usage` object: nil when it has no `prompt_tokens`; throws when a count is absurd.
    public init?(openAI usage: JSONValue?) throws {
        guard let usage, let prompt = try Self.tokens(usage["prompt_tokens"], field: "usage.prompt_tokens") else {
            return nil
        }
        self.init(
            promptTokens: prompt,
            completionTokens: try Self.tokens(usage["completion_tokens"], field: "usage.completion_tokens") ?? 0)
    }

    /// One token count of an upstream's answer: nil when absent or null, a 502 (`GatewayError.absurdUsage`) when
    /// it is not a whole number in `0...maxTokens`.
    public static func tokens(_ value: JSONValue?, field: String) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard let d = value.doubleValue, d.rounded() == d, let n = CheckedNumber.count(d, max: maxTokens) else {
            throw GatewayError.absurdUsage(field)
        }
        return n
    }
}
