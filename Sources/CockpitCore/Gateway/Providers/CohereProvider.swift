import Foundation

/// `cohere/…` (and LiteLLM's `cohere_chat/…`): OpenAI chat requests sent to Cohere's v2 `chat` and embeddings to its
/// v2 `embed`, and their answers turned back into OpenAI's shapes — messages (v2 takes OpenAI's roles, text and
/// image parts, tool calls and results), tools, generation settings, finish reasons and the billed usage; streaming
/// through `CohereStreamTranslator`. The key goes in `Authorization: Bearer`.
struct CohereProvider: ProviderAdapter {
    static let defaultBase = "https://api.cohere.com"
    /// OpenAI chat parameters that have a Cohere equivalent or are handled here (`user` is not sent).
    static let translated: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "stream",
        "stream_options", "tools", "tool_choice", "seed", "presence_penalty", "frequency_penalty", "user",
    ]
    /// OpenAI embedding parameters handled here.
    static let embeddingFields: Set<String> = ["model", "input", "encoding_format", "user", "input_type"]

    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? {
        let known: Set<String>
        switch request.endpoint {
        case .chat: known = Self.translated
        case .embeddings: known = Self.embeddingFields
        case .completions:
            throw GatewayError.invalid("cohere models serve chat completions and embeddings here, not completions")
        }
        for m in request.members where !OpenAIWire.gatewayFields.contains(m.key) && !known.contains(m.key) {
            guard options.dropParams else {
                throw GatewayError.invalid(
                    "cohere does not support the parameter '\(m.key)'; set drop_params to drop it", param: m.key)
            }
        }
        let body =
            try request.endpoint == .chat ? Self.chatBody(request, deployment) : Self.embedBody(request, deployment)
        var headers: [(name: String, value: String)] = []
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("Authorization", "Bearer \(key)")) }
        let path = request.endpoint == .chat ? "v2/chat" : "v2/embed"
        return HTTPClientRequest(
            url: OpenAIProvider.join(deployment.apiBase ?? Self.defaultBase, path), method: "POST",
            headers: OpenAIWire.jsonHeaders(headers), body: try FastJSONEncoder.encode(JSONValue.object(body)),
            timeout: request.stream ? deployment.streamTimeout : deployment.timeout)
    }

    /// The v2 chat body: OpenAI's messages with `developer` read as `system` and empty assistant content left out.
    static func chatBody(_ request: GatewayRequest, _ deployment: Deployment) throws -> [String: JSONValue] {
        let messages = try (request.value("messages")?.arrayValue ?? []).map { message -> JSONValue in
            guard var m = message.objectValue else {
                throw GatewayError.invalid("each message must be an object", param: "messages")
            }
            let role = m["role"]?.stringValue ?? ""
            guard ["system", "developer", "user", "assistant", "tool"].contains(role) else {
                throw GatewayError.invalid("unknown message role '\(role)'", param: "messages")
            }
            if role == "developer" { m["role"] = "system" }
            m["name"] = nil
            if role == "assistant", m["content"] == nil || m["content"] == .null || m["content"] == "" {
                m["content"] = nil
            }
            return .object(m)
        }
        var body: [String: JSONValue] = [
            "model": .string(deployment.upstreamModel), "messages": .array(messages), "stream": .bool(request.stream),
        ]
        if let max = request.maxTokens { body["max_tokens"] = .number(Double(max)) }
        for (ours, theirs) in [
            ("temperature", "temperature"), ("top_p", "p"), ("seed", "seed"), ("presence_penalty", "presence_penalty"),
            ("frequency_penalty", "frequency_penalty"), ("tools", "tools"),
        ] {
            if let v = request.value(ours), v != .null { body[theirs] = v }
        }
        switch request.value("stop") {
        case .string(let s)?: body["stop_sequences"] = [.string(s)]
        case .array(let a)?: body["stop_sequences"] = .array(a)
        default: break
        }
        switch request.value("tool_choice") {
        case .string("required")?: body["tool_choice"] = "REQUIRED"
        case .string("none")?: body["tool_choice"] = "NONE"
        case .object?:
            throw GatewayError.invalid(
                "cohere cannot be made to call one named tool; use tool_choice \"required\"", param: "tool_choice")
        default: break
        }
        return body
    }

    /// The v2 embed body: the input as `texts`, float embeddings, `input_type` as given or `search_document`.
    static func embedBody(_ request: GatewayRequest, _ deployment: Deployment) throws -> [String: JSONValue] {
        let texts: [JSONValue]
        switch request.value("input") {
        case .string(let s)?: texts = [.string(s)]
        case .array(let a)? where !a.isEmpty && a.allSatisfy({ $0.stringValue != nil }): texts = a
        default: throw GatewayError.invalid("cohere embeds a string or a list of strings", param: "input")
        }
        if let format = request.value("encoding_format"), format != .null, format != "float" {
            throw GatewayError.invalid("cohere embeddings are returned as floats here", param: "encoding_format")
        }
        return [
            "model": .string(deployment.upstreamModel), "texts": .array(texts), "embedding_types": ["float"],
            "input_type": request.value("input_type") ?? "search_document",
        ]
    }

    /// Cohere's finish reason → OpenAI's; nil for an answer that failed (`ERROR`).
    static func finishReason(_ reason: String?) -> JSONValue? {
        switch reason {
        case "MAX_TOKENS"?: "length"
        case "TOOL_CALL"?: "tool_calls"
        case "ERROR_TOXIC"?: "content_filter"
        case "ERROR"?: nil
        case nil: .null
        default: "stop"
        }
    }

    /// The billed usage (`billed_units`, what Cohere charges), else the token counts; nil when neither is there.
    static func usage(_ usage: JSONValue?) throws -> TokenUsage? {
        for (counts, name) in [(usage?["billed_units"], "billed_units"), (usage?["tokens"], "tokens")] {
            guard let counts, counts != .null,
                let input = try TokenUsage.tokens(counts["input_tokens"], field: "usage.\(name).input_tokens")
            else { continue }
            let output = try TokenUsage.tokens(counts["output_tokens"], field: "usage.\(name).output_tokens") ?? 0
            return TokenUsage(promptTokens: input, completionTokens: output)
        }
        return nil
    }

    /// The text of a message's content parts (`[{"type": "text", "text"}]`, or a plain string).
    static func text(_ content: JSONValue?) -> String {
        if let s = content?.stringValue { return s }
        return (content?.arrayValue ?? []).compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil }.joined()
    }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        guard let answer = try? JSONBytes.parse(body), answer.objectValue != nil else {
            throw GatewayError(
                status: 502, message: "the upstream answered with malformed JSON", type: "api_error", retryable: true)
        }
        if request.endpoint == .embeddings { return try Self.embeddings(answer, request: request) }
        guard let finish = Self.finishReason(answer["finish_reason"]?.stringValue) else {
            throw GatewayError(
                status: 502, message: "cohere ended the answer with an error", type: "api_error", retryable: true)
        }
        let text = Self.text(answer["message"]?["content"])
        let calls = answer["message"]?["tool_calls"]?.arrayValue ?? []
        var message: [String: JSONValue] = [
            "role": "assistant", "content": calls.isEmpty || !text.isEmpty ? .string(text) : .null,
        ]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        let usage =
            try Self.usage(answer["usage"])
            ?? TokenUsage(promptTokens: request.estimatedPromptTokens, completionTokens: 0)
        let id = "chatcmpl-" + (answer["id"]?.stringValue ?? UUID().uuidString.lowercased())
        let choice: JSONValue = ["index": 0, "message": .object(message), "finish_reason": finish]
        return (try OpenAIWire.chatCompletion(id: id, model: request.model, choices: [choice], usage: usage), usage)
    }

    /// `{"embeddings": {"float": [[…]]}, "meta": {"billed_units": {"input_tokens"}}}` → OpenAI's embedding list.
    static func embeddings(_ answer: JSONValue, request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        guard let vectors = answer["embeddings"]?["float"]?.arrayValue else {
            throw GatewayError(
                status: 502, message: "the upstream answered without float embeddings", type: "api_error",
                retryable: true)
        }
        let usage =
            try usage(answer["meta"]) ?? TokenUsage(promptTokens: request.estimatedPromptTokens, completionTokens: 0)
        let data: [JSONValue] = vectors.enumerated().map { i, vector in
            ["object": "embedding", "index": .number(Double(i)), "embedding": vector]
        }
        let out: JSONValue = [
            "object": "list", "model": .string(request.model), "data": .array(data),
            "usage": [
                "prompt_tokens": .number(Double(usage.promptTokens)),
                "total_tokens": .number(Double(usage.totalTokens)),
            ],
        ]
        return (try FastJSONEncoder.encode(out), usage)
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        CohereStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    /// Cohere's `{"message": "…"}` (v2 adds an `id`); 429 is retried and cools the deployment like any other.
    func error(status: Int, body: [UInt8]) -> GatewayError {
        let parsed = try? JSONBytes.parse(body)
        let message = parsed?["message"]?.stringValue ?? "the upstream answered \(status)"
        return GatewayError.upstream(status: status, message: message, type: nil)
    }
}
