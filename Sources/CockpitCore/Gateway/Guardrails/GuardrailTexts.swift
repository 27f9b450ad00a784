import Foundation

/// Where the text of requests and answers lies, for guardrails to scan and mask, found in the body's bytes without
/// building any value: the string literals a guardrail reads. Requests: chat `messages` (each message's `content`, a
/// string or its `text` parts, its tool calls' `function.arguments` and the legacy `function_call.arguments`),
/// completions `prompt` and embeddings `input` (a string or a list of strings; token arrays carry no text). Answers:
/// each choice's `message` (as a chat message) or its `text`. A key that appears twice in one object is visited
/// each time (whichever the upstream reads is scanned).
enum GuardrailTexts {
    /// The request member that holds the text of an endpoint.
    static func inputMember(_ endpoint: GatewayEndpoint) -> String {
        switch endpoint {
        case .chat: "messages"
        case .completions: "prompt"
        case .embeddings: "input"
        }
    }

    /// The ranges of the text literals (quotes included) of a request's text member whose value lies at `range`.
    static func request(_ bytes: [UInt8], _ range: Range<Int>, _ endpoint: GatewayEndpoint) throws -> [Range<Int>] {
        var walk = Walk(cursor: JSONCursor(bytes: bytes, index: range.lowerBound))
        switch endpoint {
        case .chat: try walk.array { try $0.message() }
        case .completions, .embeddings: try walk.strings()
        }
        return walk.found
    }

    /// The ranges of the text literals of an answer's `choices`, whose value lies at `range`.
    static func answer(_ bytes: [UInt8], _ range: Range<Int>) throws -> [Range<Int>] {
        var walk = Walk(cursor: JSONCursor(bytes: bytes, index: range.lowerBound))
        try walk.array { choice in
            try choice.object { key, member in
                if key == "message" {
                    try member.message()
                } else if key == "text" {
                    try member.text()
                } else {
                    try member.skip()
                }
            }
        }
        return walk.found
    }

    /// Hands `body` the text a string literal of `bytes` (quotes included) stands for, as UTF-8: its bytes where they
    /// lie when it has no escape (found with `memchr`), else the unescaped text; and whether it had escapes.
    static func withText<T>(
        of literal: Range<Int>, in bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, _ escaped: Bool) throws -> T
    ) throws -> T {
        let inner = (literal.lowerBound + 1)..<(literal.upperBound - 1)
        let escaped = bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[inner])
            return text.baseAddress.map { memchr($0, 0x5C, text.count) != nil } ?? false
        }
        if !escaped {
            return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[inner]), false) }
        }
        var cursor = JSONCursor(bytes: bytes, index: literal.lowerBound)
        var text = try cursor.string()
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { try body($0, true) }!
    }

    /// `bytes` with each range (in order, not overlapping) replaced by its new bytes.
    static func replacing(_ bytes: [UInt8], _ replacements: [(Range<Int>, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + replacements.reduce(0) { $0 + $1.1.count })
        var at = 0
        for (range, new) in replacements {
            out += bytes[at..<range.lowerBound]
            out += new
            at = range.upperBound
        }
        out += bytes[at...]
        return out
    }

    /// A walk over one value: what it visits goes in `found`; anything not of the expected shape is skipped whole.
    struct Walk {
        var cursor: JSONCursor
        var found: [Range<Int>] = []
        var depth = 1

        /// A chat message: `content`, `tool_calls[].function.arguments`, `function_call.arguments`.
        mutating func message() throws {
            try object { key, member in
                switch key {
                case "content": try member.text(orParts: true)
                case "tool_calls":
                    try member.array { call in
                        try call.member("function") { try $0.member("arguments") { try $0.text() } }
                    }
                case "function_call": try member.member("arguments") { try $0.text() }
                default: try member.skip()
                }
            }
        }

        /// A string (visited), or with `orParts` a list of parts whose `text` members are visited.
        mutating func text(orParts: Bool = false) throws {
            cursor.skipSpace()
            switch cursor.peek {
            case UInt8(ascii: "\"")?:
                let start = cursor.index
                try cursor.skipCheckedString()
                found.append(start..<cursor.index)
            case UInt8(ascii: "[")? where orParts: try array { try $0.member("text") { try $0.text() } }
            default: try skip()
            }
        }

        /// A string, or each string of a list.
        mutating func strings() throws {
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: "[") { try array { try $0.text() } } else { try text() }
        }

        /// Each element of an array (anything else skipped).
        mutating func array(_ element: (inout Walk) throws -> Void) throws {
            cursor.skipSpace()
            guard cursor.peek == UInt8(ascii: "["), depth < JSONCursor.maxDepth else { return try skip() }
            cursor.index += 1
            depth += 1
            defer { depth -= 1 }
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: "]") { return cursor.index += 1 }
            while true {
                try element(&self)
                cursor.skipSpace()
                if cursor.peek == UInt8(ascii: ",") {
                    cursor.index += 1
                    continue
                }
                return try cursor.expect(UInt8(ascii: "]"))
            }
        }

        /// Each member of an object, by key (anything else skipped); `member` must consume the value.
        mutating func object(_ member: (String, inout Walk) throws -> Void) throws {
            cursor.skipSpace()
            guard cursor.peek == UInt8(ascii: "{"), depth < JSONCursor.maxDepth else { return try skip() }
            cursor.index += 1
            depth += 1
            defer { depth -= 1 }
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: "}") { return cursor.index += 1 }
            while true {
                cursor.skipSpace()
                let key = try cursor.string()
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"))
                try member(key, &self)
                cursor.skipSpace()
                if cursor.peek == UInt8(ascii: ",") {
                    cursor.index += 1
                    continue
                }
                return try cursor.expect(UInt8(ascii: "}"))
            }
        }

        /// The members named `name` of an object, each through `value` (others skipped).
        mutating func member(_ name: String, _ value: (inout Walk) throws -> Void) throws {
            try object { key, walk in if key == name { try value(&walk) } else { try walk.skip() } }
        }

        mutating func skip() throws { try cursor.skipValue(depth: depth) }
    }
}

extension JSONCursor {
    /// Skips a string literal of a document already checked whole (`JSONBytes.members` checked the request and the
    /// answer): finds its closing quote with `memchr` instead of checking each byte again. Malformed input cannot make
    /// it read out of bounds; an unterminated literal is refused.
    mutating func skipCheckedString() throws {
        guard peek == 0x22 else { throw error("expected a string") }
        let start = index + 1
        let end: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var from = start
            while from < buffer.count {
                guard let found = memchr(base + from, 0x22, buffer.count - from) else { return nil }
                let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var backslashes = 0
                while quote - backslashes - 1 >= start, buffer[quote - backslashes - 1] == 0x5C { backslashes += 1 }
                if backslashes % 2 == 0 { return quote + 1 }
                from = quote + 1
            }
            return nil
        }
        guard let end else { throw error("unterminated string") }
        index = end
    }
}
