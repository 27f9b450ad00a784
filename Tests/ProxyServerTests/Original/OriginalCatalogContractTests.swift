import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The original's super-admin model catalogue (V1_CONTRACT.md, "Super-admin model catalogue"): its upsert body,
/// provider defaults, the answer's row and catalogue fields, ordering, inactive entries, and a catalogue entry
/// served by the gateway with its credentials read from the environment variables it names.
@Suite struct OriginalCatalogContractTests {
    @Test func catalogueEntriesAreStoredListedAndServedAsTheOriginalDescribes() async throws {
        let suffix = UUID().uuidString.prefix(8).replacingOccurrences(of: "-", with: "")
        let baseVar = "COCKPIT_TEST_CATALOG_BASE_\(suffix)", keyVar = "COCKPIT_TEST_CATALOG_KEY_\(suffix)"
        try await GatewayHarness.with { h in
            setenv(baseVar, h.upstreamURL + "/v1", 1)
            setenv(keyVar, "upstream-key", 1)
            let azure = try await h.call(
                .post, "/v1/super/models/upsert",
                json: [
                    "model_name": "gpt-4o", "deployment_name": "gpt-4o-prod", "provider_id": "Azure_OpenAI",
                    "display_name": "GPT-4o", "capability": "chat", "input_cost_per_million": 2.5,
                    "output_cost_per_million": 10, "sort_order": 5, "content_capabilities": ["vision": true],
                ])
            #expect(azure.status == 200 && azure.json["status"] == "ok")
            let item = try #require(azure.json["item"])
            #expect(
                item["litellm_params"] == [
                    "model": "azure/gpt-4o-prod", "api_base": "os.environ/AZURE_OPENAI_ENDPOINT",
                    "api_key": "os.environ/AZURE_OPENAI_API_KEY",
                ])
            #expect(
                item["model_info"]?["input_cost_per_token"] == 0.0000025
                    && item["model_info"]?["source"] == "super_admin_catalog")
            #expect(
                item["input_cost_per_million"] == 2.5 && item["output_cost_per_million"] == 10
                    && item["provider_id"] == "azure_openai" && item["display_name"] == "GPT-4o"
                    && item["account_id"] == .null && item["created_by"] == "super_admin" && item["is_active"] == true)
            let id = try #require(item["model_id"]?.stringValue)
            #expect(item["model_info"]?["id"] == .string(id))

            // The same model_name again updates that row; a new one with model_id takes that id.
            let again = try await h.call(
                .post, "/v1/super/models/upsert",
                json: ["model_name": "gpt-4o", "deployment_name": "gpt-4o-dr", "provider_id": "azure_openai"])
            #expect(
                again.json["item"]?["model_id"] == .string(id) && again.json["item"]?["deployment_name"] == "gpt-4o-dr")
            let chosen = UUID().lowercased
            let served = try await h.call(
                .post, "/v1/super/models/upsert",
                json: [
                    "model_id": .string(chosen), "model_name": "catalog-gpt", "deployment_name": "gpt-4o-mini",
                    "litellm_provider": "openai", "api_base_env_var": .string(baseVar),
                    "api_key_env_var": .string(keyVar), "sort_order": 1, "extra_body": ["seed": 7],
                ])
            #expect(served.json["item"]?["model_id"] == .string(chosen))
            #expect(served.json["item"]?["litellm_params"]?["extra_body"] == ["seed": 7])
            _ = try await h.call(
                .post, "/v1/super/models/upsert",
                json: ["model_name": "old", "deployment_name": "old", "provider_id": "vertex_ai", "is_active": false])

            let listed = try await h.call(.get, "/v1/super/models").json["items"]?.arrayValue ?? []
            #expect(listed.map { $0["model_name"]?.stringValue ?? "" } == ["catalog-gpt", "gpt-4o", "old"])
            #expect(
                listed.last?["litellm_params"]?["model"] == "gemini/old" && listed.last?["api_base_env_var"] == .null)
            let active = try await h.call(.get, "/v1/super/models?include_inactive=false").json["items"]?.arrayValue
            #expect(active?.count == 2)

            // The gateway serves the entry with the variables' values; the inactive one is not served.
            try await h.runtime.gateway.registry.refresh()
            let chat = try await h.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("catalog-gpt"))
            #expect(chat.status == 200, "\(chat.text)")
            #expect(h.upstream.receivedBodies.last?["model"] == "gpt-4o-mini")
            #expect(try await h.call(.post, "/v1/chat/completions", json: GatewayHarness.chat("old")).status == 404)

            // Refusals: the original's text, bad numbers and names, mixed forms.
            let noDeployment = try await h.call(
                .post, "/v1/super/models/upsert", json: ["model_name": "x", "deployment_name": "  "])
            #expect(noDeployment.status == 400 && noDeployment.json["detail"] == "deployment_name is required")
            for bad: JSONValue in [
                [
                    "model_name": "x", "deployment_name": "d", "provider_id": "azure_openai",
                    "input_cost_per_million": -1,
                ],
                ["model_name": "x", "deployment_name": "d", "provider_id": "azure_openai", "api_key_env_var": "A-B"],
                ["model_name": "x", "deployment_name": "d", "provider_id": "mystery"],
                ["model_name": "x", "deployment_name": "d", "provider_id": "azure_openai", "model_id": "not-a-uuid"],
                ["model_name": "x", "litellm_params": ["model": "openai/x"], "deployment_name": "d"],
            ] {
                #expect(try await h.call(.post, "/v1/super/models/upsert", json: bad).status == 400, "\(bad)")
            }
            #expect(try await h.call(.get, "/v1/super/models").json["items"]?.arrayValue?.count == 3, "nothing stored")
            #expect(
                try await h.call(
                    .post, "/v1/super/models/upsert", key: try await h.newKey(),
                    json: ["model_name": "x", "deployment_name": "d", "provider_id": "azure_openai"]
                ).status == 403)

            let deleted = try await h.call(.delete, "/v1/super/models/\(chosen)")
            #expect(deleted.json["status"] == "ok" && deleted.json["deleted"] == true)
            let missing = try await h.call(.delete, "/v1/super/models/\(chosen)")
            #expect(missing.status == 404 && missing.json["detail"] == "Model not found")
        }
        unsetenv(baseVar)
        unsetenv(keyVar)
    }
}
