import CockpitCore
import Foundation
import Hummingbird

extension FakeUpstream {
    /// Cohere's v2 `chat` (whole, or streamed as typed events) and `embed`, with usage in `billed_units` and
    /// `tokens`; a request without `model` and `messages` (or `texts`) is a 400 in Cohere's error shape.
    func cohere(_ endpoint: GatewayEndpoint, _ body: JSONValue, _ prompt: Double, _ b: Behavior) throws -> Response {
        let model = body["model"]?.stringValue ?? ""
        let counts: JSONValue = ["input_tokens": .number(prompt), "output_tokens": .number(Double(b.chunks))]
        if endpoint == .embeddings {
            guard !model.isEmpty, let texts = body["texts"]?.arrayValue else {
                return Self.error(400, "embed needs model and texts", .cohere)
            }
            let answer: JSONValue = [
                "id": "fake-embed", "texts": .array(texts),
                "embeddings": ["float": .array(texts.map { _ in [0.1, 0.2, 0.3] })],
                "meta": ["billed_units": ["input_tokens": .number(prompt)]],
            ]
            return Self.json(try FastJSONEncoder.encode(answer))
        }
        guard !model.isEmpty, body["messages"]?.arrayValue != nil else {
            return Self.error(400, "chat needs model and messages", .cohere)
        }
        if body["stream"] == .bool(true) { return cohereStream(prompt, b) }
        let answer: JSONValue = [
            "id": "fake-cohere", "finish_reason": "COMPLETE",
            "message": [
                "role": "assistant", "content": [["type": "text", "text": .string(Self.words(b.chunks).joined())]],
            ],
            "usage": ["billed_units": counts, "tokens": counts],
        ]
        return Self.json(try FastJSONEncoder.encode(answer))
    }

    /// Cohere's stream: message-start, content-start, one content-delta a word, content-end, message-end with the
    /// finish reason and usage; each with its `event:` line.
    func cohereStream(_ prompt: Double, _ b: Behavior) -> Response {
        func event(_ type: String, _ data: [String: JSONValue]) -> [UInt8] {
            var payload = data
            payload["type"] = .string(type)
            return Array("event: \(type)\n".utf8)
                + SSE.frame((try? FastJSONEncoder.encode(JSONValue.object(payload))) ?? [])
        }
        var pieces = [
            event("message-start", ["id": "fake-cohere", "delta": ["message": ["role": "assistant"]]]),
            event("content-start", ["index": 0, "delta": ["message": ["content": ["type": "text", "text": ""]]]]),
        ]
        pieces += Self.words(b.chunks).map {
            event("content-delta", ["index": 0, "delta": ["message": ["content": ["text": .string($0)]]]])
        }
        if let cut = b.cutAfter { return stream(Array(pieces.prefix(cut + 2)), delay: b.chunkDelay) }
        var end: [String: JSONValue] = ["finish_reason": "COMPLETE"]
        if !b.omitUsage {
            let counts: JSONValue = ["input_tokens": .number(prompt), "output_tokens": .number(Double(b.chunks))]
            end["usage"] = ["billed_units": counts, "tokens": counts]
        }
        pieces += [event("content-end", ["index": 0]), event("message-end", ["delta": .object(end)])]
        return stream(pieces, delay: b.chunkDelay)
    }
}
