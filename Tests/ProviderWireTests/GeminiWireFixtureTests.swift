@testable import CockpitCore
import Foundation
import Testing

/// Gemini's `generateContent` and `streamGenerateContent?alt=sse` as the Gemini API reference documents them: the
/// request a chat turns into, answers with text, function calls, thoughts, a safety stop and a blocked prompt,
/// the SSE stream (CRLF-framed, no end marker) and Google's error bodies.
@Suite struct GeminiWireFixtureTests {
    static let deployment = Deployment(
        id: "d", modelName: "gemini", route: "gemini/gemini-2.0-flash", apiKey: "AIza-test")

    func translate(_ name: String) throws -> (answer: JSONValue, choice: JSONValue, usage: TokenUsage?) {
        let request = try Fixture.chat(#"{"model":"gemini","messages":[{"role":"user","content":"x"}]}"#)
        let (body, usage) = try GeminiProvider().translateResponse(try Fixture.bytes(name), request: request)
        let answer = try JSONBytes.parse(body)
        return (answer, try #require(answer["choices"]?.arrayValue?.first), usage)
    }

    func stream(_ name: String, piece: Int = 7) throws -> (StreamedAnswer, TokenUsage?) {
        let request = try Fixture.chat(
            #"{"model":"gemini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
        )
        var translator = GeminiProvider().makeStreamTranslator(request)
        let answer = try Fixture.replay(name, through: &translator, piece: piece)
        return (answer, translator.usage)
    }

    @Test func aChatBecomesTheDocumentedGenerateContentRequest() throws {
        let request = try Fixture.request("gemini/request-chat.json")
        let http = try #require(
            try GeminiProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(
            http.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent"
                && http.method == "POST")
        #expect(Fixture.header("x-goog-api-key", in: http) == "AIza-test" && !http.url.contains("key="))
        #expect(try JSONBytes.parse(#require(http.body)) == (try Fixture.json("gemini/request-generate-content.json")))

        let streamed = try Fixture.chat(#"{"model":"gemini","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        let prefixed = Deployment(id: "d", modelName: "gemini", route: "gemini/models/gemini-2.0-flash", apiKey: "k")
        let http2 = try #require(
            try GeminiProvider().makeRequest(streamed, deployment: prefixed, options: ProviderOptions()))
        #expect(http2.url.hasSuffix("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"))
    }

    @Test func aTextAnswer() throws {
        let (answer, choice, usage) = try translate("gemini/answer-text.json")
        #expect(answer["id"] == "chatcmpl-mAitaLmkHPPhz7IPvtfUqQ4" && answer["model"] == "gemini")
        #expect(
            choice["message"] == [
                "role": "assistant",
                "content":
                    "Once upon a time, in a land filled with towering trees, lived a curious young girl named Lily.",
            ])
        #expect(choice["finish_reason"] == "stop" && choice["safetyRatings"] == nil)
        #expect(usage == TokenUsage(promptTokens: 8, completionTokens: 22) && answer["usage"]?["total_tokens"] == 30)
    }

    @Test func functionCallPartsBecomeToolCalls() throws {
        let (_, choice, usage) = try translate("gemini/answer-function-call.json")
        #expect(choice["finish_reason"] == "tool_calls" && choice["message"]?["content"] == .null)
        let calls = try #require(choice["message"]?["tool_calls"]?.arrayValue)
        #expect(calls.map { $0["id"]?.stringValue ?? "" } == ["call_0", "call_1"], "Gemini's calls carry no id")
        #expect(calls.map { $0["function"]?["name"]?.stringValue ?? "" } == ["find_theaters", "get_showtimes"])
        let arguments = try calls.map { try JSONValue.parse($0["function"]?["arguments"]?.stringValue ?? "") }
        #expect(arguments.first == ["location": "Mountain View, CA", "movie": "Barbie"])
        #expect(arguments.last?["theater"] == "AMC Mountain View 16")
        #expect(usage == TokenUsage(promptTokens: 72, completionTokens: 41))
    }

    /// Thought parts stay out of the answer; the thoughts are billed as output, so they are charged as completion.
    @Test func thoughtsAreChargedButNotShown() throws {
        let (answer, choice, usage) = try translate("gemini/answer-thinking.json")
        #expect(choice["message"] == ["role": "assistant", "content": "There are 3 r's in \"strawberry\"."])
        #expect(usage == TokenUsage(promptTokens: 11, completionTokens: 12 + 420))
        #expect(answer["usage"]?["total_tokens"] == 443, "the same total Gemini reports")
    }

    @Test func aSafetyStopIsTheContentFilter() throws {
        let (_, choice, usage) = try translate("gemini/answer-finish-safety.json")
        #expect(choice["finish_reason"] == "content_filter" && choice["message"]?["content"] == "")
        #expect(usage == TokenUsage(promptTokens: 15, completionTokens: 0))
    }

    @Test func aBlockedPromptIsAnAnswerFinishedByTheFilter() throws {
        let (answer, choice, usage) = try translate("gemini/answer-prompt-blocked.json")
        #expect(answer["choices"]?.arrayValue?.count == 1 && answer["id"] == "chatcmpl-0B2taNrZEt7hz7IPgd-K6Q4")
        #expect(choice["finish_reason"] == "content_filter" && choice["message"]?["content"] == "")
        #expect(usage == TokenUsage(promptTokens: 9, completionTokens: 0))
    }

    @Test func theSSEStream() throws {
        let (answer, usage) = try stream("gemini/stream.sse")
        #expect(answer.role == "assistant" && answer.finishReasons == ["stop"] && answer.done)
        #expect(
            answer.content
                == "The quick brown fox jumps over the lazy dog. This sentence is famous because it contains every letter of the English alphabet.\n"
        )
        #expect(answer.chunks.allSatisfy { $0["id"] == "chatcmpl-Fx6taMqLKPHiz7IP4_auwQ4" && $0["model"] == "gemini" })
        #expect(answer.usage?["prompt_tokens"] == 9 && answer.usage?["completion_tokens"] == 27)
        #expect(usage == TokenUsage(promptTokens: 9, completionTokens: 27))
    }

