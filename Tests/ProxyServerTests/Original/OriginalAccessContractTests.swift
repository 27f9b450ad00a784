import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Model grants and feature entitlements with the original's bodies, as its copilot client sends them
/// (V1_CONTRACT.md "Model grants and effective access", "Feature entitlements"): field names, 200 for creates, grants
/// that accumulate with deny beating allow, bare effective answers, and the original's refusals word for word.
@Suite struct OriginalAccessContractTests {
    static func tree(_ s: ServerHarness, _ admin: String) async throws -> (org: String, team: String) {
        let org = try await s.call(.post, "/v1/copilot/orgs", token: admin, json: ["name": "Eng"])
        let orgID = try #require(org.json["item"]?["id"]?.stringValue)
        let team = try await s.call(
            .post, "/v1/copilot/teams", token: admin, json: ["org_id": .string(orgID), "name": "Core"])
        return (orgID, try #require(team.json["item"]?["id"]?.stringValue))
    }

    @Test(arguments: StoreKind.available)
    func grantsWithTheOriginalsBodies(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Grants")
            let (org, team) = try await Self.tree(s, admin)
            let body: (String) -> JSONValue = { mode in
                [
                    "domain": "copilot", "model_name": "gpt-4o", "scope_type": "team", "scope_id": .string(team),
                    "access_mode": .string(mode),
                ]
            }
            let deny = try await s.call(.post, "/v1/copilot/models/grants", token: admin, json: body("deny"))
            #expect(deny.status == .ok && deny.header("x-cockpit-ignored-fields") == nil, "\(deny.text)")
            let row = try #require(deny.json["item"])
            #expect(row["scope_type"] == "team" && row["scope_id"] == .string(team) && row["access_mode"] == "deny")
            #expect(
                row["model_name"] == "gpt-4o" && row["domain"] == "copilot" && row["account_id"] == .string(account))
            #expect(row["created_by"]?.stringValue?.isEmpty == false && row["created_at"]?.stringValue != nil)
            // An allow added later does not lift the deny: grants accumulate and a deny beats an allow.
            #expect(
                try await s.call(.post, "/v1/copilot/models/grants", token: admin, json: body("allow")).status == .ok)
            let list = try await s.call(.get, "/v1/copilot/models/grants?model_name=gpt-4o", token: admin)
            #expect(list.json["items"]?.arrayValue?.map { $0["access_mode"] } == ["allow", "deny"], "newest first")
            let effective = try await s.call(
                .get, "/v1/copilot/models/effective?model_name=gpt-4o&team_id=\(team)", token: admin)
            #expect(effective.json["effective_access"] == "deny" && effective.json["allowed"] == false)
            #expect(effective.json["resolved_from"] == ["scope_type": "team", "scope_id": .string(team)])
            #expect(effective.json["candidates"]?.arrayValue?.count == 2)
            #expect(
                effective.json["resolution_order"] == [
                    ["scope_type": "team", "scope_id": .string(team)],
                    ["scope_type": "org", "scope_id": .string(org)],
                    ["scope_type": "account", "scope_id": .string(account)],
                ])
            // An account grant with the account's own id as scope_id, as the original's clients send it.
            let accountWide = try await s.call(
                .post, "/v1/copilot/models/grants", token: admin,
                json: ["model_name": "o1", "scope_type": "account", "scope_id": .string(account)])
            #expect(accountWide.status == .ok && accountWide.json["item"]?["access_mode"] == "allow")

            for (json, status, detail) in [
                (["domain": "console", "model_name": "m", "scope_type": "account"], 400, "domain must be copilot"),
                (
                    ["model_name": "m", "scope_type": "group", "scope_id": "x"], 400,
                    "scope_type must be one of: account,org,team,user"
                ),
                (
                    ["model_name": "m", "scope_type": "team", "scope_id": .string(team), "access_mode": "maybe"], 400,
                    "access_mode must be allow|deny"
                ),
                (["model_name": "m", "scope_type": "team", "scope_id": "not-an-id"], 404, "copilot team not found"),
                (
                    ["model_name": "m", "scope_type": "team", "scope_id": .string(UUID().uuidString)], 404,
                    "copilot team not found"
                ),
                (
                    ["model_name": "m", "scope_type": "account", "scope_id": .string(UUID().uuidString)], 400,
                    "account scope_id must match current account_id"
                ),
            ] as [(JSONValue, Int, String)] {
                let refused = try await s.call(.post, "/v1/copilot/models/grants", token: admin, json: json)
                #expect(
                    refused.status.code == status && refused.json["detail"] == .string(detail),
                    "\(json): \(refused.text)")
            }
            #expect(
                try await s.call(.post, "/v1/console/models/grants", token: admin, json: body("allow")).json["detail"]
                    == "domain must be console", "a copilot body sent to the console route")
            // The copilot team is unknown in the console tree and to another account.
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Other")
            var fields = body("allow").objectValue ?? [:]
            fields["domain"] = "console"
            let console = JSONValue.object(fields)
            #expect(
                try await s.call(.post, "/v1/console/models/grants", token: admin, json: console).status == .notFound)
            #expect(
                try await s.call(.post, "/v1/copilot/models/grants", token: other, json: body("allow")).status
                    == .notFound)
            #expect(
                try await s.call(.get, "/v1/copilot/models/effective?team_id=\(team)", token: admin).status
                    == .unprocessableContent)
            #expect(
                try await s.call(.get, "/v1/copilot/models/grants", token: admin).json["items"]?.arrayValue?.count == 3,
                "the refusals changed nothing")
        }
    }

    @Test(arguments: StoreKind.available)
    func entitlementsWithTheOriginalsBodies(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Features")
            let (org, team) = try await Self.tree(s, admin)
            let body: (Bool, JSONValue) -> JSONValue = { enabled, config in
                [
                    "domain": "copilot", "feature_code": "create_agents", "scope_type": "org", "scope_id": .string(org),
                    "enabled": .bool(enabled), "config_json": config,
                ]
            }
            let first = try await s.call(.post, "/v1/features/entitlements", token: admin, json: body(true, ["max": 3]))
            #expect(first.status == .ok && first.json["item"]?["config_json"] == ["max": 3], "\(first.text)")
            let second = try await s.call(
                .post, "/v1/features/entitlements", token: admin, json: body(false, ["max": 5]))
            #expect(second.json["item"]?["id"] == first.json["item"]?["id"], "an upsert keeps the id")
            let list = try await s.call(
                .get, "/v1/features/entitlements?domain=copilot&feature_code=create_agents", token: admin)
            #expect(list.json["domain"] == "copilot" && list.json["items"]?.arrayValue?.count == 1)
            let effective = try await s.call(
                .get, "/v1/features/effective?domain=copilot&feature_code=create_agents&team_id=\(team)", token: admin)
            #expect(effective.json["effective_enabled"] == false && effective.json["effective_config"] == ["max": 5])
            #expect(effective.json["resolved_from"] == ["scope_type": "org", "scope_id": .string(org)])
            let none = try await s.call(
                .get, "/v1/features/effective?domain=copilot&feature_code=image_generation", token: admin)
            #expect(
                none.json["effective_enabled"] == false && none.json["effective_config"] == [:]
                    && none.json["resolved_from"] == .null)
            #expect(none.json["resolution_order"] == [["scope_type": "account", "scope_id": .string(account)]])
            #expect(try await s.call(.get, "/v1/features/entitlements", token: admin).status == .unprocessableContent)
            #expect(
                try await s.call(.get, "/v1/features/effective?domain=copilot", token: admin).status
                    == .unprocessableContent)
            let badScope = try await s.call(
                .post, "/v1/features/entitlements", token: admin,
                json: ["domain": "copilot", "feature_code": "x", "scope_type": "group", "scope_id": "g"])
            #expect(
                badScope.status == .badRequest
                    && badScope.json["detail"] == "scope_type must be one of: account,org,team,user")
        }
    }
}
