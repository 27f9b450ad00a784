import Foundation

/// `gemini/…` (Google AI Studio): OpenAI chat requests translated to `generateContent` and back — system instruction,
/// roles (assistant → model), multi-part content with inline images, tools (function declarations, calls and
/// responses), generation settings, stop reasons and usage; streaming through `streamGenerateContent?alt=sse` (see
/// `GeminiStreamTranslator`). The key goes in the `x-goog-api-key` header, never in the URL.
struct GeminiProvider: ProviderAdapter {
    static let defaultBase = "https://generativelanguage.googleapis.com"
    /// OpenAI parameters that have a Gemini equivalent or are handled here.
    static let translated: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "stream",
        "stream_options", "tools", "tool_choice", "n", "seed", "presence_penalty", "frequency_penalty", "user",
    ]

    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? {
        guard request.endpoint == .chat else {
            throw GatewayError.invalid("gemini models serve chat completions here, not \(request.endpoint.rawValue)")
        }
        for m in request.members where !OpenAIWire.gatewayFields.contains(m.key) && !Self.translated.contains(m.key) {
            guard options.dropParams else {
                throw GatewayError.invalid(
                    "gemini does not support the parameter '\(m.key)'; set drop_params to drop it", param: m.key)
            }
        }
        let (system, contents) = try Self.contents(request.value("messages")?.arrayValue ?? [])
        var body: [String: JSONValue] = ["contents": .array(contents)]
        if !system.isEmpty { body["systemInstruction"] = ["parts": [["text": .string(system)]]] }
        var config: [String: JSONValue] = [:]
        if let max = request.maxTokens { config["maxOutputTokens"] = .number(Double(max)) }
        for (ours, theirs) in [
            ("temperature", "temperature"), ("top_p", "topP"), ("n", "candidateCount"), ("seed", "seed"),
            ("presence_penalty", "presencePenalty"), ("frequency_penalty", "frequencyPenalty"),
        ] {
            if let v = request.value(ours), v != .null { config[theirs] = v }
        }
        switch request.value("stop") {
        case .string(let s)?: config["stopSequences"] = [.string(s)]
        case .array(let a)?: config["stopSequences"] = .array(a)
        default: break
        }
        if !config.isEmpty { body["generationConfig"] = .object(config) }
        if let tools = request.value("tools")?.arrayValue {
            body["tools"] = [
                [
                    "functionDeclarations": .array(
                        try tools.map { tool in
                            guard let f = tool["function"], let name = f["name"]?.stringValue else {
                                throw GatewayError.invalid("each tool needs function.name", param: "tools")
                            }
                            var out: [String: JSONValue] = ["name": .string(name)]
                            if let d = f["description"] { out["description"] = d }
                            if let p = f["parameters"] { out["parameters"] = p }
                            return .object(out)
                        })
                ]
            ]
        }
        if let choice = request.value("tool_choice") {
            body["toolConfig"] = ["functionCallingConfig": Self.toolChoice(choice)]
        }
        let action = request.stream ? "streamGenerateContent?alt=sse" : "generateContent"
        let model =
            deployment.upstreamModel.hasPrefix("models/")
            ? String(deployment.upstreamModel.dropFirst(7)) : deployment.upstreamModel
        var headers: [(name: String, value: String)] = []
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-goog-api-key", key)) }
        return HTTPClientRequest(
            url: OpenAIProvider.join(deployment.apiBase ?? Self.defaultBase, "v1beta/models/\(model):\(action)"),
            method: "POST",
            headers: OpenAIWire.jsonHeaders(headers), body: try FastJSONEncoder.encode(JSONValue.object(body)),
            timeout: request.stream ? deployment.streamTimeout : deployment.timeout)
    }

    /// OpenAI messages → (system text, Gemini contents with roles user and model, consecutive turns of one role
    /// merged). A tool result names its function, found from the assistant turn that called it.
    static func contents(_ input: [JSONValue]) throws -> (String, [JSONValue]) {
        var system: [String] = []
        var out: [(role: String, parts: [JSONValue])] = []
        var callNames: [String: String] = [:]
        func add(_ role: String, _ parts: [JSONValue]) {
            guard !parts.isEmpty else { return }
            if let last = out.last, last.role == role {
                out[out.count - 1].parts += parts
            } else {
                out.append((role, parts))
            }
        }
        for message in input {
            let role = message["role"]?.stringValue ?? ""
            switch role {
            case "system", "developer": system.append(AnthropicProvider.text(of: message["content"]))
            case "user": add("user", try parts(message["content"]))
            case "assistant":
                var parts = try parts(message["content"])
                for call in message["tool_calls"]?.arrayValue ?? [] {
                    let name = call["function"]?["name"]?.stringValue ?? ""
                    if let id = call["id"]?.stringValue { callNames[id] = name }
                    let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                    parts.append([
                        "functionCall": [
                            "name": .string(name),
                            "args": (try? JSONBytes.parse(Array(arguments.utf8))) ?? .emptyObject,
                        ]
                    ])
                }
                add("model", parts)
            case "tool":
                let id = message["tool_call_id"]?.stringValue ?? ""
                guard let name = callNames[id] ?? message["name"]?.stringValue else {
                    throw GatewayError.invalid(
                        "a tool message must answer a tool call of an earlier assistant message", param: "messages")
                }
                let text = AnthropicProvider.text(of: message["content"])
                let response =
                    (try? JSONBytes.parse(Array(text.utf8))).flatMap { $0.objectValue != nil ? $0 : nil } ?? [
                        "content": .string(text)
                    ]
                add("user", [["functionResponse": ["name": .string(name), "response": response]]])
            default: throw GatewayError.invalid("unknown message role '\(role)'", param: "messages")
            }
        }
        return (system.joined(separator: "\n"), out.map { ["role": .string($0.role), "parts": .array($0.parts)] })
    }

    /// Message content → Gemini parts: text, and images given as `data:` URLs (inline data).
    static func parts(_ content: JSONValue?) throws -> [JSONValue] {
        switch content {
        case .string(let s)?: return s.isEmpty ? [] : [["text": .string(s)]]
        case .array(let items)?:
            return try items.compactMap { part in
                switch part["type"]?.stringValue {
                case "text": return ["text": part["text"] ?? ""]
                case "image_url":
                    let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue ?? ""
                    guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else {
                        throw GatewayError.invalid("gemini takes images as data: URLs (base64)", param: "messages")
                    }
                    let mime = url.dropFirst(5).prefix { $0 != ";" && $0 != "," }
                    return [
                        "inlineData": [
                            "mimeType": .string(String(mime)), "data": .string(String(url[url.index(after: comma)...])),
                        ]
                    ]
                default: return nil
                }
            }
        default: return []
        }
    }

    static func toolChoice(_ choice: JSONValue) -> JSONValue {
        switch choice {
        case .string("required"): ["mode": "ANY"]
        case .string("none"): ["mode": "NONE"]
        case .object: ["mode": "ANY", "allowedFunctionNames": [choice["function"]?["name"] ?? ""]]
        default: ["mode": "AUTO"]
        }
    }

    /// Gemini's finish reason → OpenAI's (a turn that calls a function finishes with `tool_calls`).
    static func finishReason(_ reason: String?, calledTools: Bool) -> JSONValue {
        if calledTools { return "tool_calls" }
        switch reason {
        case nil: return .null
        case "MAX_TOKENS"?: return "length"
        case "SAFETY"?, "RECITATION"?, "BLOCKLIST"?, "PROHIBITED_CONTENT"?, "SPII"?, "IMAGE_SAFETY"?:
            return "content_filter"
        default: return "stop"
        }
    }

    /// A candidate's parts → (text, OpenAI tool calls); calls get ids `call_<n>` (Gemini has none).
    static func message(_ parts: [JSONValue], firstCall: Int = 0) -> (text: String, calls: [JSONValue]) {
        var text = "", calls: [JSONValue] = []
        for part in parts {
            if let t = part["text"]?.stringValue, part["thought"] != .bool(true) { text += t }
            if let call = part["functionCall"] {
                let arguments =
                    (try? FastJSONEncoder.encode(call["args"] ?? .emptyObject)).map {
                        String(decoding: $0, as: UTF8.self)
                    } ?? "{}"
                calls.append([
                    "id": .string("call_\(firstCall + calls.count)"), "type": "function",
                    "function": ["name": call["name"] ?? "", "arguments": .string(arguments)],
                ])
            }
        }
        return (text, calls)
    }

    /// Gemini's `usageMetadata`: nil when absent; throws (502, charged at the estimate) when a count is absurd.
    /// A thinking model's thoughts are output it bills but does not count in `candidatesTokenCount`.
    static func usage(_ answer: JSONValue) throws -> TokenUsage? {
        guard let u = answer["usageMetadata"],
            let prompt = try TokenUsage.tokens(u["promptTokenCount"], field: "usageMetadata.promptTokenCount")
        else { return nil }
        let thoughts = try TokenUsage.tokens(u["thoughtsTokenCount"], field: "usageMetadata.thoughtsTokenCount") ?? 0
        if let completion = try TokenUsage.tokens(
            u["candidatesTokenCount"], field: "usageMetadata.candidatesTokenCount")
        {
            return TokenUsage(promptTokens: prompt, completionTokens: completion + thoughts)
        }
        let total = try TokenUsage.tokens(u["totalTokenCount"], field: "usageMetadata.totalTokenCount")
        return TokenUsage(promptTokens: prompt, completionTokens: max(0, (total ?? prompt) - prompt))
    }

    /// An answer's candidates; a prompt Gemini refused (`promptFeedback.blockReason`, no candidates) stands for one
    /// candidate without content that the filter finished, whatever the block reason.
    static func candidates(_ answer: JSONValue) -> [JSONValue]? {
        let candidates = answer["candidates"]?.arrayValue
        guard candidates?.isEmpty ?? true, answer["promptFeedback"]?["blockReason"]?.stringValue != nil else {
            return candidates
        }
        return [["finishReason": "SAFETY"]]
    }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        guard let answer = try? JSONBytes.parse(body), let candidates = Self.candidates(answer) else {
            throw GatewayError(
                status: 502, message: "the upstream answered with malformed JSON", type: "api_error", retryable: true)
        }
        let choices: [JSONValue] = candidates.enumerated().map { i, candidate in
            let (text, calls) = Self.message(candidate["content"]?["parts"]?.arrayValue ?? [])
            var message: [String: JSONValue] = [
                "role": "assistant", "content": calls.isEmpty || !text.isEmpty ? .string(text) : .null,
            ]
            if !calls.isEmpty { message["tool_calls"] = .array(calls) }
            return [
                "index": .number(Double(i)), "message": .object(message),
                "finish_reason": Self.finishReason(candidate["finishReason"]?.stringValue, calledTools: !calls.isEmpty),
            ]
        }
        let usage =
            try Self.usage(answer) ?? TokenUsage(promptTokens: request.estimatedPromptTokens, completionTokens: 0)
        let id = "chatcmpl-" + (answer["responseId"]?.stringValue ?? UUID().uuidString.lowercased())
        return (try OpenAIWire.chatCompletion(id: id, model: request.model, choices: choices, usage: usage), usage)
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        GeminiStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    /// Google's `{"error": {"code", "message", "status"}}`; RESOURCE_EXHAUSTED is a 429 and retried as one. A wrong
    /// key is a 400 whose details give the reason API_KEY_INVALID: the deployment's authentication failing (401).
    func error(status: Int, body: [UInt8]) -> GatewayError {
        let parsed = try? JSONBytes.parse(body)
        let message = parsed?["error"]?["message"]?.stringValue ?? "the upstream answered \(status)"
        if parsed?["error"]?["details"]?.arrayValue?.contains(where: { $0["reason"] == "API_KEY_INVALID" }) == true {
            return .upstream(status: 401, message: message, type: "authentication_error")
        }
        return GatewayError.upstream(
            status: status, message: message, type: parsed?["error"]?["status"]?.stringValue?.lowercased())
    }
}
