import Foundation

/// The common frame, without decoding it: one choice whose text delta goes through its stream and whose
/// `finish_reason` is null. The choice's text literal is found in the frame's bytes (`GuardrailTexts.Walk`), scanned,
/// and replaced by what the stream releases (the frame sent as it came when that is the same text); every other byte
/// of the frame is kept. Anything else (several choices, the last frame of a choice, a text that is no string)
/// takes the general path, before anything is fed to a stream.
extension GuardedStreamFilter {
    /// The bytes to send for a frame's JSON `data`, or nil when the general path must take it.
    func fastFrame(_ data: [UInt8]) throws -> [UInt8]? {
        guard let choices = try JSONBytes.members(data).first(where: { $0.key == "choices" }),
            let choice = try Self.soleChoice(data, choices.value)
        else { return nil }
        template = data
        textKey = choice.isChat ? "content" : "text"
        let stream = streams[choice.index] ?? scanner.openStream()
        streams[choice.index] = stream
        let (step, unchanged) = try GuardrailTexts.withText(of: choice.literal, in: data) { text, escaped in
            let step = stream.feed(utf8: text)
            return (step, !escaped && step.text.utf8.elementsEqual(text))
        }
        log.add(step.hits, .output)
        var out = SSE.frame(
            unchanged ? data : GuardrailTexts.replacing(data, [(choice.literal, JSONBytes.quoted(step.text))]))
        if let refusal = step.refusal {
            refused = true
            out += SSE.frame(GatewayError.contentPolicy(refusal).body)
        }
        return out
    }

    /// The one choice of `choices` (at `range` of `data`) with its index, its text literal and whether it is a chat
    /// delta; nil unless there is exactly one, its text is a string, it has no tool or function call and its
    /// `finish_reason` is null or absent.
    static func soleChoice(
        _ data: [UInt8], _ range: Range<Int>
    ) throws -> (index: Int, literal: Range<Int>, isChat: Bool)? {
        var walk = GuardrailTexts.Walk(cursor: JSONCursor(bytes: data, index: range.lowerBound))
        var count = 0
        var index: Int? = 0
        var isChat = false
        var ends = false
        var calls = false
        try walk.array { choice in
            count += 1
            try choice.object { key, member in
                switch key {
                case "index":
                    member.cursor.skipSpace()
                    let number = try? member.cursor.number()
                    index = number.flatMap { Int(exactly: $0) }
                    if number == nil { try member.skip() }
                case "delta":
                    isChat = true
                    try member.object { deltaKey, value in
                        if deltaKey == "content" {
                            try value.text()
                        } else {
                            // Tool and function calls have streams of their own: the general path.
                            calls = calls || deltaKey == "tool_calls" || deltaKey == "function_call"
                            try value.skip()
                        }
                    }
                case "text": try member.text()
                case "finish_reason":
                    member.cursor.skipSpace()
                    ends = member.cursor.peek != UInt8(ascii: "n")
                    try member.skip()
                default: try member.skip()
                }
            }
        }
        guard count == 1, !ends, !calls, let index, walk.found.count == 1, let literal = walk.found.first else {
            return nil
        }
        return (index, literal, isChat)
    }
}
