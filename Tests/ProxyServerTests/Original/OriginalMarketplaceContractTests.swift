import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// The copilot marketplace with the original's bodies and answers (V1_CONTRACT.md "Marketplace"): the CC's calls,
/// the re-post that updates, the change, publish and delete, grants with their `{deleted: n}`, every error text in
/// the original's order, and what cockpit adds to it (one transaction: a refused grant list writes nothing).
@Suite struct OriginalMarketplaceContractTests {
    static let base = "/v1/copilot/marketplace"
    static let listingKeys: Set<String> = [
        "id", "account_id", "entity_type", "entity_id", "title", "description", "is_published", "is_featured",
        "is_verified", "pricing_model", "version", "author", "installation_count", "rating_avg", "rating_count",
        "created_by", "created_at", "updated_at",
    ]

    static func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectValue?.keys.map { $0 } ?? []) }

    /// Expects `answer` to be `status` with exactly `detail`.
    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func theCCsCallsAndTheRepostQuirk(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Market")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            // CC posts entity_type, entity_id, title, description and is_published (its form's default false).
            let cc = try await s.call(
                .post, Self.base, token: admin,
                json: [
                    "entity_type": "agent", "entity_id": "agent-1", "title": "Code Helper",
                    "description": "Writes code",
                    "is_published": false,
                ])
            #expect(cc.status == .ok && cc.header("x-cockpit-ignored-fields") == nil, "\(cc.text)")
            let item = try #require(cc.json["item"])
            #expect(Self.keys(item) == Self.listingKeys.union(["grants"]), "\(cc.text)")
            #expect(item["account_id"] == .string(account) && item["is_published"] == false)
            #expect(item["is_featured"] == false && item["is_verified"] == false && item["pricing_model"] == "free")
            #expect(item["version"] == "1.0.0" && item["author"] == .null && item["installation_count"] == 0)
            #expect(item["rating_avg"] == 0 && item["rating_count"] == 0 && item["grants"] == [])
            let id = try #require(item["id"]?.stringValue)
            // CC's list: ?limit=100&include_grants=true; the items carry their grants, total counts them all.
            let withGrants = try await s.call(
                .post, Self.base, token: admin,
                json: [
                    "entity_type": "connection", "entity_id": "conn-1", "title": "Pet store", "author": "Ann",
                    "is_featured": true, "pricing_model": "paid", "version": "2.1", "installation_count": 12,
                    "rating_avg": 4.25, "rating_count": 4,
                    "grants": [
                        ["scope_type": "org", "scope_id": .string(org)],
                        ["scope_type": "team", "scope_id": .string(team)],
                    ],
                ])
            let second = try #require(withGrants.json["item"])
            #expect(
                second["grants"] == [
                    ["scope_type": "org", "scope_id": .string(org)], ["scope_type": "team", "scope_id": .string(team)],
                ])
            #expect(second["installation_count"] == 12 && second["rating_avg"] == 4.25 && second["author"] == "Ann")
            let list = try await s.call(.get, "\(Self.base)?limit=100&include_grants=true", token: admin)
            #expect(Self.keys(list.json) == ["items", "total"] && list.json["total"] == 2, "\(list.text)")
            #expect(list.json.items.map { $0["id"] } == [second["id"]!, .string(id)], "newest first")
            #expect(list.json.items.map { $0["grants"]?.arrayValue?.count } == [2, 0])
            let bare = try await s.call(.get, Self.base, token: admin)
            #expect(bare.json.items.allSatisfy { Self.keys($0) == Self.listingKeys }, "no grants unless asked")
            // Filters: published_only, entity_type (exact), title (ILIKE: case-insensitive, % and _ wildcards).
            for (query, expected) in [
                ("published_only=true", [second["id"]!]), ("published_only=false", [second["id"]!, .string(id)]),
                ("entity_type=agent", [.string(id)]), ("entity_type=Agent", []), ("title=HELPER", [.string(id)]),
                ("title=p_t%25st", [second["id"]!]), ("title=c%25e", [.string(id)]),
                ("title=", [second["id"]!, .string(id)]),
                ("limit=1&offset=1", [.string(id)]), ("limit=0", []), ("offset=5", []),
            ] as [(String, [JSONValue])] {
                let answer = try await s.call(.get, "\(Self.base)?\(query)", token: admin)
                #expect(answer.json.items.map { $0["id"]! } == expected, "\(query): \(answer.text)")
            }
            #expect(try await s.call(.get, "\(Self.base)?limit=1", token: admin).json["total"] == 2)
            // One listing, with its grants; an id that names none (or is no id) is 404.
            let one = try await s.call(.get, "\(Self.base)/\(second["id"]!.stringValue!)", token: admin)
            #expect(one.json["item"] == second, "\(one.text)")
            for ghost in [UUID().uuidString, "not-an-id"] {
                Self.refused(
                    try await s.call(.get, "\(Self.base)/\(ghost)", token: admin), 404, "Marketplace listing not found",
                    ghost)
            }

            // The re-post of (account, entity_type, entity_id): same id, no 409; the body's values, defaults included;
            // the author kept when omitted; the grants replaced (omitted: cleared); audited as an update.
            let secondID = try #require(second["id"]?.stringValue)
            let repost = try await s.call(
                .post, Self.base, token: admin,
                json: [
                    "entity_type": "connection", "entity_id": "conn-1", "title": "Pet store v2", "is_published": false,
                ])
            let updated = try #require(repost.json["item"])
            #expect(updated["id"] == .string(secondID) && updated["created_at"] == second["created_at"])
            #expect(updated["updated_at"] != second["updated_at"] && updated["title"] == "Pet store v2")
            #expect(
                updated["is_featured"] == false && updated["pricing_model"] == "free" && updated["version"] == "1.0.0")
            #expect(updated["installation_count"] == 0 && updated["rating_avg"] == 0 && updated["rating_count"] == 0)
            #expect(updated["author"] == "Ann" && updated["description"] == .null && updated["grants"] == [])
            #expect(try await s.call(.get, "\(Self.base)/\(secondID)/grants", token: admin).json == ["items": []])
            #expect(try await s.call(.get, Self.base, token: admin).json["total"] == 2, "no new listing")
            let repostUser = try await s.call(
                .post, Self.base, token: admin,
                json: [
                    "entity_type": "connection", "entity_id": "conn-1", "title": "Pet store v3",
                    "grants": [["scope_type": "user", "scope_id": .string(user.uppercased())]],
                ])
            #expect(repostUser.json["item"]?["grants"] == [["scope_type": "user", "scope_id": .string(user)]])

            // PATCH: the given fields; null keeps (a description cannot be cleared); grants replace; updated_at moves.
            let patched = try await s.call(
                .patch, "\(Self.base)/\(id)", token: admin,
                json: [
                    "title": "Code Helper Pro", "description": .null, "is_verified": true, "rating_avg": 3.5,
                    "grants": [["scope_type": "team", "scope_id": .string(team)]],
                ])
            let p = try #require(patched.json["item"])
            #expect(p["title"] == "Code Helper Pro" && p["description"] == "Writes code" && p["is_verified"] == true)
            #expect(p["rating_avg"] == 3.5 && p["grants"] == [["scope_type": "team", "scope_id": .string(team)]])
            #expect(p["updated_at"] != item["updated_at"] && p["created_at"] == item["created_at"])
            let kept = try await s.call(.patch, "\(Self.base)/\(id)", token: admin, json: ["version": "3"])
            #expect(kept.json["item"]?["grants"] == p["grants"], "grants absent: untouched")
            Self.refused(
                try await s.call(.patch, "\(Self.base)/\(UUID())", token: admin, json: ["title": "x"]), 404,
                "Marketplace listing not found", "PATCH of nothing")

            // Publish: ?publish=true|false (default true); updated_at left alone; the item without grants.
            let before = try #require(kept.json["item"])
            let published = try await s.call(.post, "\(Self.base)/\(id)/publish?publish=true", token: admin)
            #expect(Self.keys(published.json["item"]) == Self.listingKeys, "\(published.text)")
            #expect(
                published.json["item"]?["is_published"] == true
                    && published.json["item"]?["updated_at"] == before["updated_at"])
            let withdrawn = try await s.call(.post, "\(Self.base)/\(id)/publish?publish=false", token: admin)
            #expect(withdrawn.json["item"]?["is_published"] == false)
            #expect(
                try await s.call(.post, "\(Self.base)/\(id)/publish", token: admin).json["item"]?["is_published"]
                    == true)
            #expect(
                try await s.call(.post, "\(Self.base)/\(id)/publish?publish=0", token: admin).json["item"]?[
                    "is_published"] == false)
            Self.refused(
                try await s.call(.post, "\(Self.base)/\(UUID())/publish?publish=true", token: admin), 404,
                "Marketplace listing not found", "publish of nothing")
            #expect(
                try await s.call(.post, "\(Self.base)/\(id)/publish?publish=maybe", token: admin).status
                    == .unprocessableContent)

            // Delete: {"deleted": bool}; the grants go with the listing here (the original left them behind).
            #expect(try await s.call(.delete, "\(Self.base)/\(secondID)", token: admin).json == ["deleted": true])
            #expect(try await s.call(.delete, "\(Self.base)/\(secondID)", token: admin).json == ["deleted": false])
            #expect(try await s.call(.delete, "\(Self.base)/not-an-id", token: admin).json == ["deleted": false])
            Self.refused(
                try await s.call(.get, "\(Self.base)/\(secondID)/grants", token: admin), 404,
                "Marketplace listing not found", "the deleted listing's grants")

            // Audit: the original's table names and verbs, in the copilot domain.
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let rows = audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotMarketplaceTable" }
            let secondRows = rows.filter { $0["object_id"] == .string(secondID) }.map {
                $0["action"]?.stringValue ?? ""
            }
            #expect(secondRows == ["delete", "update", "update", "create"], "\(secondRows)")
            let firstRows = rows.filter { $0["object_id"] == .string(id) }.map { $0["action"]?.stringValue ?? "" }
            #expect(
                firstRows == ["update", "update", "update", "update", "update", "update", "create"], "\(firstRows)")
        }
    }

    @Test(arguments: StoreKind.available)
    func postChecksInTheOriginalsOrderAndWritesNothingWhenRefused(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Checks")
            let (org, team, _, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let listing = try #require(
                try await s.call(
                    .post, Self.base, token: admin,
                    json: [
                        "entity_type": "agent", "entity_id": "a1", "title": "Kept", "installation_count": 5,
                        "grants": [["scope_type": "team", "scope_id": .string(team)]],
                    ]
                ).json["item"])
            let ghost = UUID().uuidString
            let post: (JSONValue) async throws -> ServerHarness.Answer = {
                try await s.call(.post, Self.base, token: admin, json: $0)
            }
            let grant: (String, String) -> JSONValue = { ["scope_type": .string($0), "scope_id": .string($1)] }
            let cases: [(JSONValue, Int, String)] = [
                // Blank required fields first, before anything else is looked at.
                (
                    ["entity_type": " ", "entity_id": "a1", "title": "T", "grants": [grant("nope", "")]], 400,
                    "entity_type, entity_id, and title are required"
                ),
                (
                    ["entity_type": "agent", "entity_id": "", "title": "T"], 400,
                    "entity_type, entity_id, and title are required"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "\n\t"], 400,
                    "entity_type, entity_id, and title are required"
                ),
                // The grant list, entry by entry: type, blank id, existence (a re-post of a1: nothing changes).
                (
                    [
                        "entity_type": "agent", "entity_id": "a1", "title": "T",
                        "grants": [grant("team", team), grant("account", "x")],
                    ],
                    400, "scope_type must be one of: org,team,user"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "grants": [grant("group", org)]], 400,
                    "scope_type must be one of: org,team,user"
                ),
                (
                    [
                        "entity_type": "agent", "entity_id": "a1", "title": "T",
                        "grants": [grant("org", org), grant("user", "  ")],
                    ],
                    400, "scope_id is required for marketplace grants"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "grants": [["scope_id": .string(org)]]],
                    400,
                    "scope_type must be one of: org,team,user"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "grants": [grant("org", ghost)]], 404,
                    "copilot org not found"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "grants": [grant("team", "x")]], 404,
                    "copilot team not found"
                ),
                (
                    ["entity_type": "agent", "entity_id": "new", "title": "T", "grants": [grant("user", ghost)]], 404,
                    "copilot user not found"
                ),
                // Cockpit's limits, each naming its field.
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "installation_count": -1], 400,
                    "installation_count must be a whole number from 0 to 9007199254740991"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "installation_count": 1e300], 400,
                    "installation_count must be a whole number from 0 to 9007199254740991"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "rating_count": 2.5], 400,
                    "rating_count must be a whole number from 0 to 9007199254740991"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "rating_avg": 5.5], 400,
                    "rating_avg must be a finite number from 0 to 5"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T", "rating_avg": -1e300], 400,
                    "rating_avg must be a finite number from 0 to 5"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": .string(String(repeating: "t", count: 301))],
                    400,
                    "title must be at most 300 characters"
                ),
                (
                    ["entity_type": "agent", "entity_id": "a1", "title": "T\u{1B}[31m"], 400,
                    "title must not contain control characters"
                ),
                (
                    [
                        "entity_type": "agent", "entity_id": "a1", "title": "T",
                        "description": .string(String(repeating: "d", count: 4001)),
                    ],
                    400, "description must be at most 4000 characters"
                ),
            ]
            for (json, status, detail) in cases {
                Self.refused(try await post(json), status, detail, "\(json)")
            }
            // Malformed bodies: 422 (a required field missing, a grant entry that is no object of strings, a count that
            // is no number), 400 for text that is no JSON (NaN is not JSON).
            for json in [
                ["entity_type": "agent", "entity_id": "a1"],
                ["entity_type": "agent", "entity_id": "a1", "title": "T", "grants": ["org"]],
                [
                    "entity_type": "agent", "entity_id": "a1", "title": "T",
                    "grants": [["scope_type": "org", "scope_id": 5]],
                ],
                ["entity_type": "agent", "entity_id": "a1", "title": "T", "installation_count": "many"],
                ["entity_type": "agent", "entity_id": "a1", "title": "T", "is_published": "yes"],
            ] as [JSONValue] {
                let answer = try await post(json)
                #expect(
                    answer.status == .unprocessableContent && answer.json["detail"] != nil, "\(json): \(answer.text)")
            }
            for raw in [#"{"entity_type":"agent","entity_id":"a1","title":"T","rating_avg":NaN}"#, "{"] {
                let answer = try await s.call(.post, Self.base, token: admin, raw: raw)
                #expect(answer.status == .badRequest, "\(raw): \(answer.text)")
            }
            let huge = try await s.call(
                .post, Self.base, token: admin,
                raw: #"{"entity_type":"agent","entity_id":"a1","title":"T","installation_count":1e400}"#)
            #expect(huge.status == .unprocessableContent, "a number beyond a double: \(huge.status.code) \(huge.text)")
            // Nothing was written: the listing, its grant and its counter are as they were; no second listing.
            let after = try await s.call(.get, "\(Self.base)?include_grants=true", token: admin)
            #expect(after.json["total"] == 1 && after.json.items.first == listing, "\(after.text)")
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            #expect(audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotMarketplaceTable" }.count == 1)
            // PATCH: 404 first for an unknown listing; a blank title is refused (the store keeps a title).
            Self.refused(
                try await s.call(
                    .patch, "\(Self.base)/\(listing["id"]!.stringValue!)", token: admin,
                    json: ["title": " ", "grants": [grant("org", org)]]), 400, "title must not be blank", "blank title")
            Self.refused(
                try await s.call(
                    .patch, "\(Self.base)/\(listing["id"]!.stringValue!)", token: admin,
                    json: ["title": "Changed", "grants": [grant("org", org), grant("team", ghost)]]), 404,
                "copilot team not found", "a refused grant list in a change")
            #expect(
                try await s.call(.get, "\(Self.base)?include_grants=true", token: admin).json.items.first == listing)
        }
    }
}
