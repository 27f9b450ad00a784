@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Every `/v1` route: its success path, bad input (400/422), conflicts (409) and unknown ids (404), on both stores.
@Suite struct ControlPlaneRouteTests {
    static func newAccount(_ s: ServerHarness, _ name: String) async throws -> (id: String, admin: String) {
        let domain = "\(name.lowercased()).io"
        let created = try await s.call(
            .post, "/v1/accounts",
            json: [
                "account_name": .string(name), "domain": .string(domain),
                "admin_email": .string("admin@\(domain)"), "admin_password": "admin-password",
                "max_budget": 100, "metadata": ["tier": "gold"],
            ])
        #expect(created.status == .ok && created.json["status"] == "created", "\(created.text)")
        let id = try #require(created.json["account_id"]?.stringValue)
        #expect(created.json["item"]?["account_id"]?.stringValue == id)
        return (id, try await s.adminToken(email: "admin@\(domain)", password: "admin-password"))
    }

    @Test(arguments: StoreKind.available)
    func accountLifecycleAdminsPacksPoliciesAndModels(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (acme, _) = try await Self.newAccount(s, "Acme")
            _ = try await Self.newAccount(s, "Bravo")
            #expect(
                try await s.call(
                    .post, "/v1/accounts", json: ["account_name": "ACME", "domain": "x.io", "admin_email": "a@x.io"]
                ).status == .conflict)
            #expect(
                try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "X", "domain": "not a domain", "admin_email": "a@x.io"]
                ).status == .badRequest)
            let list = try await s.call(.get, "/v1/accounts?limit=1")
            #expect(list.json.items.count == 1 && list.json["next_cursor"]?.stringValue != nil)
            #expect(try await s.call(.get, "/v1/accounts?limit=0").status == .badRequest)
            #expect(try await s.call(.get, "/v1/accounts?status=weird").status == .badRequest)
            let bundle = try await s.call(.get, "/v1/accounts/\(acme)")
            #expect(
                bundle.json["item"]?["admins"]?.arrayValue?.count == 1
                    && bundle.json["item"]?["organization_counts"]?["copilot"] == 1)
            #expect(try await s.call(.get, "/v1/accounts/\(UUID())").status == .notFound)
            // Path ids are free text in the original's contract: one that is no UUID names nothing (404, never 400).
            let odd = try await s.call(.get, "/v1/accounts/..%2F..%2Fetc")
            #expect(odd.status == .notFound && odd.json["detail"] == "Account not found")
            let patched = try await s.call(
                .patch, "/v1/accounts/\(acme)", json: ["account_alias": .null, "max_budget": 250])
            #expect(
                patched.status == .ok && patched.json["item"]?["max_budget"] == 250
                    && patched.json["item"]?["alias"] == nil)
            #expect(
                try await s.call(.patch, "/v1/accounts/\(acme)", json: ["account_name": "bravo"]).status == .conflict)
            #expect(try await s.call(.patch, "/v1/accounts/\(acme)", json: ["max_budget": -5]).status == .badRequest)
            #expect(
                try await s.call(.patch, "/v1/accounts/\(acme)", json: ["max_budget": "lots"]).status
                    == .unprocessableContent)
            #expect(
                try await s.call(.post, "/v1/accounts/\(acme)/status", json: ["status": "paused"]).status == .badRequest
            )
            #expect(
                try await s.call(.post, "/v1/accounts/\(acme)/status", json: ["status": " Suspended"]).json["item"]?[
                    "status"] == "suspended", "trimmed and lower-cased, as the original reads it")
            #expect(try await s.call(.post, "/v1/accounts/\(acme)/status", json: ["status": "active"]).status == .ok)

            #expect(
                try await s.call(
                    .post, "/v1/accounts/\(acme)/admins", json: ["email": "ops@acme.io", "password": "ops-password"]
                ).json == ["status": "ok"])
            #expect(
                try await s.call(.post, "/v1/accounts/\(acme)/admins", json: ["email": "OPS@acme.io"]).status == .ok,
                "an existing admin is saved again, as the original's upsert does")
            #expect(
                try await s.call(.post, "/v1/accounts/\(acme)/admins", json: ["email": "nope"]).status == .badRequest)
            #expect(try await s.call(.get, "/v1/accounts/\(acme)/admins").json.items.count == 2)
            #expect(
                try await s.call(.patch, "/v1/accounts/\(acme)/admins/ops@acme.io", json: ["password": .null]).json[
                    "item"]?["has_password"] == false)
            #expect(try await s.call(.delete, "/v1/accounts/\(acme)/admins/ops@acme.io").status == .ok)
            #expect(try await s.call(.delete, "/v1/accounts/\(acme)/admins/admin@acme.io").status == .conflict)
            #expect(try await s.call(.delete, "/v1/accounts/\(acme)/admins/ghost@acme.io").status == .notFound)

            #expect(
                try await s.call(
                    .put, "/v1/accounts/\(acme)/feature-pack",
                    json: ["features": ["agents"], "config": ["max_seats": 50, "nested_key": ["inner_key": 1]]]
                ).status == .ok)
            // The caller's own keys are kept as sent (only a body's own fields are snake_case property names).
            #expect(
                try await s.call(.get, "/v1/accounts/\(acme)/feature-pack").json["feature_pack"]?["config"] == [
                    "max_seats": 50, "nested_key": ["inner_key": 1],
                ])
            let notObject = try await s.call(.put, "/v1/accounts/\(acme)/feature-pack", json: [1, 2])
            #expect(
                notObject.status == .unprocessableContent
                    && notObject.json["detail"] == "request body must be a JSON object", "\(notObject.text)")
            let policy = try await s.call(
                .put, "/v1/accounts/\(acme)/console-model-policy",
                json: ["allow": ["gpt-4o-mini", "gpt-4o"], "deny": ["gpt-4o"]])
            #expect(
                policy.json["console_model_policy"] == [
                    "allow_models": ["gpt-4o-mini", "gpt-4o"], "deny_models": ["gpt-4o"],
                ])
            #expect(
                try await s.call(.get, "/v1/accounts/\(acme)/console-model-policy").json["console_model_policy"]?[
                    "deny_models"] == ["gpt-4o"])

            let model = try await s.call(
                .post, "/v1/super/models/upsert",
                json: [
                    "model_name": "gpt-4o-mini", "visible_to_all": true,
                    "litellm_params": [
                        "model": "openai/gpt-4o-mini", "api_key": "sk-provider-secret-value", "rpm": 100,
                    ],
                ])
            #expect(model.status == .ok && model.json["item"]?["has_credentials"] == true)
            #expect(!model.text.contains("sk-provider-secret-value"))
            let modelID = try #require(model.json.itemString("id"))
            let listed = try await s.call(.get, "/v1/super/models")
            #expect(listed.json.items.count == 1 && !listed.text.contains("secret"))
            let renamed = try await s.call(
                .post, "/v1/super/models/upsert",
                json: [
                    "id": .string(modelID), "model_name": "mini",
                    "litellm_params": ["model": "openai/gpt-4o-mini"],
                ])
            #expect(renamed.status == .ok && renamed.json["item"]?["has_credentials"] == true)
            #expect(
                try await s.call(
                    .post, "/v1/super/models/upsert", json: ["model_name": "x", "litellm_params": ["model": "nopath"]]
                ).status == .badRequest)
            #expect(
                try await s.call(.post, "/v1/super/models/upsert", json: ["model_name": "x", "litellm_params": [:]])
                    .status == .unprocessableContent)
            #expect(try await s.call(.delete, "/v1/super/models/\(modelID)").status == .ok)
            #expect(try await s.call(.delete, "/v1/super/models/\(modelID)").status == .notFound)

            let zitadel: JSONValue = [
                "enabled": true, "issuer": "https://acme.zitadel.cloud", "project_id": "305924551714316751",
                "organization_id": "305924551714316700", "role_mappings": ["account_admin": "acme_admin"],
            ]
            let config = try await s.call(.put, "/v1/accounts/\(acme)/zitadel/config", json: zitadel)
            #expect(config.status == .ok && config.json["item"]?["organization_id"] == "305924551714316700")
            #expect(
                try await s.call(.get, "/v1/accounts/\(acme)/zitadel/config").json["zitadel_config"]?["role_mappings"]
                    == ["account_admin": "acme_admin"])
            #expect(
                try await s.cockpit.zitadelConfig.account(zitadelOrganizationID: "305924551714316700")?.name == "Acme")
            let bravo = try #require(
                try await s.call(.get, "/v1/accounts?limit=10").json.items.first { $0["account_name"] == "Bravo" }?[
                    "account_id"]?.stringValue)
            #expect(try await s.call(.put, "/v1/accounts/\(bravo)/zitadel/config", json: zitadel).status == .conflict)
            for bad: JSONValue in [
                ["issuer": "https://acme.zitadel.cloud:443"], ["issuer": "https://acme.zitadel.cloud/"],
                ["organization_id": "1; DROP TABLE"], ["role_mappings": ["super_admin": "x"]],
            ] {
                #expect(
                    try await s.call(.put, "/v1/accounts/\(bravo)/zitadel/config", json: bad).status == .badRequest,
                    "\(bad)")
            }
            #expect(try await s.call(.get, "/v1/accounts/\(bravo)/zitadel/config").json["item"]?["enabled"] == false)

            #expect(
                try await s.call(.delete, "/v1/accounts/\(acme)").json == [
                    "status": "suspended", "account_id": .string(acme),
                ])
            #expect(
                try await s.call(.delete, "/v1/accounts/\(acme)?hard_delete=true&confirm_name=acme").status
                    == .badRequest)
            #expect(
                try await s.call(.delete, "/v1/accounts/\(acme)?hard_delete=true&confirm_name=Acme").json == [
                    "status": "deleted", "account_id": .string(acme),
                ])
            #expect(try await s.call(.get, "/v1/accounts/\(acme)").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.available)
    func treesGrantsEntitlementsAuditAndCosts(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await Self.newAccount(s, "Acme")
            for d in ["console", "copilot"] {
                let org = try await s.call(.post, "/v1/\(d)/orgs", token: admin, json: ["name": "Platform"])
                #expect(org.status == .ok, "\(org.text)")
                let orgID = try #require(org.json.itemString("id"))
                #expect(
                    try await s.call(.post, "/v1/\(d)/orgs", token: admin, json: ["name": "platform"]).status
                        == .conflict)
                #expect(
                    try await s.call(.post, "/v1/\(d)/orgs", token: admin, json: ["name": " "]).status == .badRequest)
                #expect(
                    try await s.call(.get, "/v1/\(d)/orgs/\(orgID)", token: admin).json.itemString("name") == "Platform"
                )
                #expect(
                    try await s.call(.patch, "/v1/\(d)/orgs/\(orgID)", token: admin, json: ["max_budget": 10]).json[
                        "item"]?["max_budget"] == 10)

                let team = try await s.call(
                    .post, "/v1/\(d)/teams", token: admin, json: ["org_id": .string(orgID), "name": "SRE"])
                #expect(team.status == .ok)
                let teamID = try #require(team.json.itemString("id"))
                let badOrg = try await s.call(
                    .post, "/v1/\(d)/teams", token: admin, json: ["org_id": "x", "name": "SRE"])
                #expect(badOrg.status == .notFound && badOrg.json["detail"] == .string("\(d) org not found"))
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/teams", token: admin,
                        json: ["org_id": .string(UUID().uuidString), "name": "SRE"]
                    ).status == .notFound)
                #expect(try await s.call(.get, "/v1/\(d)/teams?org_id=\(orgID)", token: admin).json.items.count == 1)
                #expect(
                    try await s.call(.patch, "/v1/\(d)/teams/\(teamID)", token: admin, json: ["name": "Ops"]).json
                        .itemString("name") == "Ops")

                let user = try await s.call(
                    .post, "/v1/\(d)/users", token: admin, json: ["email": "alice@acme.io", "display_name": "Alice"])
                #expect(
                    user.status == .ok && user.json["item"]?["status"] == "active"
                        && user.json["item"]?["created_by"]?.stringValue?.isEmpty == false)
                let missing = try await s.call(.post, "/v1/\(d)/users", token: admin, json: ["display_name": "Nobody"])
                #expect(
                    missing.status == .badRequest
                        && missing.json["detail"] == "Either email or identity_user_id is required")
                let userID = try #require(user.json.itemString("id"))
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/users", token: admin,
                        json: ["email": "alice@acme.io", "team_ids": [.string(teamID)]]
                    ).status == .ok)
                #expect(
                    try await s.call(.post, "/v1/\(d)/users", token: admin, json: ["email": "not-an-email"]).status
                        == .badRequest)
                #expect(
                    try await s.call(.get, "/v1/\(d)/users/\(userID)", token: admin).json.itemString("email")
                        == "alice@acme.io")
                #expect(
                    try await s.call(
                        .patch, "/v1/\(d)/users/\(userID)", token: admin, json: ["display_name": "Alice A."]
                    ).status == .ok)
                #expect(try await s.call(.get, "/v1/\(d)/users", token: admin).json.items.count == 1)

                let members = try await s.call(.get, "/v1/\(d)/teams/\(teamID)/members", token: admin)
                #expect(members.json.items.first?["role"] == "member")
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/teams/\(teamID)/members", token: admin,
                        json: ["user_id": .string(userID), "role": "admin"]
                    ).status == .created)
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/teams/\(teamID)/members", token: admin,
                        json: ["user_id": .string(userID), "role": "boss"]
                    ).status == .badRequest)
                #expect(
                    try await s.call(.post, "/v1/\(d)/teams/\(teamID)/members", token: admin, json: [:]).status
                        == .unprocessableContent)

                let grant = try await s.call(
                    .post, "/v1/\(d)/models/grants", token: admin,
                    json: [
                        "model_name": "gpt-4o-mini", "scope": "team",
                        "scope_id": .string(teamID), "effect": "allow",
                    ])
                #expect(grant.status == .ok, "every success is 200, as in the original")
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/models/grants", token: admin, json: ["model_name": "m", "scope": "team"]
                    ).status == .badRequest)
                #expect(
                    try await s.call(
                        .post, "/v1/\(d)/models/grants", token: admin, json: ["model_name": "m", "effect": "maybe"]
                    ).status == .badRequest)
                #expect(try await s.call(.get, "/v1/\(d)/models/grants", token: admin).json.items.count == 1)
                let effective = try await s.call(
                    .get, "/v1/\(d)/models/effective?model_name=gpt-4o-mini&team_id=\(teamID)&user_id=\(userID)",
                    token: admin)
                #expect(effective.json["allowed"] == true && effective.json["decided_by"] == "team", "a bare object")
                #expect(effective.json["resolved_from"] == ["scope_type": "team", "scope_id": .string(teamID)])
                let denied = try await s.call(
                    .get, "/v1/\(d)/models/effective?model_name=claude&user_id=\(userID)", token: admin)
                #expect(denied.json["effective_access"] == "deny" && denied.json["decided_by"] == "default")
                #expect(denied.json["resolved_from"] == .null && denied.json["candidates"] == [])
                #expect(
                    try await s.call(.get, "/v1/\(d)/models/effective", token: admin).status == .unprocessableContent)

                #expect(
                    try await s.call(
                        .post, "/v1/features/entitlements", token: admin,
                        json: [
                            "domain": .string(d), "feature_code": "agents",
                            "scope": "org", "scope_id": .string(orgID), "enabled": true,
                        ]
                    ).status == .ok)
                #expect(
                    try await s.call(
                        .post, "/v1/features/entitlements", token: admin,
                        json: ["domain": "both", "feature_code": "x", "enabled": true]
                    ).status == .badRequest)
                #expect(
                    try await s.call(.get, "/v1/features/entitlements?domain=\(d)", token: admin).json.items.count == 1)
                let feature = try await s.call(
                    .get, "/v1/features/effective?domain=\(d)&feature_code=agents&team_id=\(teamID)", token: admin)
                #expect(feature.json["effective_enabled"] == true && feature.json["decided_by"] == "org")

                let grantID = try #require(grant.json.itemString("id"))
                #expect(try await s.call(.delete, "/v1/\(d)/models/grants/\(grantID)", token: admin).status == .ok)
                #expect(
                    try await s.call(.delete, "/v1/\(d)/teams/\(teamID)/members?user_id=\(userID)", token: admin).status
                        == .ok)
                #expect(
                    try await s.call(.delete, "/v1/\(d)/teams/\(teamID)/members?user_id=\(userID)", token: admin).status
                        == .notFound)
                #expect(try await s.call(.delete, "/v1/\(d)/users/\(userID)", token: admin).status == .ok)
                #expect(try await s.call(.delete, "/v1/\(d)/teams/\(teamID)", token: admin).status == .ok)
                #expect(try await s.call(.delete, "/v1/\(d)/orgs/\(orgID)", token: admin).status == .ok)
                #expect(try await s.call(.get, "/v1/\(d)/orgs/\(orgID)", token: admin).status == .notFound)
            }
            let audit = try await s.call(.get, "/v1/audit?domain=console&limit=5", token: admin)
            #expect(audit.json.items.count == 5 && audit.json["next_cursor"]?.stringValue != nil)
            #expect(audit.json.items.allSatisfy { $0["domain"] == "console" })
            #expect(try await s.call(.get, "/v1/audit?domain=nope", token: admin).status == .unprocessableContent)
            let costs = try await s.call(.get, "/v1/costs/breakdown?domain=console&by=model&days=7", token: admin)
            #expect(costs.status == .ok && costs.json["items"] == [] && costs.json["total_spend"] == 0)
            #expect(try await s.call(.get, "/v1/costs/breakdown?by=colour", token: admin).status == .badRequest)
        }
    }
}
