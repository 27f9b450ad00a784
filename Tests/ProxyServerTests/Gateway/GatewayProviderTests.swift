@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Chat through each provider against the fake upstream speaking that provider's wire format: whole answers and
/// streams come back in OpenAI's shape under the public model name, and each request leaves one spend row with
/// the cost of the tokens the upstream reported.
@Suite struct GatewayProviderTests {
    static let providers = ["gpt-test", "azure-test", "claude-test", "gemini-test", "cohere-test", "mock-test"]

    @Test(arguments: StoreKind.available)
    func wholeAnswersThroughEveryProvider(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            for model in Self.providers {
                let answer = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model))
                #expect(answer.status == 200, "\(model): \(answer.text)")
                #expect(
                    answer.json["model"]?.stringValue == model
                        && answer.json["object"]?.stringValue == "chat.completion")
                #expect(
                    answer.json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue?.isEmpty == false)
                #expect(answer.json["choices"]?.arrayValue?.first?["finish_reason"]?.stringValue == "stop")
                let usage = try #require(try TokenUsage(openAI: answer.json["usage"]))
                let expected = Double(usage.promptTokens) * 0.000001 + Double(usage.completionTokens) * 0.000002
                let cost = Double(answer.header("x-litellm-response-cost") ?? "") ?? -1
                #expect(abs(cost - expected) < 1e-12, "\(model) cost header")
                #expect(answer.header("x-litellm-model-group") == model && answer.header("x-litellm-call-id") != nil)
            }
            let rows = try await g.spendRows()
            #expect(rows.count == Self.providers.count && rows.allSatisfy { $0.status == "success" && $0.cost > 0 })
            #expect(Set(rows.map(\.model)) == Set(Self.providers))
            // The fake saw the upstream model names, never the public ones, and no gateway-only fields.
            let models = g.upstream.receivedBodies.compactMap { $0["model"]?.stringValue }
            #expect(Set(models) == ["gpt-4o-mini", "my-deployment", "claude-3-5-haiku-20241022", "command-r"])
        }
    }

    @Test(arguments: StoreKind.available)
    func streamsThroughEveryProvider(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            for model in Self.providers {
                for includeUsage in [true, false] {
                    let answer = try await g.call(
                        .post, "/v1/chat/completions", key: key,
                        json: GatewayHarness.chat(model, stream: true, usage: includeUsage))
                    #expect(
                        answer.status == 200 && answer.header("content-type") == "text/event-stream",
                        "\(model): \(answer.text)")
                    let events = answer.events
                    #expect(events.last == "[DONE]", "\(model) ends with [DONE]")
                    let chunks = events.dropLast().compactMap { try? JSONValue.parse($0) }
                    #expect(chunks.count == events.count - 1, "\(model): every event is JSON")
                    #expect(
                        chunks.allSatisfy {
                            $0["model"]?.stringValue == model && $0["object"]?.stringValue == "chat.completion.chunk"
                        })
                    let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }
                        .joined()
                    #expect(!text.isEmpty, "\(model) streamed text")
                    let usageChunks = chunks.filter { $0["usage"] != nil && $0["usage"] != .null }
                    #expect(usageChunks.count == (includeUsage ? 1 : 0), "\(model) include_usage=\(includeUsage)")
                }
            }
            let rows = try await g.spendRows()
            #expect(
                rows.count == Self.providers.count * 2
                    && rows.allSatisfy { $0.status == "success" && $0.completionTokens > 0 })
        }
    }

    @Test func completionsEmbeddingsModelsAndAzurePaths() async throws {
        try await GatewayHarness.with { g in
            let key = try await g.newKey(["models": ["gpt-test", "embed-test", "cohere-embed"]])
            let completion = try await g.call(
                .post, "/completions", key: key, json: ["model": "gpt-test", "prompt": "Say hi"])
            #expect(
                completion.status == 200 && completion.json["object"]?.stringValue == "text_completion"
                    && completion.json["model"] == "gpt-test")
            let embedding = try await g.call(
                .post, "/v1/embeddings", key: key, json: ["model": "embed-test", "input": "hello"])
            #expect(embedding.status == 200 && embedding.json["data"]?.arrayValue?.count == 1)
            let cohere = try await g.call(
                .post, "/v1/embeddings", key: key, json: ["model": "cohere-embed", "input": ["hello", "world"]])
            #expect(
                cohere.status == 200 && cohere.json["model"] == "cohere-embed"
                    && cohere.json["data"]?.arrayValue?.map { $0["index"] } == [0, 1]
                    && (cohere.json["usage"]?["prompt_tokens"]?.doubleValue ?? 0) > 0, "\(cohere.text)")
            #expect(g.upstream.receivedBodies.last?["texts"] == ["hello", "world"], "sent to v2/embed as texts")
            let models = try await g.call(.get, "/v1/models", key: key)
            #expect(
                models.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.sorted() == [
                    "cohere-embed", "embed-test", "gpt-test",
                ])
            #expect(try await g.call(.get, "/models/gpt-test", key: key).json["id"] == "gpt-test")
            #expect(try await g.call(.get, "/v1/models/claude-test", key: key).status == 404)
            let azure = try await g.call(
                .post, "/openai/deployments/gpt-test/chat/completions?api-version=2024-10-21", key: nil,
                json: ["messages": [["role": "user", "content": "hi"]]], headers: [.init("api-key")!: key])
            #expect(azure.status == 200 && azure.json["model"] == "gpt-test", "\(azure.text)")
            for header in ["x-api-key", "x-goog-api-key", "x-litellm-api-key"] {
                let answer = try await g.call(
                    .post, "/v1/chat/completions", key: nil, json: GatewayHarness.chat("gpt-test"),
                    headers: [.init(header)!: key])
                #expect(answer.status == 200, "\(header)")
            }
            let master = try await g.call(.get, "/v1/models")
            #expect(master.json["data"]?.arrayValue?.count == 8)
        }
    }
}
