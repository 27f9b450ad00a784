import Foundation

/// Anthropic's streaming events turned into OpenAI chat chunks: `message_start` → the role chunk, text deltas →
/// content, `tool_use` blocks and `input_json_delta` → tool-call chunks, `message_delta` → the finish reason and
/// output tokens, `message_stop` → the usage chunk (when asked for) and `[DONE]`; an `error` event is thrown so
/// the gateway can deliver it in-band.
struct AnthropicStreamTranslator: SSEStreamTranslator {
    let publicModel: String
    let includeUsage: Bool
    var parser = SSEParser()
    var id = "chatcmpl-anthropic"
    let created = JSONValue.number(Date().timeIntervalSince1970.rounded(.down))
    var promptTokens = 0
    var completionTokens = 0
    var sawUsage = false
    var generatedBytes = 0
    var started = false
    var stopped = false
    /// Anthropic content-block index → OpenAI tool-call index.
    var toolIndex: [Int: Int] = [:]

    init(publicModel: String, includeUsage: Bool) {
        self.publicModel = publicModel
        self.includeUsage = includeUsage
    }

    var usage: TokenUsage? {
        sawUsage ? TokenUsage(promptTokens: promptTokens, completionTokens: completionTokens) : nil
    }

    mutating func finish() throws -> [UInt8] {
        let out = try translateRemainder()
        guard stopped else {
            throw GatewayError(status: 502, message: "the upstream stream ended before message_stop", type: "api_error")
        }
        return out
    }

    private func chunk(_ delta: JSONValue, finish: JSONValue = .null) throws -> [UInt8] {
        SSE.frame(
            try FastJSONEncoder.encode(
                JSONValue.object([
                    "id": .string(id), "object": "chat.completion.chunk", "created": created,
                    "model": .string(publicModel),
                    "choices": [["index": 0, "delta": delta, "finish_reason": finish]],
                ])))
    }

    mutating func translate(_ event: SSEParser.Event) throws -> [UInt8] {
        guard !stopped, let payload = try? JSONBytes.parse(event.data) else {
            if stopped { return [] }
            throw GatewayError(status: 502, message: "the upstream sent a malformed stream event", type: "api_error")
        }
        switch payload["type"]?.stringValue ?? event.name {
        case "message_start":
            let message = payload["message"]
            if let messageID = message?["id"]?.stringValue { id = messageID }
            if let input = try TokenUsage.tokens(message?["usage"]?["input_tokens"], field: "usage.input_tokens") {
                promptTokens = input
                sawUsage = true
            }
            completionTokens =
                try TokenUsage.tokens(message?["usage"]?["output_tokens"], field: "usage.output_tokens") ?? 0
            started = true
            return try chunk(["role": "assistant", "content": ""])
        case "content_block_start":
            guard let block = payload["content_block"], block["type"]?.stringValue == "tool_use" else { return [] }
            let index = toolIndex.count
            toolIndex[Self.blockIndex(payload)] = index
            return try chunk([
                "tool_calls": [
                    [
                        "index": .number(Double(index)), "id": block["id"] ?? "", "type": "function",
                        "function": ["name": block["name"] ?? "", "arguments": ""],
                    ]
                ]
            ])
        case "content_block_delta":
            let delta = payload["delta"]
            if delta?["type"]?.stringValue == "input_json_delta" {
                let index = toolIndex[Self.blockIndex(payload)] ?? 0
                return try chunk([
                    "tool_calls": [
                        ["index": .number(Double(index)), "function": ["arguments": delta?["partial_json"] ?? ""]]
                    ]
                ])
            }
            guard let text = delta?["text"]?.stringValue else { return [] }
            generatedBytes += text.utf8.count
            return try chunk(["content": .string(text)])
        case "message_delta":
            if let output = try TokenUsage.tokens(payload["usage"]?["output_tokens"], field: "usage.output_tokens") {
                completionTokens = output
                sawUsage = true
            }
            let reason = payload["delta"]?["stop_reason"]?.stringValue
            return reason == nil ? [] : try chunk(.emptyObject, finish: AnthropicProvider.finishReason(reason))
        case "message_stop":
            stopped = true
            var out: [UInt8] = []
            if includeUsage {
                out += try OpenAIWire.usageChunk(
                    id: id, created: created, model: publicModel,
                    usage: TokenUsage(promptTokens: promptTokens, completionTokens: completionTokens))
            }
            return out + SSE.done
        case "error":
            throw GatewayError(
                status: 502, message: payload["error"]?["message"]?.stringValue ?? "upstream error",
                type: payload["error"]?["type"]?.stringValue ?? "api_error")
        default:
            return []  // ping, content_block_stop
        }
    }

    /// A content block's `index`, any number the upstream sends (a non-number or absurd one is block 0).
    static func blockIndex(_ payload: JSONValue) -> Int {
        payload["index"]?.doubleValue.flatMap(CheckedNumber.int) ?? 0
    }
}
