import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The feature pack and the console model policy with the original's bodies and answers (V1_CONTRACT.md "Feature
/// pack and console model policy"): named envelopes, defaults, each PUT replacing only its own key.
@Suite struct OriginalAccountSettingsContractTests {
    @Test(arguments: StoreKind.available)
    func packAndPolicyAsTheOriginalsClientsUseThem(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Packs")
            let base = "/v1/accounts/\(account)"
            #expect(
                try await s.call(.get, base + "/feature-pack").json == [
                    "feature_pack": ["features": [], "config": [:]]
                ])
            #expect(
                try await s.call(.get, base + "/console-model-policy").json == [
                    "console_model_policy": ["allow_models": [], "deny_models": []]
                ])
            let pack = try await s.call(
                .put, base + "/feature-pack", json: ["features": ["agents", "mcp"], "config": ["seats": 10]])
            #expect(
                pack.status == .ok
                    && pack.json == [
                        "status": "ok", "feature_pack": ["features": ["agents", "mcp"], "config": ["seats": 10]],
                    ],
                "\(pack.text)")
            // TA always sends deny_models: [].
            let policy = try await s.call(
                .put, base + "/console-model-policy", json: ["allow_models": ["gpt-4o", "o1"], "deny_models": []])
            #expect(
                policy.json == [
                    "status": "ok", "console_model_policy": ["allow_models": ["gpt-4o", "o1"], "deny_models": []],
                ],
                "\(policy.text)")
            // Each PUT replaced only its own key: both are there, in the bundle too.
            #expect(
                try await s.call(.get, base + "/feature-pack").json["feature_pack"]?["features"] == ["agents", "mcp"])
            let bundle = try await s.call(.get, base)
            #expect(bundle.json["item"]?["console_model_policy"]?["allow_models"] == ["gpt-4o", "o1"])
            #expect(bundle.json["item"]?["feature_pack"]?["config"] == ["seats": 10])
            // The policy is enforced: a console grant of another model is refused by the policy.
            let effective = try await s.call(.get, "/v1/console/models/effective?model_name=claude", token: admin)
            #expect(effective.json["decided_by"] == "account_policy" && effective.json["allowed"] == false)
            // Cockpit's earlier names are read too; names that disagree are refused and change nothing.
            #expect(try await s.call(.put, base + "/console-model-policy", json: ["deny": ["o1"]]).status == .ok)
            let clash = try await s.call(
                .put, base + "/console-model-policy", json: ["deny": ["o1"], "deny_models": ["gpt-4o"]])
            #expect(clash.status == .badRequest && clash.json["detail"]?.stringValue?.contains("deny_models") == true)
            #expect(
                try await s.call(.get, base + "/console-model-policy").json["console_model_policy"] == [
                    "allow_models": [], "deny_models": ["o1"],
                ])
            // Refusals: an account admin, an unknown account, a wrong type.
            #expect(try await s.call(.get, base + "/feature-pack", token: admin).status == .forbidden)
            #expect(try await s.call(.get, "/v1/accounts/\(UUID())/feature-pack").status == .notFound)
            let badType = try await s.call(.put, base + "/feature-pack", json: ["features": "agents"])
            #expect(
                badType.status == .unprocessableContent
                    && badType.json["detail"] == "features has the wrong type or format")
        }
    }
}
