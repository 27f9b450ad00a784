import Foundation

/// The OpenAI chat chunks a translating stream writes (Gemini, Cohere): one id and creation time for the whole
/// stream, under the public model name; the closing usage chunk when the client asked for it, then `[DONE]`.
struct ChatChunks: Sendable {
    let publicModel: String
    let includeUsage: Bool
    /// `chatcmpl-…`; the translator sets the upstream's id when it learns it, before the first chunk.
    var id: String
    let created = JSONValue.number(Date().timeIntervalSince1970.rounded(.down))

    /// One `chat.completion.chunk` with one choice.
    func chunk(_ delta: JSONValue, index: Int = 0, finish: JSONValue = .null) throws -> [UInt8] {
        SSE.frame(
            try FastJSONEncoder.encode(
                JSONValue.object([
                    "id": .string(id), "object": "chat.completion.chunk", "created": created,
                    "model": .string(publicModel),
                    "choices": [["index": .number(Double(index)), "delta": delta, "finish_reason": finish]],
                ])))
    }

    /// The end of the stream: the usage chunk (when asked for and known), then `[DONE]`.
    func closing(_ usage: TokenUsage?) throws -> [UInt8] {
        var out: [UInt8] = []
        if includeUsage, let usage {
            out += try OpenAIWire.usageChunk(id: id, created: created, model: publicModel, usage: usage)
        }
        return out + SSE.done
    }
}
