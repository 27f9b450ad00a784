@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/team/member_update`, `/team/model/add` and `/team/model/delete` with LiteLLM's shapes: success, refusals (wrong
/// tenant, wrong role, bad input) and the error envelope.
@Suite struct LiteLLMTeamLongTailTests {
    /// A user who is a plain member of a new team: (team id, user id).
    static func teamWithMember(_ g: GatewayHarness) async throws -> (String, String) {
        let account = JSONValue.string(g.accountID.lowercased)
        let user = try await g.call(
            .post, "/user/new",
            json: ["account_id": account, "user_email": "member@gw.test", "auto_create_key": false])
        let userID = try #require(user.json["user_id"]?.stringValue, "\(user.text)")
        let team = try await g.call(
            .post, "/team/new",
            json: [
                "account_id": account, "team_alias": "Long tail",
                "members_with_roles": [["user_id": .string(userID), "role": "user"]],
            ])
        return (try #require(team.json["team_id"]?.stringValue, "\(team.text)"), userID)
    }

    @Test(arguments: StoreKind.available)
    func memberUpdateAndModels(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let (team, user) = try await Self.teamWithMember(g)
            let updated = try await g.call(
                .post, "/team/member_update",
                json: [
                    "account_id": account, "team_id": .string(team), "user_id": .string(user), "role": "admin",
                    "max_budget_in_team": 2.5, "rpm_limit": 4,
                ])
            #expect(updated.status == 200, "\(updated.text)")
            #expect(
                updated.json["role"] == "admin" && updated.json["max_budget_in_team"] == 2.5
                    && updated.json["rpm_limit"] == 4)
            let info = try await g.call(.get, "/team/info?account_id=\(g.accountID.lowercased)&team_id=\(team)")
            #expect(info.json["team_info"]?["members_with_roles"]?.arrayValue?.first?["role"] == "admin")
            let added = try await g.call(
                .post, "/team/model/add",
                json: ["account_id": account, "team_id": .string(team), "models": ["gpt-test", "mock-test"]])
            #expect(added.status == 200 && added.json["models"] == ["gpt-test", "mock-test"], "\(added.text)")
            let again = try await g.call(
                .post, "/team/model/add",
                json: ["account_id": account, "team_id": .string(team), "models": ["gpt-test"]])
            #expect(again.json["models"]?.arrayValue?.count == 2, "adding twice keeps one grant")
            let removed = try await g.call(
                .post, "/team/model/delete",
                json: ["account_id": account, "team_id": .string(team), "models": ["gpt-test"]])
            #expect(removed.status == 200 && removed.json["models"] == ["mock-test"], "\(removed.text)")
        }
    }

    @Test func refusals() async throws {
        try await GatewayHarness.with { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let (team, user) = try await Self.teamWithMember(g)
            for (body, field): (JSONValue, String) in [
                (["account_id": account, "team_id": .string(team), "user_id": .string(user), "role": "owner"], "role"),
                (
                    [
                        "account_id": account, "team_id": .string(team), "user_id": .string(user),
                        "max_budget_in_team": -1,
                    ],
                    "max_budget_in_team"
                ),
                (
                    [
                        "account_id": account, "team_id": .string(team), "user_id": .string(user),
                        "max_budget_in_team": "NaN",
                    ],
                    "max_budget_in_team"
                ),
                (["account_id": account, "team_id": .string(team)], "user_id"),
            ] {
                let refused = try await g.call(.post, "/team/member_update", json: body)
                #expect(
                    refused.status == 400 && refused.json["error"]?["message"]?.stringValue?.contains(field) == true,
                    "\(body): \(refused.text)")
            }
            let stranger = UUID().uuidString.lowercased()
            let missing = try await g.call(
                .post, "/team/member_update",
                json: ["account_id": account, "team_id": .string(team), "user_id": .string(stranger), "role": "admin"])
            #expect(missing.status == 404 && missing.json["error"]?["code"] == "404")
            for body: JSONValue in [
                ["account_id": account, "team_id": .string(team), "models": []],
                ["account_id": account, "team_id": .string(team), "models": [1]],
                ["account_id": account, "models": ["gpt-test"]],
            ] {
                #expect(try await g.call(.post, "/team/model/add", json: body).status == 400, "\(body)")
            }
            let key = try await g.newKey()
            #expect(
                try await g.call(
                    .post, "/team/model/add", key: key, json: ["team_id": .string(team), "models": ["gpt-test"]]
                ).status == 403)
            let other = try await OtherTenant.admin(g)
            #expect(
                try await g.call(
                    .post, "/team/model/add", key: other, json: ["team_id": .string(team), "models": ["gpt-test"]]
                ).status == 404)
            #expect(
                try await g.call(
                    .post, "/team/member_update", key: other,
                    json: ["team_id": .string(team), "user_id": .string(user), "role": "admin"]
                ).status == 404)
            let info = try await g.call(.get, "/team/info?account_id=\(g.accountID.lowercased)&team_id=\(team)")
            #expect(
                info.json["team_info"]?["members_with_roles"]?.arrayValue?.first?["role"] == "user", "nothing changed")
        }
    }
}
