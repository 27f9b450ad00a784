@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Numbers a tenant stores or an upstream sends cannot crash the process (issue 12, item 1): each entry point
/// refuses them with an error naming the field, skips the row, or treats the answer as an upstream error.
@Suite struct GatewayHostileNumberTests {
    @Test func aTenantModelWithAnAbsurdLimitIsRefusedNamingTheField() async throws {
        try await GatewayHarness.with(environment: ["STORE_MODEL_IN_DB": "true"]) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            for (field, value) in [
                ("rpm", 1e19), ("tpm", -1), ("timeout", 1e300), ("weight", -3), ("input_cost_per_token", -0.5),
            ] as [(String, Double)] {
                let answer = try await g.call(
                    .post, "/model/new",
                    json: [
                        "account_id": account, "model_name": "absurd",
                        "litellm_params": ["model": "mock/x", .init(stringLiteral: field): .number(value)],
                    ])
                #expect(
                    answer.status == 400
                        && answer.json["error"]?["message"]?.stringValue?.contains("litellm_params.\(field)") == true,
                    "\(field): \(answer.text)")
            }
            let priced = try await g.call(
                .post, "/model/new",
                json: [
                    "account_id": account, "model_name": "absurd", "litellm_params": ["model": "mock/x"],
                    "model_info": ["output_cost_per_token": -1],
                ])
            #expect(
                priced.status == 400
                    && priced.json["error"]?["message"]?.stringValue?.contains("model_info.output_cost_per_token")
                        == true
            )
            let stored = try await g.cockpit.modelCatalog.list(account: g.accountID).items
            #expect(!stored.contains { $0.modelName == "absurd" }, "nothing was stored")
        }
    }

    /// A row saved before the check existed (written straight to the store) no longer crashes every instance at
    /// registry load: it is skipped, and the other models are served.
    @Test(arguments: StoreKind.available)
    func aStoredRowWithAnAbsurdLimitIsSkippedAtLoad(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let now = Date.storeNow
            for (name, params) in [
                ("poisoned", ["rpm": 1e19, "timeout": 1e300] as JSONValue), ("healthy", ["rpm": 100] as JSONValue),
            ] {
                let model = ModelDeployment(
                    id: UUID(), accountID: g.accountID, modelName: name, providerModel: "mock/\(name)", apiBase: nil,
                    apiVersion: nil, hasCredentials: false, params: params, modelInfo: .emptyObject,
                    visibleToAll: false,
                    createdAt: now, updatedAt: now)
                try await g.cockpit.database.write(.account(g.accountID)) { tx in
                    try ModelDeploymentRepository(tx).insert(model, encryptedCredentials: nil)
                }
            }
            try await g.gateway.registry.refresh()
            let names = g.gateway.registry.modelNames(account: g.accountID)
            #expect(names.contains("healthy") && !names.contains("poisoned"))
            let key = try await g.newKey()
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("healthy")).status
                    == 200)
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("poisoned")).status
                    == 404)
        }
    }

    /// An upstream reporting 1e300 (or a negative count) is an upstream error, 502, and the call is charged at the
    /// estimate admission reserved; the process goes on serving.
    @Test(arguments: ["gpt-test", "claude-test", "gemini-test"])
    func absurdUpstreamUsageIsA502ChargedAtTheEstimate(model: String) async throws {
        var behavior = FakeUpstream.Behavior()
        behavior.reportedPromptTokens = 1e300
        try await GatewayHarness.with(behavior: behavior) { g in
            let key = try await g.newKey()
            let answer = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model))
            #expect(
                answer.status == 502 && answer.json["error"]?["message"]?.stringValue?.contains("impossible") == true,
                "\(answer.text)")
            g.upstream.configure { $0.reportedPromptTokens = -7 }
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model)).status
                    == 502)
            g.upstream.configure { $0.reportedPromptTokens = nil }
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model)).status
                    == 200)
            let rows = try await g.spendRows()
            let failed = rows.filter { $0.status == "failure" }
            #expect(
                failed.count == 2 && failed.allSatisfy { $0.cost > 0 && $0.completionTokens == 256 },
                "charged at the estimate: \(failed)")
        }
    }

    @Test func absurdUsageInAStreamEndsItAndChargesTheEstimate() async throws {
        var behavior = FakeUpstream.Behavior()
        behavior.reportedPromptTokens = 1e300
        try await GatewayHarness.with(behavior: behavior) { g in
            let key = try await g.newKey()
            for model in ["gpt-test", "claude-test", "gemini-test"] {
                let answer = try await g.call(
                    .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model, stream: true, usage: true)
                )
                #expect(
                    answer.text.contains("impossible"), "\(model): the stream carries the error event: \(answer.text)")
            }
            let rows = try await g.spendRows()
            #expect(
                rows.count == 3 && rows.allSatisfy { $0.promptTokens < 1_000_000 && $0.cost.isFinite && $0.cost >= 0 })
        }
    }

    @Test func curlTakesAnyTimeoutWithoutTrapping() async throws {
        try await GatewayHarness.with { g in
            let client = CurlHTTPClient()
            func request(_ timeout: TimeInterval) -> HTTPClientRequest {
                HTTPClientRequest(
                    url: g.upstreamURL + "/v1/chat/completions", method: "POST",
                    headers: [("Authorization", "Bearer upstream-key"), ("Content-Type", "application/json")],
                    body: Array(GatewayHarness.chat("x").encodedString.utf8), connectTimeout: timeout, timeout: timeout)
            }
            for timeout in [TimeInterval.infinity, 1e300] {
                let response = try await client.send(request(timeout))
                #expect(response.status == 200, "timeout \(timeout): at most a week")
            }
            for timeout in [TimeInterval.nan, -1] {
                await #expect(throws: HTTPClientError.timedOut, "timeout \(timeout): the shortest, 1 ms") {
                    try await client.send(request(timeout))
                }
            }
        }
    }
}
