import Foundation

/// Cohere's v2 chat stream turned into OpenAI chat chunks. Each SSE event names its `type`: `message-start` opens the
/// assistant's turn (the role chunk, and the id), `content-delta` carries text, `tool-call-start` opens a tool call
/// (id, name, first arguments) and `tool-call-delta` adds arguments to it, and `message-end` carries the finish reason
/// and the usage. Other events (content and tool-call boundaries, the tool plan, citations) carry nothing OpenAI's
/// chunks hold. The upstream closing before `message-end` is a cut stream.
struct CohereStreamTranslator: SSEStreamTranslator {
    var chunks: ChatChunks
    var parser = SSEParser()
    var usage: TokenUsage?
    var generatedBytes = 0
    var started = false
    var finished = false
    var toolCalls = 0

    init(publicModel: String, includeUsage: Bool) {
        chunks = ChatChunks(publicModel: publicModel, includeUsage: includeUsage, id: "chatcmpl-cohere")
    }

    private func chunk(_ delta: JSONValue, finish: JSONValue = .null) throws -> [UInt8] {
        try chunks.chunk(delta, finish: finish)
    }

    /// The role chunk, once, before anything else the client sees.
    private mutating func open() throws -> [UInt8] {
        guard !started else { return [] }
        started = true
        return try chunk(["role": "assistant", "content": ""])
    }

    mutating func translate(_ event: SSEParser.Event) throws -> [UInt8] {
        guard let payload = try? JSONBytes.parse(event.data), payload.objectValue != nil else {
            throw GatewayError(status: 502, message: "the upstream sent a malformed stream event", type: "api_error")
        }
        let message = payload["delta"]?["message"]
        switch payload["type"]?.stringValue {
        case "message-start":
            if let upstreamID = payload["id"]?.stringValue, !started { chunks.id = "chatcmpl-" + upstreamID }
            return try open()
        case "content-delta":
            guard let text = message?["content"]?["text"]?.stringValue, !text.isEmpty else { return [] }
            generatedBytes += text.utf8.count
            return try open() + chunk(["content": .string(text)])
        case "tool-call-start":
            let call = message?["tool_calls"]
            toolCalls += 1
            let opened: JSONValue = [
                "index": .number(Double(toolCalls - 1)), "id": call?["id"] ?? .string("call_\(toolCalls - 1)"),
                "type": "function",
                "function": [
                    "name": call?["function"]?["name"] ?? "", "arguments": call?["function"]?["arguments"] ?? "",
                ],
            ]
            return try open() + chunk(["tool_calls": [opened]])
        case "tool-call-delta":
            guard toolCalls > 0, let arguments = message?["tool_calls"]?["function"]?["arguments"]?.stringValue else {
                return []
            }
            generatedBytes += arguments.utf8.count
            return try chunk([
                "tool_calls": [
                    ["index": .number(Double(toolCalls - 1)), "function": ["arguments": .string(arguments)]]
                ]
            ])
        case "message-end":
            let delta = payload["delta"]
            if let error = delta?["error"]?.stringValue {
                throw GatewayError(status: 502, message: error, type: "api_error")
            }
            if let reported = try CohereProvider.usage(delta?["usage"]) { usage = reported }
            guard let finish = CohereProvider.finishReason(delta?["finish_reason"]?.stringValue) else {
                throw GatewayError(status: 502, message: "cohere ended the stream with an error", type: "api_error")
            }
            finished = true
            return try open() + chunk(.emptyObject, finish: finish == .null ? "stop" : finish)
        default:
            return []
        }
    }

    mutating func finish() throws -> [UInt8] {
        let out = try translateRemainder()
        guard finished else {
            throw GatewayError(status: 502, message: "the upstream stream ended before message-end", type: "api_error")
        }
        return out + (try chunks.closing(usage))
    }
}
