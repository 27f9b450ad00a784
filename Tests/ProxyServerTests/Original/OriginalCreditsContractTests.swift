import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Copilot budgets with the original's bodies (V1_CONTRACT.md "Copilot budgets"): the super-admin's account
/// allocation and the tenant's bare view of it, plans, allocations (`group` read as `org`), equal distribution,
/// overrides and the effective view (not clamped), with the original's refusals word for word.
@Suite struct OriginalCreditsContractTests {
    static let base = "/v1/budgets/copilot"

    /// Expects `answer` to be `status` with exactly `detail`.
    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            answer.status.code == status && answer.json == ["detail": .string(detail)],
            "\(what): \(answer.status.code) \(answer.text)", sourceLocation: sourceLocation)
    }

    /// A copilot organization `Eng` with team `Core` and user Dana in it; the account's `global` organization.
    static func tree(
        _ s: ServerHarness, _ admin: String
    ) async throws -> (org: String, team: String, user: String, global: String) {
        let (org, team) = try await OriginalAccessContractTests.tree(s, admin)
        let user = try await s.call(
            .post, "/v1/copilot/users", token: admin,
            json: ["email": "dana@tree.io", "display_name": "Dana", "team_ids": [.string(team)]])
        let orgs = try await s.call(.get, "/v1/copilot/orgs", token: admin).json.items
        let global = try #require(orgs.first { $0["name"] == "global" }?["id"]?.stringValue)
        return (org, team, try #require(user.json.itemString("id")), global)
    }

    @Test(arguments: StoreKind.available)
    func accountAllocationAsTheSuperAdminSetsIt(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Alloc")
            let (other, _) = try await ControlPlaneRouteTests.newAccount(s, "Fresh")
            // Without an allocation the tenant's view is exactly the original's defaults.
            let none = try await s.call(.get, "\(Self.base)/account-allocation", token: admin)
            #expect(none.status == .ok && none.json == ["monthly_credits": 0, "overflow_limit": 0, "credit_factor": 1])
            #expect(
                try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(account)").json == ["item": .null])
            // TA sends all four fields; the answer is exactly {"status": "ok"}.
            let body: JSONValue = [
                "account_id": .string(account), "monthly_credits": 1000, "overflow_limit": 200, "credit_factor": 1.5,
            ]
            let set = try await s.call(.post, "/v1/budgets/account-allocation", json: body)
            #expect(set.status == .ok && set.text == #"{"status":"ok"}"#, "\(set.text)")
            let row = try #require(
                try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(account)").json["item"])
            #expect(
                Set(row.objectValue?.keys.map { $0 } ?? []) == [
                    "account_id", "monthly_credits", "overflow_limit", "credit_factor", "effective_from", "updated_at",
                ])
            #expect(
                row["account_id"] == .string(account) && row["monthly_credits"] == 1000 && row["overflow_limit"] == 200
                    && row["credit_factor"] == 1.5)
            // An upsert replaces the values and keeps effective_from.
            let again = try await s.call(
                .post, "/v1/budgets/account-allocation",
                json: ["account_id": .string(account.uppercased()), "monthly_credits": 2500.5])
            #expect(again.json == ["status": "ok"])
            let updated = try #require(
                try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(account)").json["item"])
            #expect(
                updated["monthly_credits"] == 2500.5 && updated["overflow_limit"] == 0 && updated["credit_factor"] == 1)
            #expect(updated["effective_from"] == row["effective_from"] && updated["updated_at"] != row["updated_at"])
            // The tenant's bare view, without the account id.
            let mine = try await s.call(.get, "\(Self.base)/account-allocation", token: admin)
            #expect(
                mine.json["monthly_credits"] == 2500.5 && mine.json["credit_factor"] == 1
                    && mine.json["effective_from"] == row["effective_from"] && mine.json["account_id"] == nil)
            // The account's bundle carries it (null before), without the account id.
            let bundle = try await s.call(.get, "/v1/accounts/\(account)").json["item"]?["allocation"]
            #expect(
                bundle == [
                    "monthly_credits": 2500.5, "overflow_limit": 0, "credit_factor": 1,
                    "effective_from": row["effective_from"]!, "updated_at": updated["updated_at"]!,
                ], "\(String(describing: bundle))")
            #expect(try await s.call(.get, "/v1/accounts/\(other)").json["item"]?["allocation"] == .null)
            // Every row, most recently updated first.
            _ = try await s.call(.post, "/v1/budgets/account-allocation", json: ["account_id": .string(other)])
            let all = try await s.call(.get, "/v1/budgets/account-allocation")
            #expect(Set(all.json.objectValue?.keys.map { $0 } ?? []) == ["items"])
            #expect(all.json.items.map { $0["account_id"] } == [.string(other), .string(account)])
            let bundles = try await s.call(.get, "/v1/accounts").json.items
            #expect(
                bundles.first { $0["account_id"] == .string(other) }?["allocation"]?["credit_factor"] == 1
                    && bundles.first { $0["account_id"] == .string(account) }?["allocation"]?["monthly_credits"]
                        == 2500.5
            )
            // The account is not checked on reads: an unknown id or a text that is no id answers null.
            for id in ["not-an-id", UUID().uuidString] {
                #expect(
                    try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(id)").json == ["item": .null])
            }
            // Refusals in the original's order: values before the account.
            for (json, status, detail) in [
                (["account_id": .string(account), "monthly_credits": -1], 400, "Invalid allocation values"),
                (["account_id": .string(account), "overflow_limit": -0.5], 400, "Invalid allocation values"),
                (["account_id": .string(account), "credit_factor": 0], 400, "Invalid allocation values"),
                (["account_id": "nope", "credit_factor": -2], 400, "Invalid allocation values"),
                (["account_id": "nope"], 404, "Account not found"),
                (["account_id": .string(UUID().uuidString), "monthly_credits": 5], 404, "Account not found"),
                (
                    ["account_id": .string(account), "monthly_credits": 1e12], 400,
                    "monthly_credits must be a finite number of at most 1000000000"
                ),
                (
                    ["account_id": .string(account), "credit_factor": 1e7], 400,
                    "credit_factor must be a finite number of at most 1000000"
                ),
            ] as [(JSONValue, Int, String)] {
                Self.refused(
                    try await s.call(.post, "/v1/budgets/account-allocation", json: json), status, detail, "\(json)")
            }
            for json in [["monthly_credits": 5], ["account_id": .string(account), "monthly_credits": "lots"]]
                as [JSONValue]
            {
                let invalid = try await s.call(.post, "/v1/budgets/account-allocation", json: json)
                #expect(invalid.status == .unprocessableContent && invalid.json["detail"] != nil, "\(invalid.text)")
            }
            // Super-admin only, and the guard runs before validation: 403 beats 422 for anyone else.
            for json in [body, ["monthly_credits": 5]] as [JSONValue] {
                #expect(
                    try await s.call(.post, "/v1/budgets/account-allocation", token: admin, json: json).status
                        == .forbidden)
            }
            #expect(try await s.call(.get, "/v1/budgets/account-allocation", token: admin).status == .forbidden)
            #expect(
                try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(account)", token: admin).status
                    == .forbidden)
            #expect(try await s.call(.get, "/v1/budgets/account-allocation", token: nil).status == .unauthorized)
            #expect(
                try await s.call(.get, "/v1/budgets/account-allocation?account_id=\(account)").json["item"]?[
                    "monthly_credits"] == 2500.5, "the refusals changed nothing")
            // Audit: upsert Alchemi_AccountAllocationTable [billing], object = the account id.
            let audit = try await s.call(.get, "/v1/audit?domain=billing&limit=100", token: admin)
            let rows = audit.json.items.filter { $0["table_name"] == "Alchemi_AccountAllocationTable" }
            #expect(rows.count == 2 && rows.allSatisfy { $0["action"] == "upsert" }, "\(audit.text)")
            #expect(
                rows.first?["object_id"] == .string(account) && rows.first?["updated_values"]?["domain"] == "billing")
        }
    }

    @Test(arguments: StoreKind.available)
    func plansAllocationsOverridesAndTheEffectiveView(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Plans")
            let (org, team, user, global) = try await Self.tree(s, admin)
            _ = try await s.call(
                .post, "/v1/budgets/account-allocation",
                json: ["account_id": .string(account), "monthly_credits": 1000, "overflow_limit": 100])
            #expect(try await s.call(.get, "\(Self.base)/plans/active", token: admin).json == ["item": .null])
            let first = try await s.call(
                .post, "\(Self.base)/plans", token: admin, json: ["name": "FY26", "cycle": "monthly"])
            let firstPlan = try #require(first.json["item"])
            #expect(first.status == .ok, "\(first.text)")
            #expect(
                Set(firstPlan.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "name", "cycle", "status", "created_by", "created_at", "updated_at",
                ])
            #expect(firstPlan["status"] == "active" && firstPlan["account_id"] == .string(account))
            // A new plan is the active one; the earlier one becomes inactive. The cycle is monthly by default.
            let second = try await s.call(.post, "\(Self.base)/plans", token: admin, json: ["name": "Q2"])
            let plan = try #require(second.json.itemString("id"))
            #expect(second.json["item"]?["cycle"] == "monthly" && second.json["item"]?["status"] == "active")
            let active = try await s.call(.get, "\(Self.base)/plans/active", token: admin)
            #expect(active.json["item"]?["id"] == .string(plan) && active.json["item"]?["name"] == "Q2")
            #expect(
                try await s.call(.post, "\(Self.base)/plans", token: admin, json: ["cycle": "monthly"]).status
                    == .unprocessableContent)
            // Rename: trimmed; blank is refused before the look-up.
            let renamed = try await s.call(
                .patch, "\(Self.base)/plans/\(plan)", token: admin, json: ["name": "  Q2 plan  "])
            #expect(renamed.json["item"]?["name"] == "Q2 plan" && renamed.json["item"]?["id"] == .string(plan))
            Self.refused(
                try await s.call(.patch, "\(Self.base)/plans/\(UUID())", token: admin, json: ["name": "  "]), 400,
                "name is required", "a blank name before the look-up")
            for id in [UUID().uuidString, "not-a-plan"] {
                Self.refused(
                    try await s.call(.patch, "\(Self.base)/plans/\(id)", token: admin, json: ["name": "X"]), 404,
                    "Budget plan not found", id)
            }
            #expect(
                try await s.call(.patch, "\(Self.base)/plans/\(plan)", token: admin, json: [:]).status
                    == .unprocessableContent)

            // Allocations: an upsert keeps the row's id; an omitted overflow_cap is null; `group` is `org`.
            let upsert: (JSONValue) async throws -> ServerHarness.Answer = { json in
                try await s.call(.post, "\(Self.base)/allocations/upsert", token: admin, json: json)
            }
            let teamAllocation = try await upsert([
                "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team), "allocated_credits": 300,
                "overflow_cap": 50,
            ])
            let teamRow = try #require(teamAllocation.json["item"])
            #expect(
                Set(teamRow.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "plan_id", "scope_type", "scope_id", "allocated_credits", "overflow_cap",
                    "source", "created_by", "created_at", "updated_at",
                ])
            #expect(
                teamRow["overflow_cap"] == 50 && teamRow["source"] == "manual" && teamRow["plan_id"] == .string(plan))
            let replaced = try await upsert([
                "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team.uppercased()),
                "allocated_credits": 350,
            ])
            #expect(
                replaced.json["item"]?["id"] == teamRow["id"] && replaced.json["item"]?["allocated_credits"] == 350
                    && replaced.json["item"]?["overflow_cap"] == .null
                    && replaced.json["item"]?["scope_id"]
                        == .string(team)
            )
            let grouped = try await upsert([
                "plan_id": .string(plan), "scope_type": " GROUP ", "scope_id": .string(org), "allocated_credits": 100,
                "source": "import",
            ])
            #expect(grouped.json["item"]?["scope_type"] == "org" && grouped.json["item"]?["source"] == "import")
            let pool = try await upsert([
                "plan_id": .string(plan), "scope_type": "pool", "scope_id": "pool", "allocated_credits": 50,
            ])
            #expect(pool.json["item"]?["scope_id"] == "pool", "\(pool.text)")
            for (json, status, detail) in [
                (
                    ["scope_type": "account", "scope_id": .string(team), "allocated_credits": -1], 400,
                    "scope_type must be one of: org,pool,team,user"
                ),
                (
                    ["scope_type": "team", "scope_id": .string(team), "allocated_credits": -1], 400,
                    "allocated_credits cannot be negative"
                ),
                (
                    ["scope_type": "team", "scope_id": .string(team), "allocated_credits": 1, "overflow_cap": -1], 400,
                    "overflow_cap cannot be negative"
                ),
                (
                    ["scope_type": "team", "scope_id": .string(team), "allocated_credits": 1e10], 400,
                    "allocated_credits must be a finite number of at most 1000000000"
                ),
                (
                    ["scope_type": "team", "scope_id": .string(UUID().uuidString), "allocated_credits": 1], 404,
                    "copilot team not found"
                ),
                (
                    ["scope_type": "user", "scope_id": "not-a-user", "allocated_credits": 1], 404,
                    "copilot user not found"
                ),
            ] as [([String: JSONValue], Int, String)] {
                Self.refused(
                    try await upsert(.object(json.merging(["plan_id": .string(plan)]) { $1 })), status, detail,
                    "\(json)")
            }
            Self.refused(
                try await upsert([
                    "plan_id": .string(UUID().uuidString), "scope_type": "team", "scope_id": .string(UUID().uuidString),
                    "allocated_credits": 1,
                ]), 404, "Budget plan not found", "the plan before the scope")
            for json in [
                ["plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team)],
                ["plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team), "allocated_credits": "9"],
            ] as [JSONValue] {
                #expect(try await upsert(json).status == .unprocessableContent, "\(json)")
            }
            // A console team is not a copilot scope.
            let consoleOrg = try #require(
                try await s.call(.post, "/v1/console/orgs", token: admin, json: ["name": "Ops"]).json.itemString("id"))
            Self.refused(
                try await upsert([
                    "plan_id": .string(plan), "scope_type": "org", "scope_id": .string(consoleOrg),
                    "allocated_credits": 1,
                ]), 404, "copilot org not found", "a console organization")

            // Equal distribution: total ÷ count, in scope_ids order, the same rows when run again.
            let distribute: (JSONValue) async throws -> ServerHarness.Answer = { json in
                try await s.call(.post, "\(Self.base)/distribute/equal", token: admin, json: json)
            }
            let body: JSONValue = [
                "plan_id": .string(plan), "scope_type": "org", "scope_ids": [.string(org), .string(global)],
                "total_credits": 500,
            ]
            let split = try await distribute(body)
            #expect(
                split.status == .ok && split.json["status"] == "ok" && split.json["per_scope"] == 250, "\(split.text)")
            let ids = split.json["allocation_ids"]?.arrayValue ?? []
            #expect(ids.count == 2 && ids.first == grouped.json["item"]?["id"], "the org's row is updated, not added")
            #expect(try await distribute(body).json["allocation_ids"]?.arrayValue == ids)
            let thirds = try await distribute([
                "plan_id": .string(plan), "scope_type": "user",
                "scope_ids": [.string(user), .string(user), .string(user)],
                "total_credits": 100, "overflow_cap": 5,
            ])
            #expect(
                thirds.json["per_scope"] == 33.333333 && Set(thirds.json["allocation_ids"]?.arrayValue ?? []).count == 1
            )
            for (json, status, detail) in [
                (
                    ["scope_type": "nope", "scope_ids": [], "total_credits": -1], 400,
                    "scope_type must be one of: org,pool,team,user"
                ),
                (["scope_type": "org", "scope_ids": [], "total_credits": -1], 400, "scope_ids cannot be empty"),
                (
                    ["scope_type": "org", "scope_ids": [.string(org)], "total_credits": -1], 400,
                    "total_credits cannot be negative"
                ),
                (
                    [
                        "scope_type": "org", "scope_ids": [.string(org), .string(UUID().uuidString)],
                        "total_credits": 1,
                    ],
                    404, "copilot org not found"
                ),
            ] as [([String: JSONValue], Int, String)] {
                Self.refused(
                    try await distribute(.object(json.merging(["plan_id": .string(plan)]) { $1 })), status, detail,
                    "\(json)")
            }
            // The user's allocation (from the distribution): deleted once, then there is none.
            let delete = "\(Self.base)/allocations?plan_id=\(plan)&scope_type=USER&scope_id=\(user)"
            #expect(try await s.call(.delete, delete, token: admin).json == ["deleted": true])
            #expect(try await s.call(.delete, delete, token: admin).json == ["deleted": false])
            #expect(
                try await s.call(
                    .delete, "\(Self.base)/allocations?plan_id=\(UUID())&scope_type=team&scope_id=\(team)",
                    token: admin
                ).json == ["deleted": false], "the plan is not checked")
            Self.refused(
                try await s.call(
                    .delete, "\(Self.base)/allocations?plan_id=\(plan)&scope_type=account&scope_id=x", token: admin),
                400, "scope_type must be one of: org,pool,team,user", "delete with a bad scope type")
            for query in ["plan_id=\(plan)&scope_type=team", "scope_type=team&scope_id=\(team)", "plan_id=\(plan)"] {
                #expect(
                    try await s.call(.delete, "\(Self.base)/allocations?\(query)", token: admin).status
                        == .unprocessableContent, "\(query)")
            }

            // Overrides: always a new row; the newest of a scope applies; one without an allocation counts nowhere.
            let override: (JSONValue) async throws -> ServerHarness.Answer = { json in
                try await s.call(.post, "\(Self.base)/overrides", token: admin, json: json)
            }
            let first400 = try await override([
                "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team), "override_credits": 400,
                "reason": "launch",
            ])
            let overrideRow = try #require(first400.json["item"])
            #expect(
                Set(overrideRow.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "plan_id", "scope_type", "scope_id", "override_credits", "reason", "created_by",
                    "created_at",
                ])
            #expect(overrideRow["reason"] == "launch" && overrideRow["override_credits"] == 400)
            let newest = try await override([
                "plan_id": .string(plan), "scope_type": "team", "scope_id": .string(team), "override_credits": 420,
            ])
            #expect(newest.json["item"]?["reason"] == .null && newest.json["item"]?["id"] != overrideRow["id"])
            _ = try await override([
                "plan_id": .string(plan), "scope_type": "user", "scope_id": .string(user), "override_credits": 999,
            ])
            for (json, status, detail) in [
                (
                    ["scope_type": "team", "scope_id": .string(team), "override_credits": -5], 400,
                    "override_credits cannot be negative"
                ),
                (
                    ["scope_type": "bogus", "scope_id": .string(team), "override_credits": -5], 400,
                    "scope_type must be one of: org,pool,team,user"
                ),
                (["scope_type": "team", "scope_id": "nope", "override_credits": 5], 404, "copilot team not found"),
            ] as [([String: JSONValue], Int, String)] {
                Self.refused(
                    try await override(.object(json.merging(["plan_id": .string(plan)]) { $1 })), status, detail,
                    "\(json)")
            }

            // The effective view: team 350 → 420 (newest override), orgs 250 each, pool 50; the user's override is
            // not counted (no allocation). distributed 970 of 1000.
            let effective = try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(plan)", token: admin)
            #expect(effective.status == .ok, "\(effective.text)")
            #expect(
                effective.json["plan_id"] == .string(plan) && effective.json["account_id"] == .string(account)
                    && effective.json["monthly_credits"] == 1000 && effective.json["distributed"] == 970
                    && effective.json["unallocated"] == 30 && effective.json["credit_factor"] == 1
                    && effective.json["overflow_limit"] == 100, "\(effective.text)")
            let items = effective.json.items
            #expect(
                items.first == [
                    "scope_type": "team", "scope_id": .string(team), "base_allocated": 350, "effective_allocated": 420,
                    "override_applied": true, "overflow_cap": .null,
                ])
            #expect(items.map { $0["scope_type"] } == ["team", "org", "pool", "org"], "creation order")
            #expect(items.dropFirst().allSatisfy { $0["override_applied"] == false })
            #expect(
                try await s.call(.get, "\(Self.base)/effective-allocation", token: admin).status
                    == .unprocessableContent)
            Self.refused(
                try await s.call(
                    .get, "\(Self.base)/effective-allocation?plan_id=\(UUID())",
                    token: admin), 404, "Budget plan not found", "an unknown plan")
            // Unallocated is not clamped: another account without an allocation is over-distributed.
            let (_, bare) = try await ControlPlaneRouteTests.newAccount(s, "Bare")
            let barePlan = try #require(
                try await s.call(.post, "\(Self.base)/plans", token: bare, json: ["name": ""]).json.itemString("id"))
            _ = try await s.call(
                .post, "\(Self.base)/allocations/upsert", token: bare,
                json: [
                    "plan_id": .string(barePlan), "scope_type": "pool", "scope_id": "shared", "allocated_credits": 10,
                ])
            let over = try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(barePlan)", token: bare)
            #expect(
                over.json["monthly_credits"] == 0 && over.json["distributed"] == 10 && over.json["unallocated"] == -10
                    && over.json["credit_factor"] == 1 && over.json["overflow_limit"] == 0, "\(over.text)")
            // The other account sees none of this account's plans.
            Self.refused(
                try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(plan)", token: bare), 404,
                "Budget plan not found", "another account's plan")
            Self.refused(
                try await s.call(.patch, "\(Self.base)/plans/\(plan)", token: bare, json: ["name": "mine"]), 404,
                "Budget plan not found", "another account's plan")
            Self.refused(
                try await s.call(
                    .post, "\(Self.base)/allocations/upsert", token: bare,
                    json: [
                        "plan_id": .string(barePlan), "scope_type": "team", "scope_id": .string(team),
                        "allocated_credits": 1,
                    ]), 404, "copilot team not found", "another account's team")

            // The audit as CC reads it, with the original's tables and verbs.
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let seen = Set(
                audit.json.items.compactMap { row -> String? in
                    guard let table = row["table_name"]?.stringValue, table.contains("Budget") else { return nil }
                    return "\(row["action"]?.stringValue ?? "") \(table)"
                })
            #expect(
                seen == [
                    "create Alchemi_CopilotBudgetPlanTable", "update Alchemi_CopilotBudgetPlanTable",
                    "upsert Alchemi_CopilotBudgetAllocationTable", "delete Alchemi_CopilotBudgetAllocationTable",
                    "create Alchemi_CopilotBudgetOverrideTable",
                ], "\(seen)")
            let created = audit.json.items.first {
                $0["table_name"] == "Alchemi_CopilotBudgetPlanTable" && $0["object_id"] == .string(plan)
                    && $0["action"] == "create"
            }
            #expect(
                created?["before_value"]?["id"] == firstPlan["id"]
                    && created?["updated_values"]?["new_active_plan"]?["id"] == .string(plan),
                "before = the previous active plan")
        }
    }
}
