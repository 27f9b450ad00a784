import CockpitCore
import Foundation
import Hummingbird

extension FakeUpstream {
    /// OpenAI chunks: role, one chunk a word, finish, the usage chunk when asked for, `[DONE]`.
    func openAIStream(_ model: String, _ prompt: Double, _ b: Behavior, usage: Bool) -> Response {
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> [UInt8] {
            SSE.frame(
                (try? FastJSONEncoder.encode(
                    JSONValue.object([
                        "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_700_000_000,
                        "model": .string(model),
                        "choices": [["index": 0, "delta": delta, "finish_reason": finish]],
                    ]))) ?? [])
        }
        var pieces = [chunk(["role": "assistant", "content": ""])]
        pieces += Self.words(b.chunks).map { chunk(["content": .string($0)]) }
        if let cut = b.cutAfter { return stream(Array(pieces.prefix(cut + 1)), delay: b.chunkDelay) }
        pieces.append(chunk(.emptyObject, finish: "stop"))
        if usage, !b.omitUsage {
            pieces.append(
                SSE.frame(
                    (try? FastJSONEncoder.encode(
                        JSONValue.object([
                            "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1_700_000_000,
                            "model": .string(model), "choices": [],
                            "usage": Self.usage(prompt, b.chunks),
                        ]))) ?? []))
        }
        pieces.append(SSE.done)
        return stream(pieces, delay: b.chunkDelay)
    }

    /// Anthropic's events: message_start, a text block with one delta a word, message_delta with the stop reason
    /// and output tokens, message_stop; each with its `event:` line as Anthropic sends them.
    func anthropicStream(_ model: String, _ prompt: Double, _ b: Behavior) -> Response {
        func event(_ name: String, _ data: JSONValue) -> [UInt8] {
            Array("event: \(name)\n".utf8) + SSE.frame((try? FastJSONEncoder.encode(data)) ?? [])
        }
        var pieces = [
            event(
                "message_start",
                [
                    "type": "message_start",
                    "message": [
                        "id": "msg_fake", "type": "message", "role": "assistant", "model": .string(model),
                        "content": [],
                        "usage": ["input_tokens": .number(prompt), "output_tokens": 1],
                    ],
                ]),
            event(
                "content_block_start",
                ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]]),
            event("ping", ["type": "ping"]),
        ]
        pieces += Self.words(b.chunks).map {
            event(
                "content_block_delta",
                ["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": .string($0)]])
        }
        if let cut = b.cutAfter { return stream(Array(pieces.prefix(cut + 3)), delay: b.chunkDelay) }
        pieces += [
            event("content_block_stop", ["type": "content_block_stop", "index": 0]),
            event(
                "message_delta",
                [
                    "type": "message_delta", "delta": ["stop_reason": "end_turn", "stop_sequence": .null],
                    "usage": ["output_tokens": .number(Double(b.chunks))],
                ]),
            event("message_stop", ["type": "message_stop"]),
        ]
        return stream(pieces, delay: b.chunkDelay)
    }

    /// One Gemini `GenerateContentResponse`: a candidate with these parts, its finish reason when given, and usage.
    static func geminiResponse(
        _ model: String, parts: [JSONValue], finish: String?, prompt: Double, output: Int, usage: Bool = true
    ) -> JSONValue {
        var candidate: [String: JSONValue] = ["content": ["role": "model", "parts": .array(parts)], "index": 0]
        if let finish { candidate["finishReason"] = .string(finish) }
        var response: [String: JSONValue] = [
            "candidates": [.object(candidate)], "modelVersion": .string(model), "responseId": "fake-gemini",
        ]
        if usage {
            response["usageMetadata"] = [
                "promptTokenCount": .number(prompt), "candidatesTokenCount": .number(Double(output)),
                "totalTokenCount": .number(prompt + Double(output)),
            ]
        }
        return .object(response)
    }

    /// Gemini's SSE: one response a word, the last with the finish reason; no end marker (the connection closes).
    /// Lines end in CRLF, as Google's do.
    func geminiStream(_ model: String, _ prompt: Double, _ b: Behavior) -> Response {
        func event(_ data: JSONValue) -> [UInt8] {
            Array("data: ".utf8) + ((try? FastJSONEncoder.encode(data)) ?? []) + Array("\r\n\r\n".utf8)
        }
        let words = Self.words(b.chunks)
        var pieces = words.enumerated().map { i, word in
            event(
                Self.geminiResponse(
                    model, parts: [["text": .string(word)]],
                    finish: i == words.count - 1 && b.cutAfter == nil ? "STOP" : nil,
                    prompt: prompt, output: i + 1, usage: !b.omitUsage))
        }
        if let cut = b.cutAfter { pieces = Array(pieces.prefix(cut)) }
        return stream(pieces, delay: b.chunkDelay)
    }
}
