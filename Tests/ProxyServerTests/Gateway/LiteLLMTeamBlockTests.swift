@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/team/block` and `/team/unblock`: a blocked team's keys are refused by the gateway and the management API at
/// once, and work again after unblocking; refusals and the error envelope.
@Suite struct LiteLLMTeamBlockTests {
    @Test(arguments: StoreKind.available)
    func aBlockedTeamsKeysAreRefusedUntilUnblocked(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let (team, _) = try await LiteLLMTeamLongTailTests.teamWithMember(g)
            _ = try await g.call(
                .post, "/team/model/add",
                json: ["account_id": account, "team_id": .string(team), "models": ["mock-test"]])
            let teamKey = try await g.newKey(["team_id": .string(team), "models": ["mock-test"]])
            let other = try await g.newKey(["models": ["mock-test"]])
            let chat = GatewayHarness.chat("mock-test", extra: ["mock_response": "hi"])
            let first = try await g.call(.post, "/v1/chat/completions", key: teamKey, json: chat)
            #expect(first.status == 200, "\(first.text)")

            let blocked = try await g.call(
                .post, "/team/block", json: ["account_id": account, "team_id": .string(team)])
            #expect(
                blocked.status == 200 && blocked.json["blocked"] == true && blocked.json["team_id"] == .string(team))
            let refused = try await g.call(.post, "/v1/chat/completions", key: teamKey, json: chat)
            #expect(
                refused.status == 401 && refused.json["error"]?["message"]?.stringValue?.contains("blocked") == true)
            #expect(try await g.call(.post, "/v1/chat/completions", key: other, json: chat).status == 200)
            #expect(
                try await g.call(.get, "/team/info?team_id=\(team)", json: nil).json["team_info"]?["blocked"] == true)

            let unblocked = try await g.call(
                .post, "/team/unblock", json: ["account_id": account, "team_id": .string(team)])
            #expect(unblocked.json["blocked"] == false)
            #expect(try await g.call(.post, "/v1/chat/completions", key: teamKey, json: chat).status == 200)

            // Refusals: unknown team, a key (not an admin), bad input.
            let unknown = try await g.call(
                .post, "/team/block", json: ["account_id": account, "team_id": .string(UUID().lowercased)])
            #expect(unknown.status == 404 && unknown.json["error"]?["type"] != nil)
            #expect(
                try await g.call(.post, "/team/block", key: other, json: ["team_id": .string(team)]).status == 403)
            #expect(try await g.call(.post, "/team/block", json: ["account_id": account]).status == 400)
            let audit = try await g.cockpit.reports.audit(account: g.accountID, page: PageRequest(limit: 50)).items
            #expect(audit.contains { $0.action == "team.block" } && audit.contains { $0.action == "team.unblock" })
        }
    }
}
