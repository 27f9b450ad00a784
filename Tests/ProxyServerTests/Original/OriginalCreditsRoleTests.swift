import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Who may use the copilot budget routes (the original's D(copilot) guard, and cockpit's team-admin limits): a
/// console-only admin, a token whose domains leave out copilot, an end-user key and a super-admin without an account
/// are refused; a copilot org admin manages every scope; a copilot team admin the teams it administers and their
/// members only.
@Suite struct OriginalCreditsRoleTests {
    static let base = OriginalCreditsContractTests.base

    @Test func theCopilotGuardAndTeamAdminLimits() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let config: JSONValue = [
                    "organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project),
                    "product_domains_claim": "acme:domains",
                ]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let asAccount: HTTPFields = [HTTPField.Name("X-Account-Id")!: account]
                let call: (HTTPRequest.Method, String, String?, JSONValue?) async throws -> ServerHarness.Answer = {
                    method, path, token, json in
                    try await s.call(
                        method, path, token: token ?? ServerHarness.masterKey, json: json,
                        headers: token == nil ? asAccount : [:])
                }
                // The tree: organization Eng with teams Mine (administered by lead-1, with member Max) and Theirs
                // (with Olga); a plan.
                let org = try #require(
                    try await call(.post, "/v1/copilot/orgs", nil, ["name": "Eng"]).json.itemString("id"))
                let mine = try #require(
                    try await call(.post, "/v1/copilot/teams", nil, ["org_id": .string(org), "name": "Mine"]).json
                        .itemString("id"))
                let theirs = try #require(
                    try await call(.post, "/v1/copilot/teams", nil, ["org_id": .string(org), "name": "Theirs"]).json
                        .itemString("id"))
                let lead = try #require(
                    try await call(
                        .post, "/v1/copilot/users", nil, ["email": "lead@acme.io", "identity_user_id": "lead-1"]
                    )
                    .json.itemString("id"))
                _ = try await call(
                    .post, "/v1/copilot/teams/\(mine)/members", nil, ["user_id": .string(lead), "role": "admin"])
                let max = try #require(
                    try await call(
                        .post, "/v1/copilot/users", nil, ["email": "max@acme.io", "team_ids": [.string(mine)]]
                    )
                    .json.itemString("id"))
                let olga = try #require(
                    try await call(
                        .post, "/v1/copilot/users", nil, ["email": "olga@acme.io", "team_ids": [.string(theirs)]]
                    ).json.itemString("id"))
                let plan = try #require(
                    try await call(.post, "\(Self.base)/plans", nil, ["name": "FY26"]).json.itemString("id"))

                func token(
                    _ roles: [String], subject: String = "someone", domains: [String]? = nil
                ) async throws
                    -> String
                {
                    var claims = await fake.claims(
                        subject: subject, organization: "org-1", roles: roles, projectID: ZitadelTokenTests.project
                    ).objectValue!
                    if let domains { claims["acme:domains"] = .array(domains.map(JSONValue.string)) }
                    return try await fake.mint(.object(claims))
                }
                let consoleOnly = try await token(["console_org_admin"])
                let narrowed = try await token(["copilot_org_admin", "console_org_admin"], domains: ["console"])
                let orgAdmin = try await token(["copilot_org_admin"])
                let teamAdmin = try await token(["copilot_team_admin"], subject: "lead-1")
                let endUser = try await s.cockpit.keys.generate(
                    account: try #require(UUID(uuidString: account)), NewKey(alias: "end user")
                ).secret
                let allocate: (String, String) -> JSONValue = { type, id in
                    [
                        "plan_id": .string(plan), "scope_type": .string(type), "scope_id": .string(id),
                        "allocated_credits": 10,
                    ]
                }

                // Refused before anything: console-only admins, copilot left out of the token's domains, end-user
                // keys, and a super-admin without an account.
                let reads = [
                    "\(Self.base)/account-allocation", "\(Self.base)/plans/active", "\(Self.base)/usage-by-scope",
                    "\(Self.base)/alerts", "\(Self.base)/cost-breakdown", "\(Self.base)/cycles/history",
                    "\(Self.base)/effective-allocation?plan_id=\(plan)", "/v1/costs/breakdown?domain=copilot",
                    "/v1/costs/breakdown",
                ]
                let writes: [(HTTPRequest.Method, String, JSONValue?)] = [
                    (.post, "\(Self.base)/plans", ["name": "Mine"]),
                    (.patch, "\(Self.base)/plans/\(plan)", ["name": "Mine"]),
                    (.post, "\(Self.base)/allocations/upsert", allocate("team", mine)),
                    (.delete, "\(Self.base)/allocations?plan_id=\(plan)&scope_type=team&scope_id=\(mine)", nil),
                    (.post, "\(Self.base)/usage/record", ["raw_cost": 1]),
                    (
                        .post, "\(Self.base)/cycles/renew",
                        ["cycle_start": "2030-01-01T00:00:00Z", "cycle_end": "2030-02-01T00:00:00Z"]
                    ),
                ]
                for (who, credential) in [
                    ("console admin", consoleOnly), ("narrowed", narrowed), ("end user", endUser),
                ] {
                    for path in reads {
                        #expect(
                            try await s.call(.get, path, token: credential).status == .forbidden, "\(who): GET \(path)")
                    }
                    for (method, path, json) in writes {
                        let answer = try await s.call(method, path, token: credential, json: json)
                        #expect(
                            answer.status == .forbidden && answer.json["detail"] != nil, "\(who): \(method) \(path)")
                    }
                }
                #expect(
                    try await s.call(.get, "/v1/costs/breakdown?domain=console", token: consoleOnly).json == [
                        "domain": "console", "items": [],
                    ], "the console admin reads the console costs")
                let noAccount = try await s.call(.get, "\(Self.base)/plans/active")
                #expect(noAccount.status == .forbidden, "a super-admin without X-Account-Id: \(noAccount.text)")
                #expect(try await call(.get, "\(Self.base)/plans/active", nil, nil).json.itemString("id") == plan)

                // A copilot org admin manages every scope, the pool included; reading console costs is not theirs.
                for (type, id) in [("org", org), ("team", theirs), ("user", olga), ("pool", "pool")] {
                    let answer = try await s.call(
                        .post, "\(Self.base)/allocations/upsert", token: orgAdmin, json: allocate(type, id))
                    #expect(answer.status == .ok, "org admin, \(type): \(answer.text)")
                }
                #expect(
                    try await s.call(.get, "/v1/costs/breakdown?domain=copilot", token: orgAdmin).status == .ok)
                #expect(
                    try await s.call(.get, "/v1/costs/breakdown?domain=console", token: orgAdmin).status == .forbidden)

                // A copilot team admin: its team and the team's members; not the other team, its members, the
                // organization or the pool.
                for (type, id) in [("team", mine), ("user", max), ("user", lead)] {
                    let answer = try await s.call(
                        .post, "\(Self.base)/allocations/upsert", token: teamAdmin, json: allocate(type, id))
                    #expect(answer.status == .ok, "team admin, \(type) \(id): \(answer.text)")
                }
                let onlyTeams = "team admins manage only the teams they administer"
                let onlyCredits = "team admins manage only the credits of the teams they administer"
                for (type, id, detail) in [
                    ("team", theirs, onlyTeams), ("user", olga, onlyCredits), ("org", org, onlyCredits),
                    ("pool", "pool", onlyCredits),
                ] {
                    OriginalCreditsContractTests.refused(
                        try await s.call(
                            .post, "\(Self.base)/allocations/upsert", token: teamAdmin, json: allocate(type, id)),
                        403, detail, "team admin, \(type)")
                    OriginalCreditsContractTests.refused(
                        try await s.call(
                            .post, "\(Self.base)/overrides", token: teamAdmin,
                            json: [
                                "plan_id": .string(plan), "scope_type": .string(type), "scope_id": .string(id),
                                "override_credits": 1,
                            ]), 403, detail, "team admin override, \(type)")
                    OriginalCreditsContractTests.refused(
                        try await s.call(
                            .delete, "\(Self.base)/allocations?plan_id=\(plan)&scope_type=\(type)&scope_id=\(id)",
                            token: teamAdmin), 403, detail, "team admin delete, \(type)")
                }
                // An equal split over its own team and another: refused as a whole, nothing written.
                let before = try await call(.get, "\(Self.base)/effective-allocation?plan_id=\(plan)", nil, nil)
                OriginalCreditsContractTests.refused(
                    try await s.call(
                        .post, "\(Self.base)/distribute/equal", token: teamAdmin,
                        json: [
                            "plan_id": .string(plan), "scope_type": "team",
                            "scope_ids": [.string(mine), .string(theirs)],
                            "total_credits": 1000,
                        ]), 403, onlyTeams, "a split reaching another team")
                #expect(
                    try await call(.get, "\(Self.base)/effective-allocation?plan_id=\(plan)", nil, nil).json
                        == before.json)
                // Validation runs before the guard: a body the route cannot read is 422 to anyone.
                #expect(
                    try await s.call(
                        .post, "\(Self.base)/allocations/upsert", token: teamAdmin,
                        json: ["plan_id": .string(plan), "scope_type": "team", "scope_id": .string(theirs)]
                    ).status == .unprocessableContent)
                #expect(
                    try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(plan)", token: teamAdmin).status
                        == .ok)
            }
        }
    }
}
