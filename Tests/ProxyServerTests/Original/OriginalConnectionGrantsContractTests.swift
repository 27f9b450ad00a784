import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Connection grants with CC's body (`{scope_type, scope_id, can_manage}`; the original's order: scope type → scope →
/// connection; an upsert keeping the id), cockpit's additions beside them (the grant list, its removal, the account
/// scope, the effective view), the static `effective` segment winning over an id, and the copilot guard.
@Suite struct OriginalConnectionGrantsContractTests {
    static let base = OriginalConnectionsContractTests.base
    static let grantKeys: Set<String> = [
        "id", "account_id", "connection_id", "scope_type", "scope_id", "can_manage", "created_by", "created_at",
    ]

    @Test(arguments: StoreKind.available)
    func grantsAndWhoMayUseAConnection(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Grants")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let id = try #require(
                try await s.call(.post, "\(Self.base)/openapi", token: admin, json: ["name": "Docs"]).json
                    .itemString("id"))
            let other = try #require(
                try await s.call(.post, "\(Self.base)/mcp", token: admin, json: ["name": "Tools"]).json
                    .itemString("id"))
            let grant: (String, String, String, Bool) async throws -> ServerHarness.Answer = {
                connection, type, scope, manage in
                try await s.call(
                    .post, "\(Self.base)/\(connection)/grants", token: admin,
                    json: ["scope_type": .string(type), "scope_id": .string(scope), "can_manage": .bool(manage)])
            }
            let first = try await grant(id, "team", team, false)
            #expect(first.status == .ok, "\(first.text)")
            let row = try #require(first.json["item"])
            #expect(Set(row.objectValue?.keys.map { $0 } ?? []) == Self.grantKeys)
            #expect(
                row["connection_id"] == .string(id) && row["scope_type"] == "team" && row["scope_id"] == .string(team)
                    && row["can_manage"] == false && row["account_id"] == .string(account))
            // Granting again replaces can_manage, keeps the id.
            let again = try await grant(id, "team", team, true).json["item"]
            #expect(
                again?["id"] == row["id"] && again?["can_manage"] == true && again?["created_at"] == row["created_at"])
            // can_manage defaults to false.
            let plain = try await s.call(
                .post, "\(Self.base)/\(other)/grants", token: admin,
                json: ["scope_type": "org", "scope_id": .string(org)])
            #expect(plain.json["item"]?["can_manage"] == false, "\(plain.text)")
            // The original's order: scope type, scope, connection.
            for (connection, type, scope, status, detail) in [
                ("nope", "group", "x", 400, "scope_type must be one of: org,team,user"),
                ("nope", "Team", team, 400, "scope_type must be one of: org,team,user"),
                ("nope", "team", "nope", 404, "copilot team not found"),
                ("nope", "user", UUID().uuidString, 404, "copilot user not found"),
                ("nope", "team", team, 404, "Connection not found"),
                (id, "account", UUID().uuidString, 400, "account scope_id must match current account_id"),
            ] {
                OriginalCreditsContractTests.refused(
                    try await grant(connection, type, scope, false), status, detail, "\(type) \(scope) on \(connection)"
                )
            }
            #expect(
                try await s.call(.post, "\(Self.base)/\(id)/grants", token: admin, json: ["scope_type": "team"]).status
                    == .unprocessableContent)

            // Cockpit's additions: the account scope, the grant list (full rows, oldest first), removal.
            let whole = try await grant(id, "account", account, false)
            #expect(
                whole.json["item"]?["scope_type"] == "account" && whole.json["item"]?["scope_id"] == .string(account))
            let grants = try await s.call(.get, "\(Self.base)/\(id)/grants", token: admin)
            #expect(Set(grants.json.objectValue?.keys.map { $0 } ?? []) == ["items"])
            #expect(grants.json.items.map { $0["scope_type"] } == ["team", "account"])
            #expect(grants.json.items.first == again)
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/\(UUID().uuidString)/grants", token: admin), 404,
                "Connection not found", "grants of nothing")

            // What each user may use: Dana (in the team) sees Docs through the team and the account; the org's
            // grant of Tools reaches her through her team's organization.
            let effective = try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: admin)
            #expect(effective.status == .ok, "\(effective.text)")
            #expect(effective.json.items.map { $0["id"]?.stringValue } == [other, id])
            #expect(
                effective.json.items.last?["granted_via"] == [
                    ["scope_type": "team", "scope_id": .string(team)],
                    ["scope_type": "account", "scope_id": .string(account)],
                ])
            #expect(effective.json.items.allSatisfy { $0["secret_json"] == OriginalConnectionsContractTests.masked })
            #expect(
                Set(effective.json.items.first?.objectValue?.keys.map { $0 } ?? [])
                    == OriginalConnectionsContractTests.rowKeys.union(["granted_via"]))
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/effective?user_id=\(UUID().uuidString)", token: admin), 404,
                "copilot user not found", "an unknown user")
            // `effective` is a fixed segment: without user_id it is 422, not a connection id.
            #expect(try await s.call(.get, "\(Self.base)/effective", token: admin).status == .unprocessableContent)
            // The router picks the fixed segment before the method: POST …/effective is no route (the original,
            // without that segment, answered its 400 for an unknown type; no client posts one).
            OriginalCreditsContractTests.refused(
                try await s.call(.post, "\(Self.base)/effective", token: admin, json: ["name": "x"]), 404,
                "no such route", "POST effective")

            // Removal: 400 scope type before 404 connection; both query fields required.
            for (connection, query, status, detail) in [
                ("nope", "scope_type=pool&scope_id=pool", 400, "scope_type must be one of: org,team,user"),
                ("nope", "scope_type=team&scope_id=\(team)", 404, "Connection not found"),
            ] {
                OriginalCreditsContractTests.refused(
                    try await s.call(.delete, "\(Self.base)/\(connection)/grants?\(query)", token: admin), status,
                    detail, query)
            }
            #expect(
                try await s.call(.delete, "\(Self.base)/\(id)/grants?scope_type=team", token: admin).status
                    == .unprocessableContent)
            let removed = "\(Self.base)/\(id)/grants?scope_type=account&scope_id=\(account)"
            #expect(try await s.call(.delete, removed, token: admin).json == ["deleted": true])
            #expect(try await s.call(.delete, removed, token: admin).json == ["deleted": false])
            #expect(try await s.call(.get, "\(Self.base)/\(id)/grants", token: admin).json.items.count == 1)
            // Deleting a connection takes its grants with it.
            #expect(try await s.call(.delete, "\(Self.base)/\(other)", token: admin).json == ["deleted": true])
            let left = try await s.call(.get, "\(Self.base)/effective?user_id=\(user)", token: admin)
            #expect(left.json.items.map { $0["id"]?.stringValue } == [id])
        }
    }

    @Test func theCopilotGuard() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let config: JSONValue = ["organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project)]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let asAccount: HTTPFields = [HTTPField.Name("X-Account-Id")!: account]
                let id = try #require(
                    try await s.call(.post, "\(Self.base)/mcp", json: ["name": "Tools"], headers: asAccount).json
                        .itemString("id"))
                let token: ([String]) async throws -> String = { roles in
                    try await fake.mint(
                        await fake.claims(
                            subject: "someone", organization: "org-1", roles: roles,
                            projectID: ZitadelTokenTests.project))
                }
                let consoleOnly = try await token(["console_org_admin"])
                let copilotAdmin = try await token(["copilot_org_admin"])
                let endUser = try await s.cockpit.keys.generate(
                    account: try #require(UUID(uuidString: account)), NewKey(alias: "end user")
                ).secret
                let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                    (.get, Self.base, nil), (.get, "\(Self.base)/\(id)", nil),
                    (.post, "\(Self.base)/mcp", ["name": "Mine"]), (.patch, "\(Self.base)/\(id)", ["name": "Mine"]),
                    (.delete, "\(Self.base)/\(id)", nil), (.get, "\(Self.base)/\(id)/grants", nil),
                    (.post, "\(Self.base)/\(id)/grants", ["scope_type": "org", "scope_id": "x"]),
                    (.delete, "\(Self.base)/\(id)/grants?scope_type=org&scope_id=x", nil),
                    (.get, "\(Self.base)/effective?user_id=x", nil),
                ]
                for (who, credential) in [("console admin", consoleOnly), ("end user", endUser)] {
                    for (method, path, json) in calls {
                        let answer = try await s.call(method, path, token: credential, json: json)
                        #expect(
                            answer.status == .forbidden && answer.json["detail"] != nil, "\(who): \(method) \(path)")
                    }
                }
                #expect(try await s.call(.get, Self.base).status == .forbidden, "a super-admin without an account")
                let mine = try await s.call(.get, Self.base, token: copilotAdmin)
                #expect(mine.status == .ok && mine.json.items.count == 1, "\(mine.text)")
                #expect(try await s.call(.get, "\(Self.base)/\(id)", token: consoleOnly).status == .forbidden)
            }
        }
    }
}
