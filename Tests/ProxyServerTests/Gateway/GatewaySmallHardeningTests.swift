@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The smaller findings of issue 12 (item 8): fallbacks and tree grants, health per owner, bounded estimates,
/// audit snapshots that cannot be silently empty.
@Suite struct GatewaySmallHardeningTests {
    static let config = """
        model_list:
          - model_name: solo
            litellm_params: {model: openai/solo, api_base: UPSTREAM/v1, api_key: upstream-key}
          - model_name: backup
            litellm_params: {model: mock/backup}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002, max_output_tokens: 4096}
        router_settings:
          num_retries: 0
          fallbacks: [{"solo": ["backup"]}]
        """

    /// A key owned in a tree may use a fallback only when the tree's grants allow it, as for the primary model.
    /// Failed before: the fallback was taken on the key's model list alone.
    @Test func fallbacksHonourTreeGrants() async throws {
        try await GatewayHarness.with(config: Self.config) { g in
            let team = g.fixture.teams[.console]!
            _ = try await g.cockpit.access.addModelGrant(
                account: g.accountID, domain: .console, modelName: "solo", scope: .account, effect: .allow)
            let teamKey = try await g.newKey(["team_id": .string(team.id.lowercased)])
            g.upstream.configure {
                $0.failStatus = 500; $0.failCount = 100
            }
            let refused = try await g.call(
                .post, "/v1/chat/completions", key: teamKey, json: GatewayHarness.chat("solo"))
            #expect(
                refused.status == 500 && refused.header("x-litellm-attempted-fallbacks") == nil,
                "backup is not granted: \(refused.text)")
            _ = try await g.cockpit.access.addModelGrant(
                account: g.accountID, domain: .console, modelName: "backup", scope: .account, effect: .allow)
            let rescued = try await g.call(
                .post, "/v1/chat/completions", key: teamKey, json: GatewayHarness.chat("solo"))
            #expect(
                rescued.status == 200 && rescued.header("x-litellm-attempted-fallbacks") == "1",
                "granted now: \(rescued.text)")
        }
    }

    /// Health is kept per owner and deployment: an account's deployment cannot cool down a global one that happens
    /// to carry the same id.
    @Test func anAccountsDeploymentCannotCoolAGlobalOneDown() {
        let router = DeploymentRouter(settings: RouterSettings())
        let global = Deployment(id: "shared", modelName: "gpt", route: "openai/gpt")
        let owned = Deployment(id: "shared", accountID: UUID(), modelName: "gpt", route: "openai/gpt")
        router.begin(owned)
        router.end(
            owned, latency: 0.1, error: GatewayError.upstream(status: 429, message: "slow down", type: nil),
            groupSize: 2)
        #expect(router.candidates([owned]).isEmpty, "the failing deployment cools down")
        #expect(router.candidates([global]).map(\.healthKey) == [global.healthKey], "the global one does not")
        #expect(global.healthKey != owned.healthKey)
    }

    /// The estimate counts every choice and what the model can produce; `n` and `max_tokens` outside their ranges
    /// are refused naming the parameter (they were ignored before).
    @Test func estimatesHonourNAndTheModelsOutputLimit() async throws {
        try await GatewayHarness.with(config: Self.config) { g in
            func request(_ extra: [String: JSONValue]) throws -> GatewayRequest {
                try GatewayRequest.parse(
                    .chat, body: Array(GatewayHarness.chat("backup", extra: extra).encodedString.utf8))
            }
            let backup = g.gateway.registry.group("backup", account: nil)
            #expect(
                g.gateway.estimatedUsage(try request(["n": 4, "max_tokens": 100]), deployment: backup.first)
                    .completionTokens == 400)
            #expect(
                g.gateway.estimatedUsage(try request(["max_tokens": 1_000_000]), deployment: backup.first)
                    .completionTokens == 4096)
            #expect(g.gateway.estimatedUsage(try request([:]), deployment: backup.first).completionTokens == 256)
            for (param, value) in [
                ("n", 0), ("n", 129), ("n", 2.5), ("max_tokens", -1), ("max_tokens", 1e300), ("max_tokens", 0.5),
            ] as [(String, JSONValue)] {
                let answer = try await g.call(
                    .post, "/v1/chat/completions", json: GatewayHarness.chat("backup", extra: [param: value]))
                #expect(
                    answer.status == 400 && answer.json["error"]?["param"]?.stringValue == param,
                    "\(param)=\(value): \(answer.text)")
            }
            let text = try await g.call(
                .post, "/v1/chat/completions", json: GatewayHarness.chat("backup", extra: ["max_tokens": "many"]))
            #expect(text.status == 400)
        }
    }

    struct Unencodable: Encodable {
        func encode(to encoder: Encoder) throws {
            throw EncodingError.invalidValue(self, .init(codingPath: [], debugDescription: "no"))
        }
    }

    /// An audit snapshot that cannot be encoded is an error (the write is rolled back), not a silent `null`.
    @Test func anUnencodableAuditSnapshotIsAnError() {
        #expect(throws: AuditSnapshotError.self) { try JSONValue.snapshot(Unencodable()) }
        #expect(throws: Never.self) { try JSONValue.snapshot(["fine": 1]) }
    }
}
