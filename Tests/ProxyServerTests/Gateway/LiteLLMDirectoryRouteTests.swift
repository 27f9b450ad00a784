@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/user/*`, `/team/*`, `/organization/*`, `/model/*`, `/spend/logs` and `/global/spend` with LiteLLM's shapes.
@Suite struct LiteLLMDirectoryRouteTests {
    @Test(arguments: StoreKind.available)
    func organizationsTeamsAndUsers(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let org = try await g.call(
                .post, "/organization/new",
                json: ["account_id": account, "organization_alias": "Research", "max_budget": 50])
            #expect(org.status == 200 && org.json["max_budget"] == 50, "\(org.text)")
            let orgID = try #require(org.json["organization_id"]?.stringValue)
            let user = try await g.call(
                .post, "/user/new",
                json: [
                    "account_id": account, "user_email": "ada@gw.test", "user_alias": "Ada",
                    "user_role": "internal_user", "rpm_limit": 30, "budget_duration": "1d",
                    "max_budget": 2,
                ])
            #expect(user.status == 200 && user.json["key"]?.stringValue?.hasPrefix("sk-") == true, "\(user.text)")
            #expect(
                user.json["rpm_limit"] == 30 && user.json["budget_duration"] == "1d" && user.json["max_budget"] == 2)
            let userID = try #require(user.json["user_id"]?.stringValue)
            let team = try await g.call(
                .post, "/team/new",
                json: [
                    "account_id": account, "team_alias": "Vision", "organization_id": .string(orgID),
                    "tpm_limit": 5000, "members_with_roles": [["user_id": .string(userID), "role": "admin"]],
                ])
            #expect(team.status == 200, "\(team.text)")
            let teamID = try #require(team.json["team_id"]?.stringValue)
            #expect(team.json["team_info"]?["members_with_roles"]?.arrayValue?.first?["role"] == "admin")
            #expect(team.json["team_info"]?["tpm_limit"] == 5000)
            let updated = try await g.call(
                .post, "/team/update",
                json: [
                    "account_id": account, "team_id": .string(teamID), "team_alias": "Vision 2",
                    "max_budget": 10,
                ])
            #expect(
                updated.json["team_info"]?["team_alias"] == "Vision 2" && updated.json["team_info"]?["max_budget"] == 10
            )
            #expect(
                try await g.call(
                    .post, "/team/member_delete",
                    json: [
                        "account_id": account, "team_id": .string(teamID),
                        "user_id": .string(userID),
                    ]
                ).json["team_info"]?["members_with_roles"] == [])
            #expect(
                try await g.call(
                    .post, "/team/member_add",
                    json: [
                        "account_id": account, "team_id": .string(teamID),
                        "member": ["user_id": .string(userID), "role": "user"],
                    ]
                ).status == 200)
            let info = try await g.call(.get, "/user/info?account_id=\(g.accountID.lowercased)&user_id=\(userID)")
            #expect(info.json["teams"] == [.string(teamID)] && info.json["keys"]?.arrayValue?.count == 1)
            #expect(
                try await g.call(
                    .post, "/user/update",
                    json: ["account_id": account, "user_id": .string(userID), "user_alias": "Ada L."]
                )
                .json["user_alias"] == "Ada L.")
            let teams = try await g.call(
                .get, "/team/list?account_id=\(g.accountID.lowercased)&organization_id=\(orgID)")
            #expect(teams.json.arrayValue?.count == 1)
            let orgInfo = try await g.call(
                .get, "/organization/info?account_id=\(g.accountID.lowercased)&organization_id=\(orgID)")
            #expect(orgInfo.json["teams"]?.arrayValue?.count == 1)
            #expect(
                try await g.call(
                    .patch, "/organization/update",
                    json: [
                        "account_id": account, "organization_id": .string(orgID),
                        "organization_alias": "R&D",
                    ]
                ).json["organization_alias"] == "R&D")
            // The copilot tree is reached with domain: copilot.
            let copilot = try await g.call(
                .get, "/organization/list?account_id=\(g.accountID.lowercased)&domain=copilot")
            #expect(copilot.json.arrayValue?.allSatisfy { $0["domain"] == "copilot" } == true)
            #expect(
                try await g.call(.post, "/team/delete", json: ["account_id": account, "team_ids": [.string(teamID)]])
                    .status == 200)
            #expect(
                try await g.call(.post, "/user/delete", json: ["account_id": account, "user_ids": [.string(userID)]])
                    .status == 200)
            #expect(
                try await g.call(
                    .delete, "/organization/delete",
                    json: ["account_id": account, "organization_ids": [.string(orgID)]]
                ).status == 200)
            #expect(
                try await g.call(.get, "/team/info?account_id=\(g.accountID.lowercased)&team_id=\(teamID)").status
                    == 404)
        }
    }

    @Test func directoryRefusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let key = try await g.newKey()
            #expect(try await g.call(.post, "/team/new", key: key, json: ["team_alias": "x"]).status == 403)
            #expect(try await g.call(.get, "/user/list", key: key).status == 403)
            let b = try await TenantFixture.make(g.cockpit, name: "Other")
            let foreign = try await g.call(
                .get, "/team/info?account_id=\(g.accountID.lowercased)&team_id=\(b.teams[.console]!.id.lowercased)")
            #expect(foreign.status == 404 && foreign.json["error"]?["code"] == "404")
            for (path, body): (String, JSONValue) in [
                ("/team/new", ["account_id": account]),
                ("/team/new", ["account_id": account, "team_alias": "t", "organization_id": "nope"]),
                ("/user/new", ["account_id": account, "user_email": "not-an-email"]),
                ("/user/new", ["account_id": account, "rpm_limit": -5]),
                (
                    "/organization/new",
                    ["account_id": account, "organization_alias": "o", "budget_duration": "eventually"]
                ),
                ("/team/delete", ["account_id": account, "team_ids": []]),
                ("/team/new", ["account_id": account, "domain": "nowhere"]),
            ] {
                let answer = try await g.call(.post, path, json: body)
                #expect(
                    answer.status == 400 && answer.json["error"]?["type"] == "invalid_request_error",
                    "\(path) \(body): \(answer.text)")
            }
            let orgs = try await g.cockpit.directory.organizations(account: g.accountID, domain: .console).items
            #expect(orgs.count == 1, "a refused /organization/new created nothing")
            // A member of another account (or no one) is refused before the team is made: nothing is left behind,
            // and the same request once fixed works (failed before: the team stayed, the retry was a 409).
            let orgID = JSONValue.string(orgs[0].id.lowercased)
            let strangers = try await g.call(
                .post, "/team/new",
                json: [
                    "account_id": account, "team_alias": "Atomic", "organization_id": orgID,
                    "members_with_roles": [["user_id": .string(b.users[.console]!.id.lowercased)]],
                ])
            #expect(strangers.status == 404, "\(strangers.text)")
            let retry = try await g.call(
                .post, "/team/new", json: ["account_id": account, "team_alias": "Atomic", "organization_id": orgID])
            #expect(retry.status == 200, "\(retry.text)")
        }
    }

    @Test func modelsAddedThroughTheAPIAreServedWithoutARestart() async throws {
        // The fake upstream is on loopback, which account models may reach only when the operator allows it.
        try await GatewayHarness.with(environment: ["STORE_MODEL_IN_DB": "true", "COCKPIT_UPSTREAM_ALLOW": "127.0.0.1"])
        { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let added = try await g.call(
                .post, "/model/new",
                json: [
                    "account_id": account, "model_name": "house-model",
                    "litellm_params": [
                        "model": "openai/gpt-4o-mini", "api_base": .string(g.upstreamURL + "/v1"),
                        "api_key": "upstream-key", "rpm": 100,
                    ],
                    "model_info": ["input_cost_per_token": 0.000001],
                ])
            #expect(
                added.status == 200 && added.json["model_info"]?["has_credentials"] == true
                    && !added.text.contains("upstream-key"), "\(added.text)")
            let id = try #require(added.json["model_info"]?["id"]?.stringValue)
            let key = try await g.newKey()
            var status = 0
            for _ in 0..<30 where status != 200 {
                try await Task.sleep(nanoseconds: 100_000_000)
                status = try await g.call(
                    .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("house-model")
                ).status
            }
            #expect(status == 200, "served after the registry's poll")
            let info = try await g.call(.get, "/model/info?account_id=\(g.accountID.lowercased)")
            #expect(
                info.json["data"]?.arrayValue?.contains { $0["model_name"] == "house-model" } == true
                    && !info.text.contains("upstream-key"))
            // Another account does not see it.
            let b = try await TenantFixture.make(g.cockpit, name: "Other")
            let bKey = try await g.call(.post, "/key/generate", json: ["account_id": .string(b.account.id.lowercased)])
                .json["key"]!.stringValue!
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: bKey, json: GatewayHarness.chat("house-model"))
                    .status == 404)
            #expect(
                try await g.call(
                    .post, "/model/delete", json: ["account_id": .string(b.account.id.lowercased), "id": .string(id)]
                ).status == 404)
            #expect(
                try await g.call(.post, "/model/delete", json: ["account_id": account, "id": .string(id)]).status == 200
            )
            #expect(
                try await g.call(
                    .post, "/model/new", key: key, json: ["model_name": "x", "litellm_params": ["model": "mock/x"]]
                ).status == 403)
            #expect(
                try await g.call(
                    .post, "/model/new",
                    json: ["account_id": account, "model_name": "x", "litellm_params": ["api_base": "x"]]
                ).status == 400)
        }
    }

    @Test func modelsCannotBeAddedWithoutStoreModelInDB() async throws {
        try await GatewayHarness.with { g in
            let answer = try await g.call(
                .post, "/model/new",
                json: [
                    "account_id": .string(g.accountID.lowercased), "model_name": "x",
                    "litellm_params": ["model": "mock/x"],
                ])
            #expect(
                answer.status == 400
                    && answer.json["error"]?["message"]?.stringValue?.contains("STORE_MODEL_IN_DB") == true)
        }
    }

    @Test func spendLogsAndGlobalSpend() async throws {
        try await GatewayHarness.with { g in
            let a = try await g.newKey()
            let b = try await g.newKey()
            for key in [a, a, b] {
                _ = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test"))
            }
            await g.gateway.spend.flush()
            let mine = try await g.call(.get, "/spend/logs", key: a)
            #expect(
                mine.json.arrayValue?.count == 2
                    && mine.json.arrayValue?.allSatisfy { $0["api_key"]?.stringValue == KeyGenerator.hash(a) } == true)
            #expect(try await g.call(.get, "/spend/logs?api_key=\(b)", key: a).status == 403)
            let all = try await g.call(.get, "/spend/logs?account_id=\(g.accountID.lowercased)&start_date=2000-01-01")
            #expect(all.json.arrayValue?.count == 3)
            let total = all.json.arrayValue?.compactMap { $0["spend"]?.doubleValue }.reduce(0, +) ?? 0
            let global = try await g.call(.get, "/global/spend?account_id=\(g.accountID.lowercased)")
            #expect(abs((global.json["spend"]?.doubleValue ?? 0) - total) < 1e-12 && total > 0)
            #expect(try await g.call(.get, "/spend/logs?start_date=yesterday", key: a).status == 400)
        }
    }
}