    @Test func aStreamedFunctionCall() throws {
        let (answer, usage) = try stream("gemini/stream-function-call.sse", piece: 3)
        let call = try #require(answer.toolCalls[0])
        #expect(call.id == "call_0" && call.name == "find_theaters")
        #expect(try JSONValue.parse(call.arguments) == ["location": "Mountain View, CA", "movie": "Barbie"])
        #expect(answer.finishReasons == ["tool_calls"] && answer.content.isEmpty && answer.done)
        #expect(usage == TokenUsage(promptTokens: 72, completionTokens: 18 + 61), "thoughts included")
    }

    @Test func aStreamedBlockedPromptFinishesByTheFilter() throws {
        let (answer, usage) = try stream("gemini/stream-prompt-blocked.sse")
        #expect(answer.role == "assistant" && answer.content.isEmpty && answer.done)
        #expect(answer.finishReasons == ["content_filter"])
        #expect(usage == TokenUsage(promptTokens: 9, completionTokens: 0))
    }

    @Test func errorBodies() throws {
        let adapter = GeminiProvider()
        let key = adapter.error(status: 400, body: try Fixture.bytes("gemini/error-400-api-key-invalid.json"))
        #expect(key.status == 401 && key.type == "authentication_error" && key.coolsDown)
        #expect(key.message == "API key not valid. Please pass a valid API key.")
        let quota = adapter.error(status: 429, body: try Fixture.bytes("gemini/error-429-resource-exhausted.json"))
        #expect(quota.status == 429 && quota.type == "resource_exhausted" && quota.retryable && quota.coolsDown)
        let long = adapter.error(status: 400, body: try Fixture.bytes("gemini/error-400-token-limit.json"))
        #expect(long.status == 400 && long.type == "invalid_argument" && !long.retryable)
        #expect(long.isContextWindow, "moves to the context-window fallbacks")
    }

    @Test func anErrorEventMidStream() throws {
        let request = try Fixture.chat(#"{"model":"gemini","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        var translator = GeminiProvider().makeStreamTranslator(request)
        let error = try #require(throws: GatewayError.self) {
            _ = try Fixture.replay("gemini/stream-error.sse", through: &translator)
        }
        #expect(
            error.status == 502 && error.type == "unavailable" && error.message.hasPrefix("The model is overloaded"))
        #expect(translator.started && translator.generatedBytes == "Here is a summary".utf8.count)
    }
}
