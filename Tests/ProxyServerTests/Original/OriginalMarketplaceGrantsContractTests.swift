import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The marketplace's grants and discover with the original's bodies (V1_CONTRACT.md "Marketplace"): the grant
/// upsert (same id, `updated_at` refreshed), the rows newest first, deletes answering `{"deleted": <count>}` with the
/// original's check order, discover's `visibility` without inheritance, and the `/discover` path beside `/{id}`.
@Suite struct OriginalMarketplaceGrantsContractTests {
    static let base = OriginalMarketplaceContractTests.base

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func grantsUpsertListAndDeleteWithTheOriginalsAnswers(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Grants")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let id = try #require(
                try await s.call(
                    .post, Self.base, token: admin, json: ["entity_type": "agent", "entity_id": "a", "title": "A"]
                ).json.itemString("id"))
            let grants = "\(Self.base)/\(id)/grants"
            let add: (String, String, String) async throws -> ServerHarness.Answer = { listing, type, scope in
                try await s.call(
                    .post, "\(Self.base)/\(listing)/grants", token: admin,
                    json: ["scope_type": .string(type), "scope_id": .string(scope)])
            }
            let first = try await add(id, "team", team)
            let row = try #require(first.json["item"])
            #expect(
                Set(row.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "marketplace_id", "scope_type", "scope_id", "created_by", "created_at",
                    "updated_at",
                ], "\(first.text)")
            #expect(row["account_id"] == .string(account) && row["marketplace_id"] == .string(id))
            #expect(row["scope_type"] == "team" && row["scope_id"] == .string(team))
            // The upsert: the same scope keeps its id and gets a new updated_at.
            let again = try await add(id, "team", team.uppercased())
            #expect(again.json["item"]?["id"] == row["id"] && again.json["item"]?["created_at"] == row["created_at"])
            #expect(again.json["item"]?["updated_at"] != row["updated_at"])
            _ = try await add(id, "org", org)
            _ = try await add(id, "user", user)
            // Full rows, newest first; the listing shows them oldest first as {scope_type, scope_id}.
            let rows = try await s.call(.get, grants, token: admin)
            #expect(rows.json.items.map { $0["scope_type"] } == ["user", "org", "team"], "\(rows.text)")
            #expect(rows.json.items.allSatisfy { $0.objectValue?.count == 8 })
            #expect(
                try await s.call(.get, "\(Self.base)/\(id)", token: admin).json["item"]?["grants"]?.arrayValue?.map {
                    $0["scope_type"]
                } == ["team", "org", "user"])
            // The upsert's checks: 400 scope type → 404 scope → 404 listing.
            let ghost = UUID().uuidString
            Self.refused(
                try await add(ghost, "account", account), 400, "scope_type must be one of: org,team,user", "type")
            Self.refused(try await add(ghost, "org", ghost), 404, "copilot org not found", "scope before listing")
            Self.refused(try await add(ghost, "team", team), 404, "Marketplace listing not found", "listing")
            Self.refused(try await add("not-an-id", "user", user), 404, "Marketplace listing not found", "no id")
            let missing = try await s.call(.post, grants, token: admin, json: ["scope_type": "org"])
            #expect(missing.status == .unprocessableContent, "\(missing.text)")
            // GET: 404 for a listing that does not exist.
            Self.refused(
                try await s.call(.get, "\(Self.base)/\(ghost)/grants", token: admin), 404,
                "Marketplace listing not found", "GET grants")
            // DELETE: 404 listing → 400 together → 400 type; both: that grant; neither: all; {"deleted": <count>}.
            Self.refused(
                try await s.call(.delete, "\(Self.base)/\(ghost)/grants?scope_type=nope", token: admin), 404,
                "Marketplace listing not found", "the listing first")
            for query in ["scope_type=team", "scope_id=\(team)", "scope_type=&scope_id=\(team)"] {
                Self.refused(
                    try await s.call(.delete, "\(grants)?\(query)", token: admin), 400,
                    "scope_type and scope_id must be provided together", query)
            }
            Self.refused(
                try await s.call(.delete, "\(grants)?scope_type=account&scope_id=\(account)", token: admin), 400,
                "scope_type must be one of: org,team,user", "account is no marketplace scope")
            #expect(
                try await s.call(.delete, "\(grants)?scope_type=team&scope_id=\(team)", token: admin).json == [
                    "deleted": 1
                ])
            #expect(
                try await s.call(.delete, "\(grants)?scope_type=team&scope_id=\(team)", token: admin).json == [
                    "deleted": 0
                ])
            #expect(
                try await s.call(.delete, "\(grants)?scope_type=org&scope_id=\(ghost)", token: admin).json == [
                    "deleted": 0
                ])
            #expect(try await s.call(.delete, grants, token: admin).json == ["deleted": 2])
            #expect(try await s.call(.delete, "\(grants)?scope_type=&scope_id=", token: admin).json == ["deleted": 0])
            #expect(try await s.call(.get, grants, token: admin).json == ["items": []])
            // Audit: upsert rows per grant; delete rows (object: the listing) only when something went.
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let grantRows = audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotMarketplaceGrantTable" }
            #expect(
                grantRows.map { $0["action"]?.stringValue ?? "" } == [
                    "delete", "delete", "upsert", "upsert", "upsert", "upsert",
                ])
            #expect(grantRows[0]["object_id"] == .string(id) && grantRows[0]["updated_values"]?["deleted_count"] == 2)
            #expect(grantRows[0]["updated_values"]?["scope_type"] == .null)
            #expect(
                grantRows[1]["updated_values"]?["scope_type"] == "team"
                    && grantRows[1]["updated_values"]?["scope_id"] == .string(team))
            #expect(grantRows[2]["before_value"] == .object([:]) && grantRows[4]["before_value"]?["id"] == row["id"])
        }
    }

    @Test(arguments: StoreKind.available)
    func discoverMatchesGrantsExactlyWithoutInheritance(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Disco")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let post: (String, [JSONValue], Bool) async throws -> String = { name, grants, published in
                try #require(
                    try await s.call(
                        .post, Self.base, token: admin,
                        json: [
                            "entity_type": "agent", "entity_id": .string(name), "title": .string(name),
                            "is_published": .bool(published), "grants": .array(grants),
                        ]
                    ).json.itemString("id"))
            }
            let global = try await post("Global helper", [], true)
            let forOrg = try await post("Org helper", [["scope_type": "org", "scope_id": .string(org)]], true)
            let forTeam = try await post("Team helper", [["scope_type": "team", "scope_id": .string(team)]], true)
            _ = try await post("Hidden", [], false)
            let discover: (String) async throws -> ServerHarness.Answer = {
                try await s.call(.get, "\(Self.base)/discover\($0)", token: admin)
            }
            let none = try await discover("")
            #expect(none.json.items.map { $0["id"] } == [.string(global)] && none.json["total"] == 1, "\(none.text)")
            let item = try #require(none.json.items.first)
            #expect(item["visibility"] == ["mode": "global", "matched_scope": "global"] && item["grants"] == nil)
            #expect(
                Set(item.objectValue?.keys.map { $0 } ?? [])
                    == OriginalMarketplaceContractTests.listingKeys.union(["visibility"]))
            // The team's user sees neither the team's nor the organization's listing unless they are passed too.
            let asUser = try await discover("?user_id=\(user)")
            #expect(asUser.json.items.map { $0["id"] } == [.string(global)])
            let asTeam = try await discover("?team_id=\(team)&user_id=\(user)")
            #expect(asTeam.json.items.map { $0["id"] } == [.string(forTeam), .string(global)])
            #expect(
                asTeam.json.items.first?["visibility"] == ["mode": "granted", "matched_scope": .string("team:\(team)")])
            let all = try await discover("?org_id=\(org)&team_id=\(team)&user_id=\(user)&limit=2")
            #expect(all.json["total"] == 3 && all.json.items.map { $0["id"] } == [.string(forTeam), .string(forOrg)])
            #expect(all.json.items.last?["visibility"]?["matched_scope"] == .string("org:\(org)"))
            let titled = try await discover("?org_id=\(org)&title=ORG%20H_LP")
            #expect(titled.json.items.map { $0["id"] } == [.string(forOrg)])
            // Unknown scopes: 404 in the order org, team, user.
            let ghost = UUID().uuidString
            Self.refused(try await discover("?user_id=\(ghost)&org_id=\(ghost)"), 404, "copilot org not found", "org")
            Self.refused(try await discover("?user_id=\(ghost)&team_id=nope"), 404, "copilot team not found", "team")
            Self.refused(try await discover("?user_id=\(ghost)"), 404, "copilot user not found", "user")
            #expect(try await discover("?limit=-1").status == .unprocessableContent)
            Self.refused(
                try await discover("?title=\(String(repeating: "x", count: 301))"), 400,
                "title must be at most 300 characters", "a filter longer than a title")
            // /discover is not a listing id: the fixed path wins for GET; deeper paths fall through to the listing
            // routes and name no listing; other methods on /discover are no route (404) and change nothing.
            #expect(try await s.call(.get, "\(Self.base)/\(forOrg)", token: admin).json["item"]?["grants"] != nil)
            Self.refused(
                try await s.call(.get, "\(Self.base)/discover/grants", token: admin), 404,
                "Marketplace listing not found", "discover/grants")
            for method in [HTTPRequest.Method.patch, .delete] {
                let answer = try await s.call(method, "\(Self.base)/discover", token: admin, json: ["title": "x"])
                #expect(
                    answer.status == .notFound && answer.json == ["detail": "no such route"],
                    "\(method) /discover: \(answer.status.code) \(answer.text)")
            }
            #expect(try await s.call(.get, Self.base, token: admin).json["total"] == 4)
        }
    }
}
