@testable import CockpitCore
import Foundation
import Testing

/// Anthropic's Messages API as its reference and streaming guide document it: the request a chat turns into,
/// answers with text, tool use, thinking and a refusal, the event streams (text, tool input in pieces, thinking,
/// an error event mid-stream) and the error bodies.
@Suite struct AnthropicWireFixtureTests {
    static let deployment = Deployment(
        id: "d", modelName: "claude", route: "anthropic/claude-sonnet-4-5-20250929", apiKey: "sk-ant-test")

    func translate(_ name: String) throws -> (answer: JSONValue, choice: JSONValue, usage: TokenUsage?) {
        let request = try Fixture.chat(#"{"model":"claude","messages":[{"role":"user","content":"x"}]}"#)
        let (body, usage) = try AnthropicProvider().translateResponse(try Fixture.bytes(name), request: request)
        let answer = try JSONBytes.parse(body)
        return (answer, try #require(answer["choices"]?.arrayValue?.first), usage)
    }

    func stream(_ name: String, piece: Int = 7) throws -> (StreamedAnswer, TokenUsage?) {
        let request = try Fixture.chat(
            #"{"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
        )
        var translator = AnthropicProvider().makeStreamTranslator(request)
        let answer = try Fixture.replay(name, through: &translator, piece: piece)
        return (answer, translator.usage)
    }

    @Test func aChatBecomesTheDocumentedMessagesRequest() throws {
        let request = try Fixture.request("anthropic/request-chat.json")
        let http = try #require(
            try AnthropicProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(http.url == "https://api.anthropic.com/v1/messages" && http.method == "POST")
        #expect(Fixture.header("x-api-key", in: http) == "sk-ant-test")
        #expect(Fixture.header("anthropic-version", in: http) == "2023-06-01")
        #expect(Fixture.header("content-type", in: http) == "application/json")
        #expect(try JSONBytes.parse(#require(http.body)) == (try Fixture.json("anthropic/request-messages.json")))
    }

    @Test func thinkingIsNotRequestedThroughTheGateway() throws {
        let request = try Fixture.chat(
            #"{"model":"claude","max_tokens":20000,"thinking":{"type":"enabled","budget_tokens":16000},"messages":[{"role":"user","content":"GCD of 1071 and 462?"}]}"#
        )
        let refused = try #require(throws: GatewayError.self) {
            try AnthropicProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions())
        }
        #expect(refused.status == 400 && refused.param == "thinking")
        let dropped = try #require(
            try AnthropicProvider().makeRequest(
                request, deployment: Self.deployment, options: ProviderOptions(dropParams: true)))
        let body = try JSONBytes.parse(#require(dropped.body))
        #expect(body["thinking"] == nil && body["max_tokens"] == 20000)
    }

