import Foundation

/// OpenAI's wire format, shared by every OpenAI-compatible adapter and Azure: the request body forwarded with
/// only `model` replaced and LiteLLM's own fields removed, answers with `model` set back to the public name,
/// streamed chunks rewritten one by one.
enum OpenAIWire {
    /// Request fields that belong to the gateway (LiteLLM's names), never forwarded upstream.
    static let gatewayFields: Set<String> = [
        "mock_response", "metadata", "fallbacks", "num_retries", "caching", "tags", "litellm_metadata",
        "context_window_fallbacks", "request_timeout", "drop_params",
    ]

    /// The upstream body: the client's, with the upstream model name, and usage asked for on streams.
    static func body(_ request: GatewayRequest, upstreamModel: String?) -> [UInt8] {
        var replacements: [String: [UInt8]?] = [:]
        for m in request.members where gatewayFields.contains(m.key) { replacements[m.key] = .some(nil) }
        if let upstreamModel { replacements["model"] = JSONBytes.quoted(upstreamModel) }
        var additions: [(String, [UInt8])] = []
        if request.stream {
            // Usage is needed to charge the stream; the extra chunk is dropped when the client did not ask for it.
            replacements["stream_options"] = Array(#"{"include_usage":true}"#.utf8)
            additions.append(("stream_options", Array(#"{"include_usage":true}"#.utf8)))
        }
        return JSONBytes.splice(
            request.body, members: request.members, replacements: replacements, additions: additions)
    }

    static func jsonHeaders(_ extra: [(name: String, value: String)]) -> [(name: String, value: String)] {
        [("Content-Type", "application/json"), ("Accept", "application/json")] + extra
    }

    /// The upstream POST of an OpenAI-shaped body to `url`, with the deployment's timeout for the kind of call.
    static func request(
        _ request: GatewayRequest, url: String, auth: [(name: String, value: String)], deployment: Deployment
    ) -> HTTPClientRequest {
        HTTPClientRequest(
            url: url, method: "POST", headers: jsonHeaders(auth),
            body: body(request, upstreamModel: deployment.upstreamModel),
            timeout: request.stream ? deployment.streamTimeout : deployment.timeout)
    }

    /// The answer with `model` set to the public name, and its usage.
    static func translate(_ body: [UInt8], publicModel: String) throws -> (body: [UInt8], usage: TokenUsage?) {
        let members: [JSONBytes.Member]
        do { members = try JSONBytes.members(body) } catch {
            throw GatewayError(
                status: 502, message: "the upstream answered with malformed JSON", type: "api_error", retryable: true)
        }
        let usage = try members.first { $0.key == "usage" }.flatMap {
            try TokenUsage(openAI: try? JSONBytes.parse(body, $0.value))
        }
        return (JSONBytes.splice(body, members: members, replacements: ["model": JSONBytes.quoted(publicModel)]), usage)
    }

    /// The error an OpenAI-style error body describes, with the parameter it names. A body without a `type`
    /// (Azure's `{"error": {"code": "429", "message": …}}`, its content filter's `"type": null`) gets the OpenAI
    /// type of its status.
    static func error(status: Int, body: [UInt8]) -> GatewayError {
        let parsed = try? JSONBytes.parse(body)
        let error = parsed?["error"]
        let message =
            error?["message"]?.stringValue ?? error?.stringValue ?? parsed?["detail"]?.stringValue
            ?? "the upstream answered \(status)"
        let byStatus: [Int: String] = [
            401: "authentication_error", 403: "permission_error", 404: "not_found_error", 429: "rate_limit_error",
        ]
        var gatewayError = GatewayError.upstream(
            status: status, message: message, type: error?["type"]?.stringValue ?? byStatus[status])
        gatewayError.param = error?["param"]?.stringValue
        return gatewayError
    }
}

/// Rewrites an OpenAI chunk stream: `model` set to the public name, usage captured, the usage-only chunk dropped
/// when the client did not ask for it, upstream error events turned into a thrown error.
struct OpenAIStreamTranslator: SSEStreamTranslator {
    let publicModel: [UInt8]
    let includeUsage: Bool
    var parser = SSEParser()
    var usage: TokenUsage?
    var generatedBytes = 0
    var started = false
    var done = false

    init(publicModel: String, includeUsage: Bool) {
        self.publicModel = JSONBytes.quoted(publicModel)
        self.includeUsage = includeUsage
    }

    mutating func finish() throws -> [UInt8] {
        let out = try translateRemainder()
        guard done else {
            throw GatewayError(status: 502, message: "the upstream stream ended before [DONE]", type: "api_error")
        }
        return out + SSE.done
    }

    mutating func translate(_ event: SSEParser.Event) throws -> [UInt8] {
        if event.data.elementsEqual("[DONE]".utf8) { done = true; return [] }
        guard !done else { return [] }
        let members: [JSONBytes.Member]
        do { members = try JSONBytes.members(event.data) } catch {
            throw GatewayError(status: 502, message: "the upstream sent a malformed stream chunk", type: "api_error")
        }
        if let e = members.first(where: { $0.key == "error" }) {
            let message = (try? JSONBytes.parse(event.data, e.value))?["message"]?.stringValue ?? "upstream error"
            throw GatewayError(status: 502, message: message, type: "api_error")
        }
        var choices: [JSONValue]?
        if let c = members.first(where: { $0.key == "choices" }),
            case .array(let parsed)? = try? JSONBytes.parse(event.data, c.value)
        {
            choices = parsed
        }
        if let u = members.first(where: { $0.key == "usage" }),
            let found = try TokenUsage(openAI: try? JSONBytes.parse(event.data, u.value))
        {
            usage = found
            if choices?.isEmpty ?? true, !includeUsage { return [] }
        } else if choices?.isEmpty == true {
            // `"choices": []` without usage carries nothing an OpenAI client reads: Azure opens its streams with
            // such a chunk holding only `prompt_filter_results` (and empty `id`, `model`, `object`).
            return []
        }
        for choice in choices ?? [] {
            generatedBytes +=
                choice["delta"]?["content"]?.stringValue?.utf8.count ?? choice["text"]?.stringValue?.utf8.count ?? 0
            started = true
        }
        return SSE.frame(JSONBytes.splice(event.data, members: members, replacements: ["model": publicModel]))
    }
}

/// The OpenAI answer shapes that translating adapters (Anthropic, Gemini) build.
extension OpenAIWire {
    /// An OpenAI `usage` object.
    static func usage(_ u: TokenUsage) -> JSONValue {
        [
            "prompt_tokens": .number(Double(u.promptTokens)), "completion_tokens": .number(Double(u.completionTokens)),
            "total_tokens": .number(Double(u.totalTokens)),
        ]
    }

    /// A whole `chat.completion` answer built by a translating adapter, under the public model name.
    static func chatCompletion(id: String, model: String, choices: [JSONValue], usage u: TokenUsage) throws -> [UInt8] {
        try FastJSONEncoder.encode(
            JSONValue.object([
                "id": .string(id), "object": "chat.completion",
                "created": .number(Date().timeIntervalSince1970.rounded(.down)),
                "model": .string(model), "choices": .array(choices), "usage": usage(u),
            ]))
    }

    /// The stream's closing usage chunk (no choices), as OpenAI sends it when `stream_options.include_usage` is set.
    static func usageChunk(id: String, created: JSONValue, model: String, usage u: TokenUsage) throws -> [UInt8] {
        SSE.frame(
            try FastJSONEncoder.encode(
                JSONValue.object([
                    "id": .string(id), "object": "chat.completion.chunk", "created": created, "model": .string(model),
                    "choices": [], "usage": usage(u),
                ])))
    }
}
