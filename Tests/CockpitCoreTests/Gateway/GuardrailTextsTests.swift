@testable import CockpitCore
import Foundation
import Testing

/// The text literals guardrails read are found in the body's bytes: every place a text can be, nothing else, and
/// escapes read as the text they stand for.
@Suite struct GuardrailTextsTests {
    /// The texts a request's member holds, decoded.
    static func texts(_ json: String, _ endpoint: GatewayEndpoint) throws -> [String] {
        let body = Array(json.utf8)
        let member = try #require(
            try JSONBytes.members(body).first { $0.key == GuardrailTexts.inputMember(endpoint) })
        return try GuardrailTexts.request(body, member.value, endpoint).map { range in
            var cursor = JSONCursor(bytes: body, index: range.lowerBound)
            return try cursor.string()
        }
    }

    @Test func chatMessagesPartsAndToolCalls() throws {
        let json = """
            {"model":"m","messages":[{"role":"system","content":"be brief"},
             {"role":"user","content":[{"type":"text","text":"part one"},{"type":"image_url","image_url":{"url":"u"}},
              {"type":"text","text":"line\\nbreak \\u0040 here"}]},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
              "function":{"name":"lookup","arguments":"{\\"q\\":\\"ana@example.com\\"}"}}]},
             {"role":"assistant","function_call":{"name":"f","arguments":"{}"},"content":"x","content":"y"},
             7, "loose", {"content":{"not":"text"}}],"user":"u-1"}
            """
        #expect(
            try Self.texts(json, .chat) == [
                "be brief", "part one", "line\nbreak @ here", "{\"q\":\"ana@example.com\"}", "{}", "x", "y",
            ])
    }

    @Test func promptsAndInputs() throws {
        #expect(try Self.texts(#"{"prompt":"one"}"#, .completions) == ["one"])
        #expect(try Self.texts(#"{"prompt":["a",1,"b"]}"#, .completions) == ["a", "b"])
        #expect(try Self.texts(#"{"input":[[1,2],[3]]}"#, .embeddings).isEmpty)
        #expect(try Self.texts(#"{"input":{"x":"y"}}"#, .embeddings).isEmpty)
    }

    @Test func answerChoices() throws {
        let body = Array(
            #"{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi","tool_calls":[{"function":{"arguments":"{\"a\":1}"}}]}},{"index":1,"text":"plain"}],"usage":{"total_tokens":3}}"#
                .utf8)
        let choices = try #require(try JSONBytes.members(body).first { $0.key == "choices" })
        let found = try GuardrailTexts.answer(body, choices.value).map {
            String(decoding: body[$0], as: UTF8.self)
        }
        #expect(found == [#""hi""#, #""{\"a\":1}""#, #""plain""#])
    }

    @Test func deepNestingIsSkippedNotRecursedWithoutEnd() throws {
        let deep = String(repeating: "[", count: 120) + String(repeating: "]", count: 120)
        #expect(try Self.texts(#"{"messages":[{"content":\#(deep)}]}"#, .chat).isEmpty)
    }

    @Test func aCheckedStringEndsAtItsFirstUnescapedQuote() throws {
        for (literal, rest) in [
            (#""plain""#, ",1"), (#""a\"b""#, "]"), (#""ends with \\""#, "}"), (#""\\\"x""#, ""), (#""""#, ","),
        ] {
            var cursor = JSONCursor(bytes: Array((literal + rest).utf8))
            try cursor.skipCheckedString()
            #expect(cursor.index == literal.utf8.count, "\(literal)")
        }
        for broken in [#""never closed"#, #""escaped at the end\""#, "x"] {
            var cursor = JSONCursor(bytes: Array(broken.utf8))
            #expect(throws: CockpitError.self, "\(broken)") { try cursor.skipCheckedString() }
        }
    }
}