    @Test func aTextAnswer() throws {
        let (answer, choice, usage) = try translate("anthropic/answer-text.json")
        #expect(answer["id"] == "msg_013Zva2CMHLNnXjNJJKqJ2EF" && answer["object"] == "chat.completion")
        #expect(
            answer["model"] == "claude"
                && choice["message"] == ["role": "assistant", "content": "Hi! My name is Claude."])
        #expect(choice["finish_reason"] == "stop" && usage == TokenUsage(promptTokens: 2095, completionTokens: 503))
        #expect(answer["usage"] == ["prompt_tokens": 2095, "completion_tokens": 503, "total_tokens": 2598])
    }

    @Test func toolUseBlocksBecomeToolCalls() throws {
        let (_, choice, usage) = try translate("anthropic/answer-tool-use.json")
        #expect(choice["finish_reason"] == "tool_calls")
        #expect(choice["message"]?["content"] == "I'll check the current weather in San Francisco for you.")
        let calls = try #require(choice["message"]?["tool_calls"]?.arrayValue)
        #expect(
            calls.map { $0["id"]?.stringValue ?? "" } == [
                "toolu_01A09q90qw90lq917835lq9", "toolu_01CN3XU8g5RvSZHTxAMNW2Vb",
            ])
        #expect(calls.map { $0["function"]?["name"]?.stringValue ?? "" } == ["get_weather", "get_time"])
        let arguments = try calls.map { try JSONValue.parse($0["function"]?["arguments"]?.stringValue ?? "") }
        #expect(
            arguments == [["location": "San Francisco, CA", "unit": "celsius"], ["timezone": "America/Los_Angeles"]])
        #expect(usage == TokenUsage(promptTokens: 472, completionTokens: 108))
    }

    /// Thinking blocks are not passed through (the gateway has no field for them): the answer is the text alone,
    /// and the thinking is charged, being in `output_tokens`.
    @Test func thinkingBlocksAreLeftOutOfTheAnswer() throws {
        let (_, choice, usage) = try translate("anthropic/answer-thinking.json")
        #expect(choice["message"] == ["role": "assistant", "content": "27 * 453 = 12,231"])
        #expect(choice["finish_reason"] == "stop" && usage == TokenUsage(promptTokens: 52, completionTokens: 322))
    }

    @Test func aRefusalIsTheContentFilter() throws {
        let (_, choice, usage) = try translate("anthropic/answer-refusal.json")
        #expect(choice["finish_reason"] == "content_filter" && choice["message"]?["content"] == "I can't help with")
        #expect(usage == TokenUsage(promptTokens: 31, completionTokens: 5))
    }

    @Test func theTextStream() throws {
        let (answer, usage) = try stream("anthropic/stream-text.sse", piece: 1)
        #expect(answer.role == "assistant" && answer.content == "Hello!" && answer.finishReasons == ["stop"])
        #expect(answer.done && answer.models == ["claude"])
        #expect(answer.chunks.allSatisfy { $0["id"] == "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY" })
        #expect(answer.usage?["prompt_tokens"] == 25 && answer.usage?["completion_tokens"] == 15)
        #expect(usage == TokenUsage(promptTokens: 25, completionTokens: 15))
    }

    @Test func toolInputArrivesInPieces() throws {
        let (answer, usage) = try stream("anthropic/stream-tool-use.sse")
        #expect(answer.content == "Okay, let's check the weather for San Francisco, CA:")
        let weather = try #require(answer.toolCalls[0])
        #expect(weather.id == "toolu_01T1x1fJ34qAmk2tNTrN7Up6" && weather.name == "get_weather")
        #expect(try JSONValue.parse(weather.arguments) == ["location": "San Francisco, CA", "unit": "fahrenheit"])
        let time = try #require(answer.toolCalls[1])
        #expect(try time.name == "get_time" && JSONValue.parse(time.arguments) == ["timezone": "America/Los_Angeles"])
        #expect(answer.toolCalls.count == 2 && answer.finishReasons == ["tool_calls"])
        #expect(usage == TokenUsage(promptTokens: 472, completionTokens: 89))
    }

    /// Thinking, its signature and redacted thinking are not streamed to the client; the text is, and the usage
    /// (which counts the thinking) is kept.
    @Test func thinkingIsLeftOutOfTheStream() throws {
        let (answer, usage) = try stream("anthropic/stream-thinking.sse", piece: 5)
        #expect(answer.content == "The greatest common divisor of 1071 and 462 is **21**.")
        let sent = try answer.chunks.map { String(decoding: try FastJSONEncoder.encode($0), as: UTF8.self) }.joined()
        #expect(!sent.contains("Euclidean") && !sent.contains("EqQBCgIYAhIM") && !sent.contains("EmwKAhgB"))
        #expect(answer.toolCalls.isEmpty && answer.finishReasons == ["stop"] && answer.done)
        #expect(usage == TokenUsage(promptTokens: 46, completionTokens: 186))
    }

    @Test func anErrorEventEndsTheStreamWithItsType() throws {
        let transcript = String(decoding: try Fixture.bytes("anthropic/stream-error.sse"), as: UTF8.self)
        let cut = try #require(transcript.range(of: "event: error"))
        let request = try Fixture.chat(#"{"model":"claude","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        var translator = AnthropicProvider().makeStreamTranslator(request)
        let before = try StreamedAnswer(try translator.feed(Array(transcript[..<cut.lowerBound].utf8)))
        #expect(before.content == "Once upon" && translator.started && !before.done)
        let error = try #require(throws: GatewayError.self) {
            _ = try translator.feed(Array(transcript[cut.lowerBound...].utf8))
        }
        #expect(error.status == 502 && error.type == "overloaded_error" && error.message == "Overloaded")
    }

    @Test func errorBodies() throws {
        let adapter = AnthropicProvider()
        let busy = adapter.error(status: 529, body: try Fixture.bytes("anthropic/error-529-overloaded.json"))
        #expect(busy.status == 529 && busy.type == "overloaded_error" && busy.message == "Overloaded")
        #expect(busy.retryable && busy.coolsDown)
        let long = adapter.error(status: 400, body: try Fixture.bytes("anthropic/error-400-prompt-too-long.json"))
        #expect(long.type == "invalid_request_error" && long.isContextWindow && !long.retryable)
        let key = adapter.error(status: 401, body: try Fixture.bytes("anthropic/error-401-authentication.json"))
        #expect(key.status == 401 && key.type == "authentication_error" && key.message == "invalid x-api-key")
        #expect(key.coolsDown && !key.retryable)
    }
}
