@testable import CockpitCore
import Foundation
import Testing

/// Chat and embeddings ⇄ Cohere v2 `chat` / `embed` in both directions: messages, settings, tools, finish reasons,
/// billed usage, the typed event stream with tool calls, hostile counts and Cohere's error body.
@Suite struct CohereTranslationTests {
    static let deployment = Deployment(id: "d", modelName: "cohere", route: "cohere/command-r", apiKey: "k")

    static func request(_ endpoint: GatewayEndpoint = .chat, _ json: String) throws -> GatewayRequest {
        try GatewayRequest.parse(endpoint, body: Array(json.utf8))
    }

    @Test func requestsBecomeV2Chat() throws {
        let chat = try Self.request(
            .chat,
            #"""
            {"model":"cohere","max_tokens":50,"temperature":0.2,"top_p":0.9,"stop":"END","seed":7,"tool_choice":"required","user":"u1",
             "messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Weather?","name":"ann"},
               {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"weather","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"c1","content":"sunny"}],
             "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}]}
            """#)
        let http = try #require(try CohereProvider().makeRequest(chat, deployment: Self.deployment, options: .init()))
        #expect(http.url == "https://api.cohere.com/v2/chat")
        #expect(http.headers.contains { $0.name == "Authorization" && $0.value == "Bearer k" })
        let body = try JSONBytes.parse(http.body!)
        #expect(body["model"] == "command-r" && body["stream"] == false && body["max_tokens"] == 50)
        #expect(body["p"] == 0.9 && body["stop_sequences"] == ["END"] && body["seed"] == 7)
        #expect(body["tool_choice"] == "REQUIRED" && body["tools"]?.arrayValue?.count == 1 && body["user"] == nil)
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["system", "user", "assistant", "tool"])
        #expect(messages[1]["name"] == nil, "Cohere takes no message names")
        #expect(messages[2]["content"] == nil && messages[2]["tool_calls"]?.arrayValue?.count == 1)

        let streaming = try Self.request(
            .chat, #"{"model":"c","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        let streamBody = try JSONBytes.parse(
            try #require(try CohereProvider().makeRequest(streaming, deployment: Self.deployment, options: .init()))
                .body!)
        #expect(streamBody["stream"] == true && streamBody["stream_options"] == nil)

        for (json, param) in [
            (#"{"model":"c","messages":[{"role":"user","content":"x"}],"logprobs":true}"#, "logprobs"),
            (#"{"model":"c","messages":[{"role":"narrator","content":"x"}]}"#, "messages"),
            (
                #"{"model":"c","messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","function":{"name":"f"}}}"#,
                "tool_choice"
            ),
        ] {
            #expect(throws: GatewayError.self, "\(param)") {
                try CohereProvider().makeRequest(
                    try Self.request(.chat, json), deployment: Self.deployment, options: .init())
            }
        }
        let dropped = try #require(
            try CohereProvider().makeRequest(
                try Self.request(.chat, #"{"model":"c","messages":[{"role":"user","content":"x"}],"logprobs":true}"#),
                deployment: Self.deployment,
                options: ProviderOptions(dropParams: true)))
        #expect(try JSONBytes.parse(dropped.body!)["logprobs"] == nil)
        #expect(throws: GatewayError.self, "no completions") {
            try CohereProvider().makeRequest(
                try Self.request(.completions, #"{"model":"c","prompt":"x"}"#), deployment: Self.deployment,
                options: .init())
        }
    }

    @Test func answersBecomeChatCompletions() throws {
        let request = try Self.request(.chat, #"{"model":"cohere","messages":[{"role":"user","content":"x"}]}"#)
        let answer = #"""
            {"id":"r1","finish_reason":"TOOL_CALL","message":{"role":"assistant","content":[{"type":"text","text":"Checking."}],
             "tool_calls":[{"id":"c1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
             "usage":{"billed_units":{"input_tokens":12,"output_tokens":7},"tokens":{"input_tokens":200,"output_tokens":7}}}
            """#
        let (body, usage) = try CohereProvider().translateResponse(Array(answer.utf8), request: request)
        let chat = try JSONBytes.parse(body)
        let choice = try #require(chat["choices"]?.arrayValue?.first)
        #expect(chat["model"] == "cohere" && chat["id"] == "chatcmpl-r1" && choice["finish_reason"] == "tool_calls")
        #expect(choice["message"]?["content"] == "Checking.")
        #expect(choice["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["name"] == "weather")
        #expect(usage == TokenUsage(promptTokens: 12, completionTokens: 7), "the billed units are what is charged")
        #expect(CohereProvider.finishReason("MAX_TOKENS") == "length")
        #expect(CohereProvider.finishReason("ERROR_TOXIC") == "content_filter")
        for bad in [
            #"{"finish_reason":"ERROR","message":{"content":[]}}"#, "[]", "{not json",
            #"{"finish_reason":"COMPLETE","message":{"content":[]},"usage":{"billed_units":{"input_tokens":-3}}}"#,
            #"{"finish_reason":"COMPLETE","message":{"content":[]},"usage":{"tokens":{"input_tokens":1e300}}}"#,
        ] {
            #expect(throws: GatewayError.self, "\(bad)") {
                try CohereProvider().translateResponse(Array(bad.utf8), request: request)
            }
        }
        let error = CohereProvider().error(status: 429, body: Array(#"{"id":"x","message":"slow down"}"#.utf8))
        #expect(error.status == 429 && error.message == "slow down" && error.retryable)
    }

    @Test func embeddingsGoToV2Embed() throws {
        let request = try Self.request(.embeddings, #"{"model":"e","input":["a","b"],"encoding_format":"float"}"#)
        let http = try #require(
            try CohereProvider().makeRequest(request, deployment: Self.deployment, options: .init()))
        let body = try JSONBytes.parse(http.body!)
        #expect(http.url.hasSuffix("/v2/embed") && body["texts"] == ["a", "b"] && body["embedding_types"] == ["float"])
        #expect(body["input_type"] == "search_document")
        let answer = #"{"embeddings":{"float":[[0.1,0.2],[0.3,0.4]]},"meta":{"billed_units":{"input_tokens":4}}}"#
        let (out, usage) = try CohereProvider().translateResponse(Array(answer.utf8), request: request)
        let list = try JSONBytes.parse(out)
        #expect(list["object"] == "list" && list["model"] == "e" && list["data"]?.arrayValue?.count == 2)
        #expect(list["data"]?.arrayValue?.last?["embedding"] == [0.3, 0.4] && usage?.promptTokens == 4)
        for json in [#"{"model":"e","input":[1,2]}"#, #"{"model":"e","input":"a","encoding_format":"base64"}"#] {
            #expect(throws: GatewayError.self) {
                try CohereProvider().makeRequest(
                    try Self.request(.embeddings, json), deployment: Self.deployment, options: .init())
            }
        }
    }

    @Test func streamEventsBecomeChunks() throws {
        let request = try Self.request(
            .chat,
            #"{"model":"cohere","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
        )
        let events = [
            #"{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}"#,
            #"{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}"#,
            #"{"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will call f"}}}"#,
            #"{"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\""}}}}}"#,
            #"{"type":"tool-call-delta","index":1,"delta":{"message":{"tool_calls":{"function":{"arguments":":1}"}}}}}"#,
            #"{"type":"tool-call-end","index":1}"#,
            #"{"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":{"input_tokens":9,"output_tokens":4}}}}"#,
        ].map { "event: x\ndata: " + $0 + "\n\n" }
        var translator = CohereProvider().makeStreamTranslator(request)
        var out: [UInt8] = []
        for e in events { out += try translator.feed(Array(e.utf8)) }
        out += try translator.finish()
        let payloads = String(decoding: out, as: UTF8.self).components(separatedBy: "\n\n").filter { !$0.isEmpty }.map {
            String($0.dropFirst(6))
        }
        #expect(payloads.last == "[DONE]")
        let chunks = try payloads.dropLast().map { try JSONValue.parse($0) }
        let deltas = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"] }
        #expect(deltas.first?["role"] == "assistant" && chunks.allSatisfy { $0["model"] == "cohere" })
        #expect(chunks.first?["id"] == "chatcmpl-s1")
        #expect(deltas.contains { $0["content"] == "Hi" } && !deltas.contains { $0["content"] == "I will call f" })
        let calls = deltas.compactMap { $0["tool_calls"]?.arrayValue?.first }
        #expect(calls.first?["id"] == "c1" && calls.first?["function"]?["name"] == "f" && calls.first?["index"] == 0)
        #expect(calls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined() == #"{"a":1}"#)
        #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["finish_reason"] == "tool_calls" })
        #expect(chunks.last?["usage"]?["completion_tokens"] == 4 && translator.usage?.promptTokens == 9)

        var cut = CohereProvider().makeStreamTranslator(request)
        _ = try cut.feed(Array(events[1].utf8))
        #expect(throws: GatewayError.self, "closed before message-end") { _ = try cut.finish() }
        var failed = CohereProvider().makeStreamTranslator(request)
        #expect(throws: GatewayError.self) {
            _ = try failed.feed(Array("data: {\"type\":\"message-end\",\"delta\":{\"error\":\"boom\"}}\n\n".utf8))
        }
        var hostile = CohereProvider().makeStreamTranslator(request)
        #expect(throws: GatewayError.self) {
            _ = try hostile.feed(
                Array(
                    "data: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":{\"input_tokens\":-1}}}}\n\n"
                        .utf8))
        }
    }
}
