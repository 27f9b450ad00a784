import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Cockpit's marketplace additions over `/v1` (`POST …/{id}/install`, `POST …/{id}/rate`), and who may use the
/// marketplace routes: another tenant's ids answer as ids that name nothing, a console-only admin and an end-user
/// key are refused, a super-admin acts inside the account it names.
@Suite struct CockpitMarketplaceAdditionsTests {
    static let base = OriginalMarketplaceContractTests.base

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreKind.available)
    func installsAndRatings(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Rated")
            let (_, team, dana, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let (_, otherAdmin) = try await ControlPlaneRouteTests.newAccount(s, "Elsewhere")
            let (_, _, stranger, _) = try await OriginalCreditsContractTests.tree(s, otherAdmin)
            let eve = try #require(
                try await s.call(
                    .post, "/v1/copilot/users", token: admin,
                    json: ["email": "eve@tree.io", "team_ids": [.string(team)]]
                ).json.itemString("id"))
            let created = try #require(
                try await s.call(
                    .post, Self.base, token: admin,
                    json: [
                        "entity_type": "agent", "entity_id": "a", "title": "A", "installation_count": 10,
                        "rating_avg": 1, "rating_count": 50,
                    ]
                ).json["item"])
            let id = try #require(created["id"]?.stringValue)
            let install: (String, JSONValue) async throws -> ServerHarness.Answer = { listing, body in
                try await s.call(.post, "\(Self.base)/\(listing)/install", token: admin, json: body)
            }
            let first = try await install(id, ["user_id": .string(dana)])
            #expect(Set(first.json.objectValue?.keys.map { $0 } ?? []) == ["item", "installed"], "\(first.text)")
            #expect(first.json["installed"] == true && first.json["item"]?["installation_count"] == 11)
            #expect(first.json["item"]?["grants"] == nil && first.json["item"]?["updated_at"] == created["updated_at"])
            let repeated = try await install(id, ["user_id": .string(dana.uppercased())])
            #expect(repeated.json["installed"] == false && repeated.json["item"]?["installation_count"] == 11)
            #expect(try await install(id, ["user_id": .string(eve)]).json["item"]?["installation_count"] == 12)
            // Ratings: 1-5, one per user (a repeat replaces it); the count and average from the ratings alone.
            let rate: (String, JSONValue) async throws -> ServerHarness.Answer = { listing, body in
                try await s.call(.post, "\(Self.base)/\(listing)/rate", token: admin, json: body)
            }
            let r1 = try await rate(id, ["user_id": .string(dana), "rating": 5])
            #expect(Set(r1.json.objectValue?.keys.map { $0 } ?? []) == ["item"], "\(r1.text)")
            #expect(r1.json["item"]?["rating_count"] == 1 && r1.json["item"]?["rating_avg"] == 5)
            let r2 = try await rate(id, ["user_id": .string(eve), "rating": 2])
            #expect(r2.json["item"]?["rating_count"] == 2 && r2.json["item"]?["rating_avg"] == 3.5)
            let r3 = try await rate(id, ["user_id": .string(dana), "rating": 3.0])
            #expect(r3.json["item"]?["rating_count"] == 2 && r3.json["item"]?["rating_avg"] == 2.5)
            // Refusals in order: the rating (400) → the listing (404) → the user (404); bodies that cannot be read 422.
            for bad in [0, 6, 4.5, -1, 1e300] as [Double] {
                Self.refused(
                    try await rate(UUID().uuidString, ["user_id": "nobody", "rating": .number(bad)]), 400,
                    "rating must be a whole number from 1 to 5", "rating \(bad)")
            }
            for listing in [UUID().uuidString, "nope"] {
                Self.refused(
                    try await rate(listing, ["user_id": "nobody", "rating": 4]), 404, "Marketplace listing not found",
                    "rate \(listing)")
                Self.refused(
                    try await install(listing, ["user_id": "nobody"]), 404, "Marketplace listing not found",
                    "install \(listing)")
            }
            for nobody in [stranger, UUID().uuidString, "nope"] {
                Self.refused(
                    try await rate(id, ["user_id": .string(nobody), "rating": 4]), 404, "copilot user not found", nobody
                )
                Self.refused(
                    try await install(id, ["user_id": .string(nobody)]), 404, "copilot user not found", nobody)
            }
            for body in [["rating": 4], ["user_id": .string(dana)], ["user_id": .string(dana), "rating": "five"]]
                as [JSONValue]
            {
                #expect(try await rate(id, body).status == .unprocessableContent, "\(body)")
            }
            #expect(try await install(id, [:]).status == .unprocessableContent)
            let after = try #require(try await s.call(.get, "\(Self.base)/\(id)", token: admin).json["item"])
            #expect(after["installation_count"] == 12 && after["rating_count"] == 2 && after["rating_avg"] == 2.5)
            // Audited as updates of the listing.
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let rows = audit.json.items.filter { $0["object_id"] == .string(id) }
            #expect(
                rows.map { $0["action"]?.stringValue ?? "" } == [
                    "update", "update", "update", "update", "update", "create",
                ])
            #expect(
                rows.first?["updated_values"]?["rating"] == 3
                    && rows.first?["updated_values"]?["user_id"] == .string(dana))
        }
    }

    @Test(arguments: StoreKind.available)
    func anotherTenantsListingsAndScopesAreNotFound(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Alpha")
            let (_, bravoAdmin) = try await ControlPlaneRouteTests.newAccount(s, "Bravo")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, bravoAdmin)
            let theirs = try #require(
                try await s.call(
                    .post, Self.base, token: bravoAdmin,
                    json: [
                        "entity_type": "agent", "entity_id": "b", "title": "Bravo's",
                        "grants": [["scope_type": "org", "scope_id": .string(org)]],
                    ]
                ).json.itemString("id"))
            let mine = try #require(
                try await s.call(
                    .post, Self.base, token: admin, json: ["entity_type": "agent", "entity_id": "b", "title": "Mine"]
                ).json.itemString("id"))
            #expect(mine != theirs, "the same entity in two accounts is two listings")
            for (method, path, json, detail) in [
                (HTTPRequest.Method.get, "\(Self.base)/\(theirs)", nil, "Marketplace listing not found"),
                (.patch, "\(Self.base)/\(theirs)", ["title": "x"], "Marketplace listing not found"),
                (.post, "\(Self.base)/\(theirs)/publish?publish=false", nil, "Marketplace listing not found"),
                (.get, "\(Self.base)/\(theirs)/grants", nil, "Marketplace listing not found"),
                (.delete, "\(Self.base)/\(theirs)/grants", nil, "Marketplace listing not found"),
                (
                    .post, "\(Self.base)/\(theirs)/grants", ["scope_type": "org", "scope_id": .string(org)],
                    "copilot org not found"
                ),
                (
                    .post, "\(Self.base)/\(mine)/grants", ["scope_type": "team", "scope_id": .string(team)],
                    "copilot team not found"
                ),
                (
                    .post, Self.base,
                    [
                        "entity_type": "agent", "entity_id": "c", "title": "C",
                        "grants": [["scope_type": "user", "scope_id": .string(user)]],
                    ],
                    "copilot user not found"
                ),
                (.get, "\(Self.base)/discover?org_id=\(org)", nil, "copilot org not found"),
                (.post, "\(Self.base)/\(mine)/install", ["user_id": .string(user)], "copilot user not found"),
                (
                    .post, "\(Self.base)/\(theirs)/rate", ["user_id": .string(user), "rating": 1],
                    "Marketplace listing not found"
                ),
            ] as [(HTTPRequest.Method, String, JSONValue?, String)] {
                Self.refused(try await s.call(method, path, token: admin, json: json), 404, detail, "\(method) \(path)")
            }
            #expect(try await s.call(.delete, "\(Self.base)/\(theirs)", token: admin).json == ["deleted": false])
            #expect(try await s.call(.get, "\(Self.base)?include_grants=true", token: admin).json.items.count == 1)
            let bravo = try await s.call(.get, "\(Self.base)/\(theirs)", token: bravoAdmin)
            #expect(bravo.json["item"]?["title"] == "Bravo's" && bravo.json["item"]?["grants"]?.arrayValue?.count == 1)
        }
    }

    @Test func aConsoleOnlyAdminAndAnEndUserAreRefused() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let config: JSONValue = ["organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project)]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let asAccount: HTTPFields = [HTTPField.Name("X-Account-Id")!: account]
                // The super-admin acts inside the account it names.
                let id = try #require(
                    try await s.call(
                        .post, Self.base, json: ["entity_type": "agent", "entity_id": "a", "title": "A"],
                        headers: asAccount
                    ).json.itemString("id"))
                let consoleOnly = try await fake.mint(
                    await fake.claims(
                        subject: "console-admin", organization: "org-1", roles: ["console_org_admin"],
                        projectID: ZitadelTokenTests.project))
                let copilotAdmin = try await fake.mint(
                    await fake.claims(
                        subject: "copilot-admin", organization: "org-1", roles: ["copilot_org_admin"],
                        projectID: ZitadelTokenTests.project))
                let endUser = try await s.cockpit.keys.generate(
                    account: try #require(UUID(uuidString: account)), NewKey(alias: "end user")
                ).secret
                let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                    (.get, Self.base, nil),
                    (.post, Self.base, ["entity_type": "agent", "entity_id": "b", "title": "B"]),
                    (.get, "\(Self.base)/discover", nil), (.get, "\(Self.base)/\(id)", nil),
                    (.patch, "\(Self.base)/\(id)", ["title": "x"]), (.post, "\(Self.base)/\(id)/publish", nil),
                    (.get, "\(Self.base)/\(id)/grants", nil), (.delete, "\(Self.base)/\(id)/grants", nil),
                    (.post, "\(Self.base)/\(id)/grants", ["scope_type": "org", "scope_id": "x"]),
                    (.post, "\(Self.base)/\(id)/install", ["user_id": "x"]),
                    (.post, "\(Self.base)/\(id)/rate", ["user_id": "x", "rating": 5]),
                    (.delete, "\(Self.base)/\(id)", nil),
                ]
                for (who, credential) in [("console admin", consoleOnly), ("end user", endUser)] {
                    for (method, path, json) in calls {
                        let answer = try await s.call(method, path, token: credential, json: json)
                        #expect(
                            answer.status == .forbidden && answer.json["detail"] != nil,
                            "\(who): \(method) \(path): \(answer.status.code) \(answer.text)")
                    }
                }
                // A copilot org admin of the account may; the listing is still there and unchanged.
                let read = try await s.call(.get, "\(Self.base)/\(id)", token: copilotAdmin)
                #expect(read.status == .ok && read.json["item"]?["title"] == "A", "\(read.text)")
                #expect(try await s.call(.get, Self.base, headers: asAccount).json["total"] == 1)
            }
        }
    }
}
