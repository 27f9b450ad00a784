import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The routes the cockpit's views brought (keys, deployments, budgets, the request log, removing an entitlement):
/// success, bad input refused by name with nothing changed, and the `{"detail"}` error shape.
@Suite struct NewControlRouteTests {
    static func refused(_ a: ServerHarness.Answer, _ status: HTTPResponse.Status, naming field: String) -> Bool {
        a.status == status && a.json["detail"]?.stringValue?.contains(field) == true
    }

    @Test func keysAndDeploymentsOnTheControlPlane() async throws {
        try await ServerHarness.with(.sqlite, environment: ["STORE_MODEL_IN_DB": "true"]) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Keys")
            let created = try await s.call(
                .post, "/v1/keys", token: admin,
                json: ["key_alias": "ci", "rpm_limit": 60, "budget_duration": "30d", "max_budget": 5])
            #expect(
                created.status == .created && created.json["key"]?.stringValue?.hasPrefix("sk-") == true,
                "\(created.text)")
            let id = try #require(created.json["item"]?["id"]?.stringValue)
            #expect(created.json["item"]?["rpm_limit"] == 60 && created.json["item"]?["key_hash"] != nil)
            let listed = try await s.call(.get, "/v1/keys", token: admin)
            #expect(
                listed.json.items.count == 1 && !listed.text.contains(created.json["key"]!.stringValue!),
                "the secret is shown once")
            #expect(
                Self.refused(
                    try await s.call(.post, "/v1/keys", token: admin, json: ["max_budget": -1]), .badRequest,
                    naming: "max_budget"))
            #expect(
                Self.refused(
                    try await s.call(.post, "/v1/keys", token: admin, json: ["expires_in": "soon"]), .badRequest,
                    naming: "expires_in"))
            #expect(
                Self.refused(
                    try await s.call(.put, "/v1/keys/\(id)", token: admin, json: ["rpm_limit": "fast"]),
                    .unprocessableContent, naming: "rpm_limit"))
            let changed = try await s.call(
                .put, "/v1/keys/\(id)", token: admin, json: ["key_alias": "deploy", "expires_in": "90d"])
            #expect(
                changed.status == .ok && changed.json.itemString("key_alias") == "deploy"
                    && changed.json.itemString("expires_at") != nil)
            #expect(try await s.call(.post, "/v1/keys/\(id)/block", token: admin).json["item"]?["blocked"] == true)
            #expect(try await s.call(.post, "/v1/keys/\(id)/unblock", token: admin).json["item"]?["blocked"] == false)
            #expect(try await s.call(.delete, "/v1/keys/\(id)", token: admin).status == .ok)
            #expect(try await s.call(.delete, "/v1/keys/\(id)", token: admin).status == .notFound)
            #expect(try await s.call(.get, "/v1/keys", token: admin).json.items.isEmpty)

            let model = try await s.call(
                .post, "/v1/deployments", token: admin,
                json: [
                    "model_name": "house", "provider_model": "openai/gpt-4o-mini", "api_key": "sk-provider-secret-1",
                ])
            #expect(model.status == .created && model.json["item"]?["has_credentials"] == true, "\(model.text)")
            #expect(!(try await s.call(.get, "/v1/deployments", token: admin)).text.contains("sk-provider-secret-1"))
            #expect(
                Self.refused(
                    try await s.call(.post, "/v1/deployments", token: admin, json: ["model_name": "x"]),
                    .unprocessableContent, naming: "provider_model"))
            #expect(
                Self.refused(
                    try await s.call(
                        .post, "/v1/deployments", token: admin, json: ["model_name": "x", "provider_model": "no-slash"]),
                    .badRequest,
                    naming: "litellm_params.model"))
            let modelID = try #require(model.json.itemString("id"))
            #expect(try await s.call(.delete, "/v1/deployments/\(modelID)", token: admin).status == .ok)
            #expect(try await s.call(.get, "/v1/deployments", token: admin).json.items.isEmpty)
        }
    }

    @Test func budgetsLogsAndEntitlementRemoval() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (accountID, admin) = try await ControlPlaneRouteTests.newAccount(s, "Limits")
            let org = try await s.call(.post, "/v1/console/orgs", token: admin, json: ["name": "Platform"])
            let orgID = try #require(org.json.itemString("id"))
            let path = "/v1/console/orgs/\(orgID)/budget"
            #expect(try await s.call(.get, path, token: admin).json["item"] == .null, "none yet")
            let set = try await s.call(
                .put, path, token: admin, json: ["rpm_limit": 60, "max_budget": 100, "budget_duration": "30d"])
            #expect(
                set.status == .ok && set.json["item"]?["rpm_limit"] == 60 && set.json["item"]?["subject"] == "org",
                "\(set.text)")
            #expect(
                try await s.call(.put, path, token: admin, json: ["rpm_limit": 60, "rpm": 5]).header(
                    "x-cockpit-ignored-fields") == "rpm", "a field the route does not take is named")
            #expect(
                Self.refused(
                    try await s.call(.put, path, token: admin, json: ["rpm_limit": 1.5]), .unprocessableContent,
                    naming: "rpm_limit"))
            #expect(
                Self.refused(
                    try await s.call(.put, path, token: admin, json: ["budget_duration": "sometimes"]), .badRequest,
                    naming: "budget_duration"))
            #expect(
                try await s.call(.get, path, token: admin).json["item"]?["rpm_limit"] == 60,
                "the refusals changed nothing")
            #expect(
                try await s.call(.get, "/v1/copilot/orgs/\(orgID)/budget", token: admin).status == .notFound,
                "not an org of that tree")

            #expect(try await s.call(.get, "/v1/logs", token: admin).json.items.isEmpty)
            #expect(
                Self.refused(try await s.call(.get, "/v1/logs?limit=0", token: admin), .badRequest, naming: "limit"))
            #expect(
                Self.refused(
                    try await s.call(.get, "/v1/logs?since=yesterday", token: admin), .badRequest, naming: "since"))

            let entitlement = try await s.call(
                .post, "/v1/features/entitlements", token: admin,
                json: ["domain": "console", "feature_code": "playground", "enabled": true])
            let entitlementID = try #require(entitlement.json.itemString("id"))
            #expect(
                entitlement.json.itemString("scope_type") == "account"
                    && entitlement.json["item"]?["scope_id"] == .string(accountID),
                "the account scope's id is the account")
            #expect(
                Self.refused(
                    try await s.call(.delete, "/v1/features/entitlements/\(entitlementID)", token: admin),
                    .unprocessableContent, naming: "domain"))
            #expect(
                try await s.call(.delete, "/v1/features/entitlements/\(entitlementID)?domain=copilot", token: admin)
                    .status == .notFound)
            #expect(
                try await s.call(.delete, "/v1/features/entitlements/\(entitlementID)?domain=console", token: admin)
                    .status == .ok)
            #expect(try await s.call(.get, "/v1/features/entitlements?domain=console", token: admin).json.items.isEmpty)
        }
    }
}
