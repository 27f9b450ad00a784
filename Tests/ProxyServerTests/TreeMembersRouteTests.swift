import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// `GET /v1/{domain}/members`: every membership of a tree with its team, a page at a time (the cockpit reads the
/// whole copilot tree with it instead of one request per team); only the caller's account and tree; a key refused;
/// a cursor it did not give refused by name.
@Suite struct TreeMembersRouteTests {
    @Test(arguments: StoreKind.available)
    func everyMembershipOfTheTreeInPages(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Members")
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Elsewhere")
            let (org, team) = try await OriginalAccessContractTests.tree(s, admin)
            let second = try #require(
                try await s.call(
                    .post, "/v1/copilot/teams", token: admin, json: ["org_id": .string(org), "name": "Two"]
                )
                .json.itemString("id"))
            var expected: Set<String> = []
            for (i, t) in [team, team, second].enumerated() {
                let user = try #require(
                    try await s.call(
                        .post, "/v1/copilot/users", token: admin,
                        json: ["email": .string("m\(i)@members.io"), "team_ids": [.string(t)]]
                    ).json.itemString("id"))
                expected.insert("\(t)/\(user)")
            }
            // The other account's tree and the console tree are not listed.
            let (_, theirTeam) = try await OriginalAccessContractTests.tree(s, other)
            _ = try await s.call(
                .post, "/v1/copilot/users", token: other,
                json: ["email": "x@else.io", "team_ids": [.string(theirTeam)]])

            var seen: Set<String> = []
            var cursor: String?
            var pages = 0
            repeat {
                let answer = try await s.call(
                    .get, "/v1/copilot/members?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                #expect(answer.status == .ok, "\(answer.text)")
                for item in answer.json.items {
                    let key = "\(item["team_id"]?.stringValue ?? "")/\(item["user"]?["id"]?.stringValue ?? "")"
                    #expect(seen.insert(key).inserted, "listed once: \(key)")
                    #expect(item["role"] == "member" && item["user"]?["account_id"]?.stringValue == account)
                }
                cursor = answer.json["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == expected && pages == 2)
            #expect(try await s.call(.get, "/v1/console/members", token: admin).json.items.isEmpty)

            // A key of the account is no tree reader; a cursor the list did not give is refused by name.
            let key = try await s.cockpit.keys.generate(
                account: try #require(UUID(uuidString: account)), NewKey(alias: "end user")
            ).secret
            #expect(try await s.call(.get, "/v1/copilot/members", token: key).status == .forbidden)
            let bad = try await s.call(.get, "/v1/copilot/members?cursor=bm90LWEtY3Vyc29y", token: admin)
            #expect(
                bad.status == .badRequest && bad.json["detail"]?.stringValue?.contains("cursor") == true, "\(bad.text)")
        }
    }
}
