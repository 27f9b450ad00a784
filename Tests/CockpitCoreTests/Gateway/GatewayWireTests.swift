@testable import CockpitCore
import Foundation
import Testing

/// The byte-level JSON, the SSE parser and the request reader.
@Suite struct GatewayWireTests {
    @Test func jsonParsesStrictlyAndSplicesMembers() throws {
        let text = #"{"model":"a","n":-1.5e2,"s":"\u00e9\ud83d\ude00\n","x":[true,false,null,{}],"model2":"b"}"#
        let value = try JSONBytes.parse(Array(text.utf8))
        #expect(value["n"] == .number(-150) && value["s"] == .string("é😀\n") && value["x"]?.arrayValue?.count == 4)
        let members = try JSONBytes.members(Array(text.utf8))
        #expect(members.map(\.key) == ["model", "n", "s", "x", "model2"])
        let replacements: [String: [UInt8]?] = ["model": JSONBytes.quoted("z\"q"), "n": Optional<[UInt8]>.none]
        let spliced = JSONBytes.splice(
            Array(text.utf8), members: members, replacements: replacements,
            additions: [("added", Array("1".utf8))])
        let back = try JSONBytes.parse(spliced)
        #expect(back["model"] == "z\"q" && back["n"] == nil && back["added"] == 1 && back["model2"] == "b")
        // Values replaced only: every other byte stays as it was, spacing included.
        let spaced = #"{ "id" : "x", "model":"gpt-4o-2024" ,"usage":{"total_tokens":3} }"#
        let replaced = JSONBytes.splice(
            Array(spaced.utf8), members: try JSONBytes.members(Array(spaced.utf8)),
            replacements: ["model": JSONBytes.quoted("public")])
        #expect(
            String(decoding: replaced, as: UTF8.self)
                == #"{ "id" : "x", "model":"public" ,"usage":{"total_tokens":3} }"#)
        for bad in [
            "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{\"a\":01}", "{\"a\":\"\u{01}\"}", "{\"a\":tru}", "{} x",
            "\"\\ud800\\u0041\"x",
            String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
        ] {
            #expect(throws: CockpitError.self, "\(bad.prefix(20))") { try JSONBytes.parse(Array(bad.utf8)) }
        }
        #expect(throws: CockpitError.self) { try JSONBytes.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: CockpitError.self) { try JSONBytes.members(Array("[1]".utf8)) }
    }

    @Test func sseEventsSurviveAnySplit() throws {
        let stream = "event: a\r\ndata: one\r\n\r\n: comment\ndata: two\ndata: lines\n\ndata:[DONE]\n\n"
        let bytes = Array(stream.utf8)
        for size in 1...bytes.count {
            var parser = SSEParser()
            var events: [SSEParser.Event] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                events += try parser.feed(bytes[start..<min(start + size, bytes.count)])
            }
            if let last = try parser.finish() { events.append(last) }
            #expect(events.map(\.name) == ["a", "", ""], "split \(size)")
            #expect(
                events.map { String(decoding: $0.data, as: UTF8.self) } == ["one", "two\nlines", "[DONE]"],
                "split \(size)")
        }
        var parser = SSEParser()
        _ = try parser.feed(Array("data: tail".utf8))
        #expect(try parser.finish().map { String(decoding: $0.data, as: UTF8.self) } == "tail")
    }

    @Test func requestsAreReadWithClearErrors() throws {
        let ok = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true},"max_tokens":7,"mock_response":"x"}"#
                    .utf8))
        #expect(ok.model == "m" && ok.stream && ok.includeUsage && ok.maxTokens == 7 && ok.mockResponse == "x")
        let azure = try GatewayRequest.parse(.embeddings, body: Array(#"{"input":"hi"}"#.utf8), model: "path-model")
        #expect(azure.model == "path-model")
        let cases: [(GatewayEndpoint, String, String?)] = [
            (.chat, #"{"messages":[{"role":"user"}]}"#, "model"), (.chat, #"{"model":1,"messages":[]}"#, "model"),
            (.chat, #"{"model":"m","messages":[]}"#, "messages"),
            (.chat, #"{"model":"m","messages":[{"content":"x"}]}"#, "messages"),
            (.chat, #"{"model":"m","messages":[{"role":"user"}],"stream":"yes"}"#, "stream"),
            (.completions, #"{"model":"m"}"#, "prompt"),
            (.embeddings, #"{"model":"m","input":"x","stream":true}"#, "stream"), (.chat, "not json", nil),
        ]
        for (endpoint, body, param) in cases {
            do {
                _ = try GatewayRequest.parse(endpoint, body: Array(body.utf8))
                Issue.record("accepted \(body)")
            } catch let e as GatewayError {
                #expect(e.status == 400 && e.param == param, "\(body): \(e)")
            }
        }
    }

    @Test func openAIUpstreamBodiesKeepTheClientsFieldsButTheirOwn() throws {
        let request = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"public","messages":[{"role":"user","content":"hi"}],"temperature":0.2,"metadata":{"a":1},"mock_response":null,"stream":true}"#
                    .utf8))
        let body = try JSONBytes.parse(OpenAIWire.body(request, upstreamModel: "gpt-4o-mini"))
        #expect(
            body["model"] == "gpt-4o-mini" && body["temperature"] == 0.2 && body["metadata"] == nil
                && body["mock_response"] == nil)
        #expect(body["stream_options"] == ["include_usage": true])
    }
}
