import Foundation

/// Gemini's `streamGenerateContent?alt=sse` turned into OpenAI chat chunks. Each event is a whole
/// `GenerateContentResponse` holding the next parts: the first one also opens the assistant's turn (the role chunk),
/// text parts become content, function calls become tool-call chunks, a finish reason becomes the finishing chunk,
/// and the last usage metadata is the usage. Gemini sends no end marker: the upstream closing after a finish reason
/// ends the stream (the usage chunk when asked for, then `[DONE]`); closing before one is a cut stream.
struct GeminiStreamTranslator: SSEStreamTranslator {
    var chunks: ChatChunks
    var parser = SSEParser()
    var usage: TokenUsage?
    var generatedBytes = 0
    var started = false
    var finished = false
    var toolCalls = 0

    init(publicModel: String, includeUsage: Bool) {
        chunks = ChatChunks(publicModel: publicModel, includeUsage: includeUsage, id: "chatcmpl-gemini")
    }

    private func chunk(_ index: Int, _ delta: JSONValue, finish: JSONValue = .null) throws -> [UInt8] {
        try chunks.chunk(delta, index: index, finish: finish)
    }

    mutating func translate(_ event: SSEParser.Event) throws -> [UInt8] {
        guard let payload = try? JSONBytes.parse(event.data) else {
            throw GatewayError(status: 502, message: "the upstream sent a malformed stream event", type: "api_error")
        }
        if let error = payload["error"] {
            throw GatewayError(
                status: 502, message: error["message"]?.stringValue ?? "upstream error",
                type: error["status"]?.stringValue?.lowercased() ?? "api_error")
        }
        if let responseID = payload["responseId"]?.stringValue, !started { chunks.id = "chatcmpl-" + responseID }
        if let reported = try GeminiProvider.usage(payload) { usage = reported }
        var out: [UInt8] = []
        for candidate in GeminiProvider.candidates(payload) ?? [] {
            let index = CheckedNumber.clamped(candidate["index"]?.doubleValue ?? 0, to: 0...Int(Int32.max))
            if !started {
                started = true
                out += try chunk(index, ["role": "assistant", "content": ""])
            }
            let (text, calls) = GeminiProvider.message(
                candidate["content"]?["parts"]?.arrayValue ?? [], firstCall: toolCalls)
            if !text.isEmpty {
                generatedBytes += text.utf8.count
                out += try chunk(index, ["content": .string(text)])
            }
            if !calls.isEmpty {
                let indexed = calls.enumerated().map { offset, call -> JSONValue in
                    var c = call.objectValue ?? [:]
                    c["index"] = .number(Double(toolCalls + offset))
                    return .object(c)
                }
                toolCalls += calls.count
                out += try chunk(index, ["tool_calls": .array(indexed)])
            }
            if let reason = candidate["finishReason"]?.stringValue {
                finished = true
                out += try chunk(
                    index, .emptyObject, finish: GeminiProvider.finishReason(reason, calledTools: toolCalls > 0))
            }
        }
        return out
    }

    mutating func finish() throws -> [UInt8] {
        let out = try translateRemainder()
        guard finished else {
            throw GatewayError(
                status: 502, message: "the upstream stream ended before a finish reason", type: "api_error")
        }
        return out + (try chunks.closing(usage))
    }
}
