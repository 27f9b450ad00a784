@testable import CockpitCore
import Foundation
import Testing

/// Chat ⇄ Gemini `generateContent` in both directions: system instruction, roles, inline images, tools with calls
/// and responses, generation settings, finish reasons, usage, the SSE stream and Google's error body.
@Suite struct GeminiTranslationTests {
    static let deployment = Deployment(id: "d", modelName: "gemini", route: "gemini/gemini-1.5-flash", apiKey: "k")

    @Test func requestsBecomeGenerateContent() throws {
        let chat = #"""
            {"model":"gemini","max_tokens":50,"temperature":0.2,"stop":["END"],"seed":7,"tool_choice":{"type":"function","function":{"name":"weather"}},
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather?"},{"role":"user","content":[{"type":"text","text":"In Paris"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"{\"sky\":\"sunny\"}"}],
             "tools":[{"type":"function","function":{"name":"weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
            """#
        let request = try GatewayRequest.parse(.chat, body: Array(chat.utf8))
        let http = try #require(
            try GeminiProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(http.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent")
        #expect(
            http.headers.contains { $0.name == "x-goog-api-key" && $0.value == "k" } && !http.url.contains("key="),
            "the key stays out of the URL")
        let body = try JSONBytes.parse(http.body!)
        #expect(body["systemInstruction"] == ["parts": [["text": "Be brief."]]])
        #expect(
            body["generationConfig"] == [
                "maxOutputTokens": 50, "temperature": 0.2, "stopSequences": ["END"], "seed": 7,
            ])
        let contents = try #require(body["contents"]?.arrayValue)
        #expect(
            contents.map { $0["role"]?.stringValue ?? "" } == ["user", "model", "user"],
            "same roles merged; the assistant is the model")
        #expect(
            contents[0]["parts"]?.arrayValue?.count == 3
                && contents[0]["parts"]?.arrayValue?[2]["inlineData"]?["mimeType"] == "image/png")
        #expect(
            contents[1]["parts"]?.arrayValue?.first?["functionCall"] == ["name": "weather", "args": ["city": "Paris"]])
        #expect(
            contents[2]["parts"]?.arrayValue?.first?["functionResponse"] == [
                "name": "weather", "response": ["sky": "sunny"],
            ],
            "a tool result names the function it answers")
        #expect(body["tools"]?.arrayValue?.first?["functionDeclarations"]?.arrayValue?.first?["name"] == "weather")
        #expect(body["toolConfig"] == ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": ["weather"]]])

        let streaming = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"g","stream":true,"messages":[{"role":"user","content":"x"}]}"#.utf8))
        #expect(
            try GeminiProvider().makeRequest(streaming, deployment: Self.deployment, options: ProviderOptions())?.url
                .hasSuffix("gemini-1.5-flash:streamGenerateContent?alt=sse") == true)
        let unsupported = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"g","messages":[{"role":"user","content":"x"}],"logprobs":true}"#.utf8))
        #expect(throws: GatewayError.self) {
            try GeminiProvider().makeRequest(unsupported, deployment: Self.deployment, options: ProviderOptions())
        }
        let dropped = try #require(
            try GeminiProvider().makeRequest(
                unsupported, deployment: Self.deployment, options: ProviderOptions(dropParams: true)))
        #expect(try JSONBytes.parse(dropped.body!)["logprobs"] == nil)
        let remoteImage = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"g","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}"#
                    .utf8))
        #expect(throws: GatewayError.self) {
            try GeminiProvider().makeRequest(remoteImage, deployment: Self.deployment, options: ProviderOptions())
        }
        let orphan = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"g","messages":[{"role":"tool","tool_call_id":"nope","content":"x"}]}"#.utf8))
        #expect(throws: GatewayError.self) {
            try GeminiProvider().makeRequest(orphan, deployment: Self.deployment, options: ProviderOptions())
        }
    }

    @Test func answersBecomeChatCompletions() throws {
        let request = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"gemini","messages":[{"role":"user","content":"x"}]}"#.utf8))
        let answer =
            #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Let me check."},{"functionCall":{"name":"weather","args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":7,"totalTokenCount":19},"responseId":"r1"}"#
        let (body, usage) = try GeminiProvider().translateResponse(Array(answer.utf8), request: request)
        let chat = try JSONBytes.parse(body)
        let choice = try #require(chat["choices"]?.arrayValue?.first)
        #expect(chat["model"] == "gemini" && chat["id"] == "chatcmpl-r1" && choice["finish_reason"] == "tool_calls")
        #expect(choice["message"]?["content"] == "Let me check.")
        #expect(choice["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == #"{"city":"Paris"}"#)
        #expect(usage == TokenUsage(promptTokens: 12, completionTokens: 7) && chat["usage"]?["total_tokens"] == 19)
        let capped =
            #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Lo"}]},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":1,"totalTokenCount":3}}"#
        let (cappedBody, cappedUsage) = try GeminiProvider().translateResponse(Array(capped.utf8), request: request)
        #expect(
            try JSONBytes.parse(cappedBody)["choices"]?.arrayValue?.first?["finish_reason"] == "length"
                && cappedUsage?.completionTokens == 2)
        #expect(GeminiProvider.finishReason("SAFETY", calledTools: false) == "content_filter")
        #expect(throws: GatewayError.self) {
            try GeminiProvider().translateResponse(Array("{}".utf8), request: request)
        }
        let error = GeminiProvider().error(
            status: 429,
            body: Array(#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}"#.utf8))
        #expect(
            error.status == 429 && error.message == "Quota exceeded" && error.type == "resource_exhausted"
                && error.retryable)
    }

    @Test func streamEventsBecomeChunks() throws {
        let request = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"gemini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
                    .utf8))
        var translator = GeminiProvider().makeStreamTranslator(request)
        let events = [
            #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]},"index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":1}}"#,
            #"{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13}}"#,
        ].map { "data: " + $0 + "\r\n\r\n" }
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
                && chunks.allSatisfy { $0["model"] == "gemini" })
        #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["delta"]?["content"] == "Hi" })
        let call = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first }
            .first
        #expect(
            call?["function"]?["name"] == "f" && call?["function"]?["arguments"] == #"{"a":1}"# && call?["index"] == 0)
        #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["finish_reason"] == "tool_calls" })
        #expect(
            chunks.last?["usage"]?["completion_tokens"] == 4
                && translator.usage == TokenUsage(promptTokens: 9, completionTokens: 4))
        var cut = GeminiProvider().makeStreamTranslator(request)
        _ = try cut.feed(Array(events[0].utf8))
        #expect(throws: GatewayError.self, "closed before a finish reason") { _ = try cut.finish() }
        var failed = GeminiProvider().makeStreamTranslator(request)
        #expect(throws: GatewayError.self) {
            _ = try failed.feed(
                Array("data: {\"error\":{\"code\":500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}\r\n\r\n".utf8))
        }
    }
}
