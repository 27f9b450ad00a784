@testable import CockpitCore
import Foundation
import Testing

/// Azure OpenAI as its REST reference documents it: the deployment and api-version in the URL, the `api-key`
/// header, answers annotated by the content filter, the filter's 400, a rate limit without a type, and the stream
/// that opens with a chunk holding only the prompt's filter results.
@Suite struct AzureWireFixtureTests {
    static let deployment = Deployment(
        id: "d", modelName: "gpt-4o", route: "azure/gpt-4o-prod", apiBase: "https://my-resource.openai.azure.com/",
        apiKey: "azure-key", apiVersion: "2024-10-21")

    @Test func theDeploymentAndVersionAreInTheURL() throws {
        let request = try Fixture.request("openai/request-tools.json")
        let http = try #require(
            try AzureProvider().makeRequest(request, deployment: Self.deployment, options: ProviderOptions()))
        #expect(
            http.url
                == "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21"
        )
        #expect(Fixture.header("api-key", in: http) == "azure-key" && Fixture.header("Authorization", in: http) == nil)
        let body = try JSONBytes.parse(#require(http.body))
        #expect(body["model"] == "gpt-4o-prod" && body["metadata"] == nil)
        #expect(body["tools"] == (try Fixture.json("openai/request-tools.json"))["tools"])

        var unversioned = Self.deployment
        unversioned.apiVersion = nil
        let defaulted = try #require(
            try AzureProvider().makeRequest(request, deployment: unversioned, options: ProviderOptions()))
        #expect(defaulted.url.hasSuffix("/chat/completions?api-version=\(AzureProvider.defaultAPIVersion)"))
    }

    @Test func filterAnnotationsPassThrough() throws {
        let request = try Fixture.chat(#"{"model":"gpt-4o","messages":[{"role":"user","content":"CMK?"}]}"#)
        let (body, usage) = try AzureProvider().translateResponse(
            try Fixture.bytes("azure/answer-chat.json"), request: request)
        let answer = try JSONBytes.parse(body)
        let recorded = try Fixture.json("azure/answer-chat.json")
        #expect(answer["model"] == "gpt-4o" && answer["prompt_filter_results"] == recorded["prompt_filter_results"])
        let choice = try #require(answer["choices"]?.arrayValue?.first)
        #expect(choice["content_filter_results"]?["violence"] == ["filtered": false, "severity": "safe"])
        #expect(choice["message"]?["content"] == "Yes, customer managed keys are supported by Azure OpenAI.")
        #expect(choice["finish_reason"] == "stop" && usage == TokenUsage(promptTokens: 26, completionTokens: 12))
    }

    @Test func aFilteredCompletionFinishesWithContentFilter() throws {
        let request = try Fixture.chat(#"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
        let (body, usage) = try AzureProvider().translateResponse(
            try Fixture.bytes("azure/answer-output-filtered.json"), request: request)
        let choice = try #require(try JSONBytes.parse(body)["choices"]?.arrayValue?.first)
        #expect(choice["finish_reason"] == "content_filter" && choice["message"]?["content"] == nil)
        #expect(choice["content_filter_results"]?["violence"] == ["filtered": true, "severity": "medium"])
        #expect(usage == TokenUsage(promptTokens: 23, completionTokens: 64), "a filtered completion is still billed")
    }

    @Test func theContentFilterRefusalIsAnInvalidRequest() throws {
        let error = AzureProvider().error(status: 400, body: try Fixture.bytes("azure/error-400-content-filter.json"))
        #expect(error.status == 400 && error.type == "invalid_request_error", "the body's type is null")
        #expect(error.param == "prompt" && error.message.contains("content management policy"))
        #expect(!error.retryable && !error.coolsDown, "another deployment filters the same prompt")
    }

    @Test func aRateLimitWithoutATypeIsARateLimitError() throws {
        let error = AzureProvider().error(status: 429, body: try Fixture.bytes("azure/error-429-rate-limit.json"))
        #expect(error.status == 429 && error.type == "rate_limit_error")
        #expect(error.message.contains("Please retry after 6 seconds") && error.retryable && error.coolsDown)
        let unauthorized = AzureProvider().error(
            status: 401,
            body: Array(
                #"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}"#
                    .utf8))
        #expect(unauthorized.type == "authentication_error" && unauthorized.coolsDown)
    }

    @Test func thePromptFilterPreambleIsNotSentAsAChunk() throws {
        let request = try Fixture.chat(#"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        var translator = AzureProvider().makeStreamTranslator(request)
        let answer = try Fixture.replay("azure/stream-prompt-filter.sse", through: &translator)
        #expect(answer.chunks.count == 4 && answer.done && answer.usage == nil)
        #expect(
            answer.chunks.allSatisfy { $0["choices"]?.arrayValue?.isEmpty == false && $0["id"] != "" },
            "every chunk has a choice, as OpenAI's do")
        #expect(answer.chunks.first?["choices"]?.arrayValue?.first?["delta"]?["role"] == "assistant")
        #expect(answer.content == "Color is light" && answer.finishReasons == ["stop"] && answer.models == ["gpt-4o"])
        #expect(translator.usage == TokenUsage(promptTokens: 14, completionTokens: 4))

        let asking = try Fixture.chat(
            #"{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}"#
        )
        var usageTranslator = AzureProvider().makeStreamTranslator(asking)
        let withUsage = try Fixture.replay("azure/stream-prompt-filter.sse", through: &usageTranslator, piece: 64)
        #expect(withUsage.chunks.count == 5 && withUsage.chunks.last?["usage"]?["total_tokens"] == 18)
    }
}
