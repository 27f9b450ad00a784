import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/model_group/info`, `/v2/model/info` and `/utils/token_counter` as LiteLLM answers them, seen by the master key
/// and by a virtual key limited to some models.
@Suite struct LiteLLMModelGroupTests {
    static let config = GatewayHarness.defaultConfig.replacingOccurrences(
        of: "model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}\n  - model_name: azure-test",
        with:
            "model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002, max_input_tokens: 128000, supports_vision: true, mode: chat}\n  - model_name: azure-test"
    )

    @Test func groupsAndDeploymentsAsTheCallerMayUseThem() async throws {
        try await GatewayHarness.with(config: Self.config) { h in
            let groups = try await h.call(.get, "/model_group/info")
            #expect(groups.status == 200)
            let gpt = try #require(groups.json["data"]?.arrayValue?.first { $0["model_group"] == "gpt-test" })
            #expect(
                gpt["providers"] == ["openai"] && gpt["max_input_tokens"] == 128_000 && gpt["supports_vision"] == true
                    && gpt["input_cost_per_token"] == 0.000001 && gpt["mode"] == "chat" && gpt["rpm"] == .null)
            let one = try await h.call(.get, "/model_group/info?model_group=claude-test")
            #expect(one.json["data"]?.arrayValue?.map { $0["providers"] } == [["anthropic"]])

            let key = try await h.newKey(["models": ["gpt-test"]])
            let limited = try await h.call(.get, "/model_group/info", key: key)
            #expect(limited.json["data"]?.arrayValue?.map { $0["model_group"] } == ["gpt-test"])
            let deployments = try await h.call(.get, "/v2/model/info", key: key)
            let row = try #require(deployments.json["data"]?.arrayValue?.first)
            #expect(row["model_name"] == "gpt-test" && row["litellm_params"]?["model"] == "openai/gpt-4o-mini")
            #expect(row["litellm_params"]?["api_base"] == nil && !deployments.text.contains("upstream-key"))
            let master = try await h.call(.get, "/v2/model/info?model=gpt-test")
            #expect(master.json["data"]?.arrayValue?.first?["litellm_params"]?["api_base"] != nil)
            #expect(!master.text.contains("upstream-key"), "credentials never appear")
            #expect(try await h.call(.get, "/model_group/info", key: "sk-nope").status == 401)
        }
    }

    @Test func tokensAreEstimatedAndSaySo() async throws {
        try await GatewayHarness.with { h in
            let counted = try await h.call(
                .post, "/utils/token_counter",
                json: [
                    "model": "gpt-test",
                    "messages": [
                        ["role": "user", "content": "abcdefgh"],
                        ["role": "user", "content": [["type": "text", "text": "ijkl"]]],
                    ],
                ])
            #expect(counted.status == 200)
            // "user" twice (8 bytes) + "abcdefgh" (8) + "ijkl" (4) = 20 bytes → 5 tokens.
            #expect(
                counted.json == [
                    "total_tokens": 5, "request_model": "gpt-test", "model_used": "gpt-4o-mini",
                    "tokenizer_type": "cockpit_estimate_4_bytes_per_token",
                ])
            let prompt = try await h.call(
                .post, "/utils/token_counter", json: ["model": "gpt-test", "prompt": "hello"])
            #expect(prompt.json["total_tokens"] == 2)
            let key = try await h.newKey(["models": ["gpt-test"]])
            let hidden = try await h.call(
                .post, "/utils/token_counter", key: key, json: ["model": "claude-test", "prompt": "x"])
            #expect(hidden.status == 404 && hidden.json["error"]?["type"] != nil)
            let unknown = try await h.call(
                .post, "/utils/token_counter", json: ["model": "gpt-test", "prompt": "x", "contents": []])
            #expect(unknown.status == 400 && unknown.json["error"]?["param"] == "contents")
            let missing = try await h.call(.post, "/utils/token_counter", json: ["model": "gpt-test"])
            #expect(missing.status == 400)
        }
    }
}
