@testable import CockpitCore
import Foundation
import Testing

/// OpenAI's chat completions as its API reference documents them: the request forwarded with the upstream model,
/// answers with text and tool calls, the stream with its final usage chunk, and the error bodies.
@Suite struct OpenAIWireFixtureTests {
    static let deployment = Deployment(
        id: "d", modelName: "gpt", route: "openai/gpt-4.1-2025-04-14", apiKey: "sk-test")
    let adapter = OpenAIProvider(defaultBase: "https://api.openai.com/v1")

    @Test func theRequestIsForwardedWithTheUpstreamModel() throws {
        let request = try Fixture.request("openai/request-tools.json")
        let http = try #require(
            try adapter.makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(http.url == "https://api.openai.com/v1/chat/completions" && http.method == "POST")
        #expect(Fixture.header("Authorization", in: http) == "Bearer sk-test")
        #expect(Fixture.header("Content-Type", in: http) == "application/json")
        var expected = try #require(try Fixture.json("openai/request-tools.json").objectValue)
        expected["model"] = "gpt-4.1-2025-04-14"
        expected["metadata"] = nil  // LiteLLM's field for the gateway, never forwarded
        #expect(try JSONBytes.parse(#require(http.body)) == .object(expected))
    }

    @Test func aStreamedRequestAsksForUsage() throws {
        let request = try Fixture.chat(
            #"{"model":"gpt","stream":true,"stream_options":{"include_usage":false},"messages":[{"role":"user","content":"Hi"}]}"#
        )
        let http = try #require(
            try adapter.makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        let body = try JSONBytes.parse(#require(http.body))
        #expect(body["stream"] == true && body["stream_options"] == ["include_usage": true])
        #expect(body["model"] == "gpt-4.1-2025-04-14" && body["messages"]?.arrayValue?.count == 1)
    }

    @Test func aChatAnswerKeepsEverythingButTheModel() throws {
        let request = try Fixture.chat(#"{"model":"gpt","messages":[{"role":"user","content":"Hello!"}]}"#)
        let (body, usage) = try adapter.translateResponse(
            try Fixture.bytes("openai/answer-chat.json"), request: request)
        var expected = try #require(try Fixture.json("openai/answer-chat.json").objectValue)
        expected["model"] = "gpt"
        #expect(try JSONBytes.parse(body) == .object(expected))
        #expect(usage == TokenUsage(promptTokens: 19, completionTokens: 10))
    }

    @Test func aToolCallAnswerKeepsItsCallsAndArguments() throws {
        let request = try Fixture.chat(#"{"model":"gpt","messages":[{"role":"user","content":"Weather?"}]}"#)
        let (body, usage) = try adapter.translateResponse(
            try Fixture.bytes("openai/answer-tool-calls.json"), request: request)
        let answer = try JSONBytes.parse(body)
        let choice = try #require(answer["choices"]?.arrayValue?.first)
        #expect(choice["finish_reason"] == "tool_calls" && choice["message"]?["content"] == .null)
        let call = try #require(choice["message"]?["tool_calls"]?.arrayValue?.first)
        #expect(call["id"] == "call_abc123" && call["function"]?["name"] == "get_current_weather")
        let arguments = try #require(call["function"]?["arguments"]?.stringValue)
        #expect(try JSONValue.parse(arguments) == ["location": "Boston, MA"])
        #expect(answer["model"] == "gpt" && usage == TokenUsage(promptTokens: 82, completionTokens: 17))
    }

    @Test func theStreamEndsWithTheUsageChunkWhenAskedFor() throws {
        let asked = try Fixture.chat(
            #"{"model":"gpt","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}"#
        )
        var translator = adapter.makeStreamTranslator(asked)
        let answer = try Fixture.replay("openai/stream-usage.sse", through: &translator)
        #expect(answer.role == "assistant" && answer.content == "Hello! How can I help you today?")
        #expect(answer.finishReasons == ["stop"] && answer.done && answer.models == ["gpt"])
        #expect(answer.chunks.count == 6 && answer.chunks.last?["choices"] == .array([]))
        #expect(answer.usage?["prompt_tokens"] == 9 && answer.usage?["completion_tokens"] == 9)
        #expect(translator.usage == TokenUsage(promptTokens: 9, completionTokens: 9))
        #expect(translator.generatedBytes == "Hello! How can I help you today?".utf8.count)

        let notAsked = try Fixture.chat(#"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"Hi"}]}"#)
        var quiet = adapter.makeStreamTranslator(notAsked)
        let plain = try Fixture.replay("openai/stream-usage.sse", through: &quiet, piece: 1)
        #expect(plain.chunks.count == 5 && plain.usage == nil && plain.done, "the usage chunk is the gateway's")
        #expect(plain.chunks.allSatisfy { $0["choices"]?.arrayValue?.isEmpty == false })
        #expect(quiet.usage == TokenUsage(promptTokens: 9, completionTokens: 9), "still charged as reported")
    }

    @Test func streamedToolCallsAddUpToTheirArguments() throws {
        let request = try Fixture.chat(
            #"{"model":"gpt","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Weather?"}]}"#
        )
        var translator = adapter.makeStreamTranslator(request)
        let answer = try Fixture.replay("openai/stream-tool-calls.sse", through: &translator, piece: 13)
        let call = try #require(answer.toolCalls[0])
        #expect(call.id == "call_DdmO9pD3xa9XTPNJ32zg2hcA" && call.name == "get_current_weather")
        #expect(try JSONValue.parse(call.arguments) == ["location": "Boston, MA"])
        #expect(answer.toolCalls.count == 1 && answer.finishReasons == ["tool_calls"] && answer.content.isEmpty)
        #expect(translator.usage == TokenUsage(promptTokens: 81, completionTokens: 18))
    }

    @Test func aStreamCutBeforeDoneFails() throws {
        let request = try Fixture.chat(#"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"Hi"}]}"#)
        let transcript = String(decoding: try Fixture.bytes("openai/stream-usage.sse"), as: UTF8.self)
        let cut = try #require(transcript.range(of: "data: [DONE]"))
        var translator = adapter.makeStreamTranslator(request)
        let sent = try translator.feed(Array(transcript[..<cut.lowerBound].utf8))
        #expect(String(decoding: sent, as: UTF8.self).contains("How can I help you today?"))
        let error = try #require(throws: GatewayError.self) { try translator.finish() }
        #expect(error.status == 502 && error.message.contains("[DONE]"))
    }

    @Test func errorBodiesKeepStatusTypeAndParameter() throws {
        let key = adapter.error(status: 401, body: try Fixture.bytes("openai/error-401-invalid-api-key.json"))
        #expect(key.status == 401 && key.type == "invalid_request_error" && key.param == nil)
        #expect(key.message.hasPrefix("Incorrect API key provided") && key.coolsDown && !key.retryable)

        let limit = adapter.error(status: 429, body: try Fixture.bytes("openai/error-429-rate-limit.json"))
        #expect(limit.status == 429 && limit.type == "tokens", "OpenAI's own type for a token rate limit")
        #expect(limit.message.contains("Please try again in 2.334s") && limit.retryable && limit.coolsDown)

        let long = adapter.error(status: 400, body: try Fixture.bytes("openai/error-400-context-length.json"))
        #expect(long.status == 400 && long.type == "invalid_request_error" && long.param == "messages")
        #expect(long.isContextWindow && !long.retryable && !long.coolsDown, "moves to the context-window fallbacks")
        #expect(try JSONBytes.parse(long.body)["error"]?["param"] == "messages", "the client's envelope names it")
    }
}
