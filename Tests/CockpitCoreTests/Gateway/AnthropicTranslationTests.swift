@testable import CockpitCore
import Foundation
import Testing

/// Chat ⇄ Messages in both directions: system prompt, alternating roles, tools and tool results, stop reasons,
/// usage, and the streaming events.
@Suite struct AnthropicTranslationTests {
    static let deployment = Deployment(
        id: "d", modelName: "claude", route: "anthropic/claude-3-5-haiku-20241022", apiKey: "k")

    @Test func requestsBecomeMessages() throws {
        let chat = #"""
            {"model":"claude","max_tokens":50,"stop":"END","user":"u1","tool_choice":"required",
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather?"},{"role":"user","content":[{"type":"text","text":"In Paris"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
             "tools":[{"type":"function","function":{"name":"weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
            """#
        let request = try GatewayRequest.parse(.chat, body: Array(chat.utf8))
        let http = try #require(
            try AnthropicProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(http.url == "https://api.anthropic.com/v1/messages")
        #expect(
            http.headers.contains { $0.name == "x-api-key" && $0.value == "k" }
                && http.headers.contains { $0.name == "anthropic-version" })
        let body = try JSONBytes.parse(http.body!)
        #expect(
            body["system"] == "Be brief." && body["max_tokens"] == 50 && body["stop_sequences"] == ["END"]
                && body["model"] == "claude-3-5-haiku-20241022")
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(
            messages.map { $0["role"]?.stringValue ?? "" } == ["user", "assistant", "user"],
            "same roles merged, tool results from the user")
        #expect(
            messages[0]["content"]?.arrayValue?.count == 3
                && messages[0]["content"]?.arrayValue?[2]["source"]?["media_type"] == "image/png")
        #expect(messages[1]["content"]?.arrayValue?.first?["input"] == ["city": "Paris"])
        #expect(messages[2]["content"]?.arrayValue?.first?["tool_use_id"] == "call_1")
        #expect(
            body["tools"]?.arrayValue?.first?["input_schema"]?["type"] == "object"
                && body["tool_choice"] == ["type": "any"])
        #expect(body["metadata"] == ["user_id": "u1"])
        let unsupported = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"c","messages":[{"role":"user","content":"x"}],"seed":1}"#.utf8))
        #expect(throws: GatewayError.self) {
            try AnthropicProvider().makeRequest(unsupported, deployment: Self.deployment, options: ProviderOptions())
        }
        let dropped = try #require(
            try AnthropicProvider().makeRequest(
                unsupported, deployment: Self.deployment, options: ProviderOptions(dropParams: true)))
        #expect(try JSONBytes.parse(dropped.body!)["seed"] == nil)
    }

    @Test func answersBecomeChatCompletions() throws {
        let request = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"claude","messages":[{"role":"user","content":"x"}]}"#.utf8))
        let answer =
            #"{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"tu_1","name":"weather","input":{"city":"Paris"}}],"stop_reason":"tool_use","usage":{"input_tokens":12,"output_tokens":7}}"#
        let (body, usage) = try AnthropicProvider().translateResponse(Array(answer.utf8), request: request)
        let chat = try JSONBytes.parse(body)
        let choice = try #require(chat["choices"]?.arrayValue?.first)
        #expect(
            chat["model"] == "claude" && choice["finish_reason"] == "tool_calls"
                && choice["message"]?["content"] == "Let me check.")
        #expect(choice["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == #"{"city":"Paris"}"#)
        #expect(usage == TokenUsage(promptTokens: 12, completionTokens: 7) && chat["usage"]?["total_tokens"] == 19)
        let error = AnthropicProvider().error(
            status: 529,
            body: Array(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#.utf8))
        #expect(
            error.status == 529 && error.retryable && error.message == "Overloaded" && error.type == "overloaded_error")
    }

    @Test func streamEventsBecomeChunks() throws {
        let request = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
                    .utf8))
        var translator = AnthropicProvider().makeStreamTranslator(request)
        let events = [
            #"event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":9,"output_tokens":1}}}"#,
            #"event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
            #"event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#,
            #"event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"tu_1","name":"f"}}"#,
            #"event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}"#,
            #"event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":4}}"#,
            #"event: message_stop\ndata: {"type":"message_stop"}"#,
        ].map { $0.replacingOccurrences(of: "\\n", with: "\n") + "\n\n" }
        var out: [UInt8] = []
        for e in events { out += try translator.feed(Array(e.utf8)) }
        out += try translator.finish()
        let payloads = String(decoding: out, as: UTF8.self).components(separatedBy: "\n\n").filter { !$0.isEmpty }.map {
            String($0.dropFirst(6))
        }
        #expect(payloads.last == "[DONE]")
        let chunks = try payloads.dropLast().map { try JSONValue.parse($0) }
        #expect(
            chunks.first?["choices"]?.arrayValue?.first?["delta"]?["role"] == "assistant"
                && chunks.allSatisfy { $0["model"] == "claude" })
        #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["delta"]?["content"] == "Hi" })
        #expect(
            chunks.contains {
                $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["name"]
                    == "f"
            })
        #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["finish_reason"] == "tool_calls" })
        #expect(
            chunks.last?["usage"]?["completion_tokens"] == 4
                && translator.usage == TokenUsage(promptTokens: 9, completionTokens: 4))
        var broken = AnthropicProvider().makeStreamTranslator(request)
        #expect(throws: GatewayError.self) {
            _ = try broken.feed(
                Array(
                    "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n"
                        .utf8))
        }
    }
}
