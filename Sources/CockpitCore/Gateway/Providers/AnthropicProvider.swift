import Foundation

/// `anthropic/…`: OpenAI chat requests translated to the Messages API and back — system prompt, multi-part content,
/// tools and tool results, stop reasons, usage, and the streaming events (see `AnthropicStreamTranslator`).
struct AnthropicProvider: ProviderAdapter {
    static let defaultBase = "https://api.anthropic.com"
    static let apiVersion = "2023-06-01"
    static let defaultMaxTokens = 4096
    /// OpenAI parameters that have a Messages equivalent or are handled here.
    static let translated: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "stream",
        "stream_options", "tools", "tool_choice", "user", "n",
    ]
    func makeRequest(
        _ request: GatewayRequest, deployment: Deployment, options: ProviderOptions
    ) throws -> HTTPClientRequest? {
        guard request.endpoint == .chat else {
            throw GatewayError.invalid("anthropic models serve chat completions only, not \(request.endpoint.rawValue)")
        }
        var body: [String: JSONValue] = ["model": .string(deployment.upstreamModel)]
        for m in request.members where !OpenAIWire.gatewayFields.contains(m.key) && !Self.translated.contains(m.key) {
            // Parameters without a Messages equivalent (penalties, seed, logprobs, response_format…).
            guard options.dropParams else {
                throw GatewayError.invalid(
                    "anthropic does not support the parameter '\(m.key)'; set drop_params to drop it", param: m.key)
            }
        }
        if case .number(let n)? = request.value("n"), n != 1 {
            throw GatewayError.invalid("anthropic supports n = 1 only", param: "n")
        }
        let (system, messages) = try Self.messages(request.value("messages")?.arrayValue ?? [])
        if !system.isEmpty { body["system"] = .string(system) }
        body["messages"] = .array(messages)
        body["max_tokens"] = .number(Double(request.maxTokens ?? Self.defaultMaxTokens))
        for key in ["temperature", "top_p"] { if let v = request.value(key), v != .null { body[key] = v } }
        switch request.value("stop") {
        case .string(let s)?: body["stop_sequences"] = [.string(s)]
        case .array(let a)?: body["stop_sequences"] = .array(a)
        default: break
        }
        if request.stream { body["stream"] = true }
        if let tools = request.value("tools")?.arrayValue {
            body["tools"] = .array(
                try tools.map { tool in
                    guard let f = tool["function"], let name = f["name"]?.stringValue else {
                        throw GatewayError.invalid("each tool needs function.name", param: "tools")
                    }
                    var out: [String: JSONValue] = [
                        "name": .string(name),
                        "input_schema": f["parameters"] ?? ["type": "object", "properties": .emptyObject],
                    ]
                    if let d = f["description"] { out["description"] = d }
                    return .object(out)
                })
        }
        if let choice = request.value("tool_choice") { body["tool_choice"] = Self.toolChoice(choice) }
        if let user = request.value("user")?.stringValue { body["metadata"] = ["user_id": .string(user)] }
        var headers: [(name: String, value: String)] = [("anthropic-version", Self.apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return HTTPClientRequest(
            url: OpenAIProvider.join(deployment.apiBase ?? Self.defaultBase, "v1/messages"), method: "POST",
            headers: OpenAIWire.jsonHeaders(headers), body: try FastJSONEncoder.encode(JSONValue.object(body)),
            timeout: request.stream ? deployment.streamTimeout : deployment.timeout)
    }

    /// OpenAI messages → (system text, Messages API messages with alternating roles).
    static func messages(_ input: [JSONValue]) throws -> (String, [JSONValue]) {
        var system: [String] = []
        var out: [(role: String, content: [JSONValue])] = []
        func add(_ role: String, _ blocks: [JSONValue]) {
            if let last = out.last, last.role == role {
                out[out.count - 1].content += blocks
            } else {
                out.append((role, blocks))
            }
        }
        for message in input {
            let role = message["role"]?.stringValue ?? ""
            switch role {
            case "system", "developer": system.append(text(of: message["content"]))
            case "user": add("user", blocks(message["content"]))
            case "assistant":
                var content = blocks(message["content"])
                for call in message["tool_calls"]?.arrayValue ?? [] {
                    let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                    let input = (try? JSONBytes.parse(Array(arguments.utf8))) ?? .emptyObject
                    content.append([
                        "type": "tool_use", "id": call["id"] ?? "", "name": call["function"]?["name"] ?? "",
                        "input": input,
                    ])
                }
                add("assistant", content)
            case "tool":
                add(
                    "user",
                    [
                        [
                            "type": "tool_result", "tool_use_id": message["tool_call_id"] ?? "",
                            "content": .string(text(of: message["content"])),
                        ]
                    ])
            default: throw GatewayError.invalid("unknown message role '\(role)'", param: "messages")
            }
        }
        return (system.joined(separator: "\n"), out.map { ["role": .string($0.role), "content": .array($0.content)] })
    }

    static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let s)?: s
        case .array(let parts)?: parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        default: ""
        }
    }

    static func blocks(_ content: JSONValue?) -> [JSONValue] {
        switch content {
        case .string(let s)?: return s.isEmpty ? [] : [["type": "text", "text": .string(s)]]
        case .array(let parts)?:
            return parts.compactMap { part in
                switch part["type"]?.stringValue {
                case "text": return ["type": "text", "text": part["text"] ?? ""]
                case "image_url":
                    let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue ?? ""
                    if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
                        let media = url.dropFirst(5).prefix { $0 != ";" && $0 != "," }
                        return [
                            "type": "image",
                            "source": [
                                "type": "base64", "media_type": .string(String(media)),
                                "data": .string(String(url[url.index(after: comma)...])),
                            ],
                        ]
                    }
                    return ["type": "image", "source": ["type": "url", "url": .string(url)]]
                default: return nil
                }
            }
        default: return []
        }
    }

    static func toolChoice(_ choice: JSONValue) -> JSONValue {
        switch choice {
        case .string("required"): ["type": "any"]
        case .string("none"): ["type": "none"]
        case .object: ["type": "tool", "name": choice["function"]?["name"] ?? ""]
        default: ["type": "auto"]
        }
    }

    /// Messages' stop reason → OpenAI's; `refusal` (the model's safety classifiers stopped it) is OpenAI's
    /// `content_filter`.
    static func finishReason(_ stop: String?) -> JSONValue {
        switch stop {
        case "max_tokens"?: "length"
        case "tool_use"?: "tool_calls"
        case "refusal"?: "content_filter"
        case nil: .null
        default: "stop"
        }
    }

    func translateResponse(_ body: [UInt8], request: GatewayRequest) throws -> (body: [UInt8], usage: TokenUsage?) {
        guard let answer = try? JSONBytes.parse(body), answer["type"]?.stringValue == "message" else {
            throw GatewayError(
                status: 502, message: "the upstream answered with malformed JSON", type: "api_error", retryable: true)
        }
        var text = ""
        var calls: [JSONValue] = []
        for block in answer["content"]?.arrayValue ?? [] {
            if block["type"]?.stringValue == "text" { text += block["text"]?.stringValue ?? "" }
            if block["type"]?.stringValue == "tool_use" {
                let arguments =
                    (try? FastJSONEncoder.encode(block["input"] ?? .emptyObject)).map {
                        String(decoding: $0, as: UTF8.self)
                    } ?? "{}"
                calls.append([
                    "id": block["id"] ?? "", "type": "function",
                    "function": ["name": block["name"] ?? "", "arguments": .string(arguments)],
                ])
            }
        }
        var message: [String: JSONValue] = [
            "role": "assistant", "content": calls.isEmpty || !text.isEmpty ? .string(text) : .null,
        ]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        let usage = TokenUsage(
            promptTokens: try TokenUsage.tokens(answer["usage"]?["input_tokens"], field: "usage.input_tokens") ?? 0,
            completionTokens: try TokenUsage.tokens(answer["usage"]?["output_tokens"], field: "usage.output_tokens")
                ?? 0)
        let choice: JSONValue = [
            "index": 0, "message": .object(message),
            "finish_reason": Self.finishReason(answer["stop_reason"]?.stringValue),
        ]
        return (
            try OpenAIWire.chatCompletion(
                id: answer["id"]?.stringValue ?? "", model: request.model, choices: [choice], usage: usage), usage
        )
    }

    func makeStreamTranslator(_ request: GatewayRequest) -> any StreamTranslator {
        AnthropicStreamTranslator(publicModel: request.model, includeUsage: request.includeUsage)
    }

    /// Anthropic's `{"type": "error", "error": {"type", "message"}}`; 529 (overloaded) is retried like a 503.
    func error(status: Int, body: [UInt8]) -> GatewayError {
        let parsed = try? JSONBytes.parse(body)
        let message = parsed?["error"]?["message"]?.stringValue ?? "the upstream answered \(status)"
        var error = GatewayError.upstream(
            status: status, message: message, type: parsed?["error"]?["type"]?.stringValue)
        if status == 529 { error.retryable = true; error.coolsDown = true }
        return error
    }
}
