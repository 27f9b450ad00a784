import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Cockpit's additions to the credit routes, for the cockpit's `:credits` views over a server: a plan's overrides
/// (`GET …/overrides?plan_id=`), removing one (`DELETE …/overrides/{id}`) and the ledger per day (`GET
/// …/usage/daily?days=`): the answers, another tenant's ids answering as ids that name nothing, a console-only admin
/// refused, and bad input.
@Suite struct CockpitCreditAdditionsTests {
    static let base = OriginalCreditsContractTests.base

    @Test(arguments: StoreKind.available)
    func overridesListedAndRemovedAndTheLedgerByDay(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Adds")
            let (_, other) = try await ControlPlaneRouteTests.newAccount(s, "Elsewhere")
            let (_, team, _, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let plan = try #require(
                try await s.call(.post, "\(Self.base)/plans", token: admin, json: ["name": "FY27"]).json.itemString(
                    "id"))
            _ = try await s.call(
                .post, "\(Self.base)/allocations/upsert", token: admin,
                json: [
                    "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team), "allocated_credits": 100,
                ])
            var ids: [String] = []
            for (credits, reason) in [(150, "launch week"), (175, "second thoughts")] {
                let answer = try await s.call(
                    .post, "\(Self.base)/overrides", token: admin,
                    json: [
                        "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team),
                        "override_credits": .number(Double(credits)), "reason": .string(reason),
                    ])
                ids.append(try #require(answer.json.itemString("id")))
            }
            // Listed oldest first, in the override's shape.
            let listed = try await s.call(.get, "\(Self.base)/overrides?plan_id=\(plan)", token: admin)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.json.items.compactMap { $0["id"]?.stringValue } == ids)
            #expect(
                listed.json.items.first?["reason"] == "launch week"
                    && listed.json.items.first?["override_credits"] == 150)
            func effective() async throws -> JSONValue? {
                let answer = try await s.call(
                    .get, "\(Self.base)/effective-allocation?plan_id=\(plan)", token: admin)
                return answer.json["items"]?.arrayValue?.first?["effective_allocated"]
            }
            #expect(try await effective() == 175)
            // Removing the newest: the previous override applies again; removing it again is 404.
            let removed = try await s.call(.delete, "\(Self.base)/overrides/\(ids[1])", token: admin)
            #expect(removed.status == .ok && removed.json == ["deleted": true], "\(removed.text)")
            #expect(try await effective() == 150)
            OriginalCreditsContractTests.refused(
                try await s.call(.delete, "\(Self.base)/overrides/\(ids[1])", token: admin), 404,
                "Budget override not found", "an override removed already")
            OriginalCreditsContractTests.refused(
                try await s.call(.delete, "\(Self.base)/overrides/not-an-id", token: admin), 404,
                "Budget override not found", "an id that is no UUID")

            // Another tenant: A's plan and override are ids that name nothing there, and nothing changes.
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/overrides?plan_id=\(plan)", token: other), 404,
                "Budget plan not found", "another tenant's plan")
            OriginalCreditsContractTests.refused(
                try await s.call(.delete, "\(Self.base)/overrides/\(ids[0])", token: other), 404,
                "Budget override not found", "another tenant's override")
            #expect(try await effective() == 150)

            // Bad input: no plan (422), an unknown plan (404).
            #expect(try await s.call(.get, "\(Self.base)/overrides", token: admin).status == .unprocessableContent)
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/overrides?plan_id=\(UUID())", token: admin), 404,
                "Budget plan not found", "an unknown plan")

            // The ledger per day: today's rows, 30 days by default; another tenant sees only its own (none).
            for cost in [1.5, 2.25] {
                _ = try await s.call(
                    .post, "\(Self.base)/usage/record", token: admin,
                    json: ["raw_cost": .number(cost), "team_id": .string(team)])
            }
            let daily = try await s.call(.get, "\(Self.base)/usage/daily", token: admin)
            #expect(daily.status == .ok, "\(daily.text)")
            #expect(daily.json["days"] == 30 && daily.json.items.count == 1)
            let today = try #require(daily.json.items.first)
            #expect(
                today["day"]?.stringValue == Timestamp.day(Date()) && today["credits"] == 3.75
                    && today["raw_cost"] == 3.75 && today["rows"] == 2, "\(today)")
            #expect(try await s.call(.get, "\(Self.base)/usage/daily?days=1", token: admin).json["days"] == 1)
            #expect(
                try await s.call(.get, "\(Self.base)/usage/daily?days=366", token: other).json == [
                    "days": 366, "items": [],
                ])
            for days in ["0", "367", "-1", "x", "7d", "1.5"] {
                let answer = try await s.call(.get, "\(Self.base)/usage/daily?days=\(days)", token: admin)
                #expect(answer.status == .unprocessableContent, "days=\(days): \(answer.status.code) \(answer.text)")
            }
        }
    }

    @Test func aConsoleOnlyAdminIsRefused() async throws {
        try await ZitadelTokenTests.withIssuer { fake, verifier in
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "a@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let config: JSONValue = [
                    "organization_id": "org-1", "project_id": .string(ZitadelTokenTests.project),
                ]
                #expect(try await s.call(.put, "/v1/accounts/\(account)/zitadel/config", json: config).status == .ok)
                let asAccount: HTTPFields = [HTTPField.Name("X-Account-Id")!: account]
                let plan = try #require(
                    try await s.call(.post, "\(Self.base)/plans", json: ["name": "P"], headers: asAccount).json
                        .itemString("id"))
                let claims = await fake.claims(
                    subject: "console-admin", organization: "org-1", roles: ["console_org_admin"],
                    projectID: ZitadelTokenTests.project)
                let consoleOnly = try await fake.mint(claims)
                for (method, path) in [
                    (HTTPRequest.Method.get, "\(Self.base)/overrides?plan_id=\(plan)"),
                    (.delete, "\(Self.base)/overrides/\(UUID())"), (.get, "\(Self.base)/usage/daily?days=7"),
                ] {
                    let answer = try await s.call(method, path, token: consoleOnly)
                    #expect(
                        answer.status == .forbidden && answer.json["detail"] != nil,
                        "\(method) \(path): \(answer.status.code) \(answer.text)")
                }
                // The same routes as the account's super-admin.
                #expect(
                    try await s.call(.get, "\(Self.base)/overrides?plan_id=\(plan)", headers: asAccount).json == [
                        "items": []
                    ])
            }
        }
    }
}
