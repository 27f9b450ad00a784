import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Copilot usage with the original's bodies (V1_CONTRACT.md "Copilot budgets", "Audit and costs"): usage records
/// (cockpit's `request_id` recorded once), usage by scope, alerts with entity names, both cost breakdowns, and cycle
/// renewal with its history.
@Suite struct OriginalCreditsUsageContractTests {
    static let base = OriginalCreditsContractTests.base

    @Test(arguments: StoreKind.available)
    func usageAlertsAndBreakdowns(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Usage")
            let (org, team, user, _) = try await OriginalCreditsContractTests.tree(s, admin)
            _ = try await s.call(
                .post, "/v1/budgets/account-allocation",
                json: ["account_id": .string(account), "monthly_credits": 2000, "credit_factor": 2])
            // Usage by scope and alerts without a plan.
            #expect(
                try await s.call(.get, "\(Self.base)/usage-by-scope", token: admin).json == [
                    "plan_id": .null, "items": [],
                ])
            #expect(try await s.call(.get, "\(Self.base)/alerts?threshold=80", token: admin).json == ["items": []])
            let plan = try #require(
                try await s.call(.post, "\(Self.base)/plans", token: admin, json: ["name": "FY26"]).json.itemString(
                    "id"))
            for (type, id, credits) in [
                ("team", team, 65.0), ("user", user, 50), ("org", org, 1000), ("pool", "pool", 10),
            ] {
                _ = try await s.call(
                    .post, "\(Self.base)/allocations/upsert", token: admin,
                    json: [
                        "plan_id": .string(plan), "scope_type": .string(type), "scope_id": .string(id),
                        "allocated_credits": .number(credits),
                    ])
            }
            // Usage: credits = raw cost × the account's factor; every attribution field is written.
            let record: (JSONValue) async throws -> ServerHarness.Answer = { json in
                try await s.call(.post, "\(Self.base)/usage/record", token: admin, json: json)
            }
            let first = try await record([
                "raw_cost": 30, "org_id": .string(org), "team_id": .string(team), "user_id": .string(user),
                "agent_id": "a1", "model_name": "gpt-4o", "connection_id": "c1",
            ])
            let row = try #require(first.json["item"])
            #expect(first.status == .ok && first.header("x-cockpit-ignored-fields") == nil, "\(first.text)")
            #expect(
                Set(row.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "org_id", "team_id", "user_id", "agent_id", "model_name", "connection_id",
                    "guardrail_code", "raw_cost", "credit_factor", "credits_incurred", "metadata", "request_id",
                    "created_at",
                ])
            #expect(
                row["raw_cost"] == 30 && row["credit_factor"] == 2 && row["credits_incurred"] == 60
                    && row["guardrail_code"] == .null && row["metadata"] == [:] && row["request_id"] == .null)
            let second = try await record([
                "raw_cost": 10, "user_id": .string(user.uppercased()), "agent_id": "a2", "model_name": "gpt-4o-mini",
                "metadata": ["run": 7], "colour": "blue",
            ])
            #expect(second.json["item"]?["user_id"] == .string(user), "an id is stored in lower case")
            #expect(second.json["item"]?["metadata"] == ["run": 7])
            #expect(second.header("x-cockpit-ignored-fields") == "colour", "an unknown field is named")
            // A repeated request_id records nothing new and answers the earlier row.
            let once = try await record(["raw_cost": 5, "model_name": "m3", "request_id": "req-1"])
            let repeated = try await record(["raw_cost": 999, "request_id": "req-1"])
            #expect(
                repeated.json["item"]?["id"] == once.json["item"]?["id"] && repeated.json["item"]?["raw_cost"] == 5
                    && once.json["item"]?["request_id"] == "req-1", "\(repeated.text)")
            for (json, status, detail) in [
                (["raw_cost": -1], 400, "raw_cost cannot be negative"),
                (["raw_cost": 1e12], 400, "raw_cost must be a finite number of at most 1000000000"),
            ] as [(JSONValue, Int, String)] {
                OriginalCreditsContractTests.refused(try await record(json), status, detail, "\(json)")
            }
            for json in [["model_name": "m"], ["raw_cost": "5"], ["raw_cost": .null]] as [JSONValue] {
                #expect(try await record(json).status == .unprocessableContent, "\(json)")
            }
            // Numbers JSON cannot hold: NaN is no JSON (400), 1e400 does not fit the field (422 naming it).
            let nan = try await s.call(
                .post, "\(Self.base)/usage/record", token: admin, raw: #"{"raw_cost": NaN}"#)
            OriginalCreditsContractTests.refused(nan, 400, "request body is not valid JSON", "NaN")
            let huge = try await s.call(
                .post, "\(Self.base)/usage/record", token: admin, raw: #"{"raw_cost": 1e400}"#)
            OriginalCreditsContractTests.refused(huge, 422, "raw_cost has the wrong type or format", "1e400")

            // Usage by scope: all the account's rows, each counted for its user, team and org; the pool never.
            let usage = try await s.call(.get, "\(Self.base)/usage-by-scope", token: admin)
            #expect(usage.json["plan_id"] == .string(plan), "the active plan by default")
            let byScope = Dictionary(
                uniqueKeysWithValues: usage.json.items.map { ($0["scope_type"]?.stringValue ?? "", $0) })
            #expect(
                byScope["user"] == [
                    "scope_type": "user", "scope_id": .string(user), "allocated_credits": 50, "used": 80,
                    "usage_percentage": 160, "overflow_cap": .null, "overflow_used": 30,
                ], "\(usage.text)")
            #expect(byScope["team"]?["used"] == 60 && byScope["org"]?["used"] == 60 && byScope["pool"]?["used"] == 0)
            #expect(byScope["pool"]?["usage_percentage"] == 0 && byScope["org"]?["usage_percentage"] == 6)
            #expect(
                try await s.call(.get, "\(Self.base)/usage-by-scope?plan_id=\(UUID())", token: admin).json["items"]
                    == [], "an unknown plan has no items, no 404")

            // Alerts: exactly the fields CC reads, names of what each scope is, highest first.
            let alerts = try await s.call(.get, "\(Self.base)/alerts?threshold=80", token: admin)
            #expect(
                alerts.json == [
                    "items": [
                        [
                            "entity_name": "Dana", "usage_percentage": 160, "alert_level": "exceeded",
                            "budget": ["entity_type": "USER", "entity_id": .string(user)],
                        ],
                        [
                            "entity_name": "Core", "usage_percentage": alerts.json.items.last?["usage_percentage"] ?? 0,
                            "alert_level": "critical", "budget": ["entity_type": "TEAM", "entity_id": .string(team)],
                        ],
                    ]
                ], "\(alerts.text)")
            #expect(
                alerts.json.items.last?["usage_percentage"]?.doubleValue.map { abs($0 - 6000.0 / 65) < 1e-9 } == true)
            let everything = try await s.call(.get, "\(Self.base)/alerts?threshold=0", token: admin).json.items
            #expect(everything.map { $0["entity_name"] } == ["Dana", "Core", "Eng", "pool"])
            #expect(everything.last?["budget"] == ["entity_type": "POOL", "entity_id": "pool"])
            #expect(everything[2]["alert_level"] == "warning")
            #expect(try await s.call(.get, "\(Self.base)/alerts", token: admin).json.items.count == 2, "80 by default")
            for threshold in ["-1", "1000.5", "abc", "nan", "inf"] {
                #expect(
                    try await s.call(.get, "\(Self.base)/alerts?threshold=\(threshold)", token: admin).status
                        == .unprocessableContent, "\(threshold)")
            }
            #expect(try await s.call(.get, "\(Self.base)/alerts?threshold=1000", token: admin).json == ["items": []])

            // The budget cost breakdown: one ledger column, the null group with key null, most credits first.
            let byAgent = try await s.call(.get, "\(Self.base)/cost-breakdown", token: admin)
            #expect(
                byAgent.json == [
                    "by": "agent",
                    "items": [
                        ["key": "a1", "raw_cost": 30, "credits": 60], ["key": "a2", "raw_cost": 10, "credits": 20],
                        ["key": .null, "raw_cost": 5, "credits": 10],
                    ],
                ], "\(byAgent.text)")
            let byGuardrail = try await s.call(.get, "\(Self.base)/cost-breakdown?by=guardrail", token: admin)
            #expect(byGuardrail.json["items"] == [["key": .null, "raw_cost": 45, "credits": 90]])
            #expect(
                try await s.call(.get, "\(Self.base)/cost-breakdown?by=llm", token: admin).json.items.map { $0["key"] }
                    == ["gpt-4o", "gpt-4o-mini", "m3"])
            OriginalCreditsContractTests.refused(
                try await s.call(.get, "\(Self.base)/cost-breakdown?by=model", token: admin), 400,
                "by must be one of: agent,llm,connection,guardrail", "by=model")

            // The original's /v1/costs/breakdown: the copilot ledger by model, agent, connection and guardrail.
            let costs = try await s.call(.get, "/v1/costs/breakdown?domain=copilot", token: admin)
            #expect(
                costs.json == [
                    "domain": "copilot",
                    "items": [
                        [
                            "model_name": "gpt-4o", "agent_id": "a1", "connection_id": "c1", "guardrail_code": .null,
                            "raw_cost": 30, "credits_incurred": 60,
                        ],
                        [
                            "model_name": "gpt-4o-mini", "agent_id": "a2", "connection_id": .null,
                            "guardrail_code": .null, "raw_cost": 10, "credits_incurred": 20,
                        ],
                        [
                            "model_name": "m3", "agent_id": .null, "connection_id": .null, "guardrail_code": .null,
                            "raw_cost": 5, "credits_incurred": 10,
                        ],
                    ],
                ], "\(costs.text)")
            #expect(
                try await s.call(.get, "/v1/costs/breakdown", token: admin).json == costs.json, "copilot by default")
            let console = try await s.call(.get, "/v1/costs/breakdown?domain=console", token: admin)
            #expect(console.json["domain"] == "console" && console.json["items"] == costs.json["items"])
            let filtered = try await s.call(
                .get, "/v1/costs/breakdown?domain=copilot&team_id=\(team.uppercased())", token: admin)
            #expect(filtered.json.items.map { $0["model_name"] } == ["gpt-4o"], "\(filtered.text)")
            #expect(
                try await s.call(.get, "/v1/costs/breakdown?user_id=\(user)&org_id=nobody", token: admin).json[
                    "items"] == [])
            for domain in ["all", "billing", "COPILOT"] {
                #expect(
                    try await s.call(.get, "/v1/costs/breakdown?domain=\(domain)", token: admin).status
                        == .unprocessableContent, "\(domain)")
            }
            // Cockpit's spend report is still there with `by` or `days`.
            let spend = try await s.call(.get, "/v1/costs/breakdown?by=model&days=7", token: admin)
            #expect(spend.status == .ok && spend.json["total_spend"] == 0 && spend.json["days"] == 7)

            // The ledger rows are audited (create Alchemi_CopilotUsageLedgerTable): three rows, the repeat none.
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let ledger = audit.json.items.filter { $0["table_name"] == "Alchemi_CopilotUsageLedgerTable" }
            #expect(ledger.count == 3 && ledger.allSatisfy { $0["action"] == "create" }, "\(ledger)")
        }
    }

    @Test(arguments: StoreKind.available)
    func cycleRenewalAndHistory(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Cycles")
            let (_, team, _, _) = try await OriginalCreditsContractTests.tree(s, admin)
            let renew: (JSONValue) async throws -> ServerHarness.Answer = { json in
                try await s.call(.post, "\(Self.base)/cycles/renew", token: admin, json: json)
            }
            let now = Date()
            let start = Timestamp.format(now.addingTimeInterval(-86_400))
            let endDate = now.addingTimeInterval(86_400)
            let end = String(Timestamp.format(endDate).dropLast())  // naive: UTC
            OriginalCreditsContractTests.refused(
                try await renew(["cycle_start": .string(start), "cycle_end": .string(end)]), 404,
                "No active budget plan found", "no plan")
            _ = try await s.call(
                .post, "/v1/budgets/account-allocation",
                json: ["account_id": .string(account), "monthly_credits": 1000])
            let source = try #require(
                try await s.call(
                    .post, "\(Self.base)/plans", token: admin, json: ["name": "FY26", "cycle": "quarterly"]
                )
                .json.itemString("id"))
            for (type, id, credits) in [("team", team, 300.0), ("pool", "pool", 100)] {
                _ = try await s.call(
                    .post, "\(Self.base)/allocations/upsert", token: admin,
                    json: [
                        "plan_id": .string(source), "scope_type": .string(type), "scope_id": .string(id),
                        "allocated_credits": .number(credits), "overflow_cap": 20,
                    ])
            }
            _ = try await s.call(
                .post, "\(Self.base)/overrides", token: admin,
                json: [
                    "plan_id": .string(source), "scope_type": "team", "scope_id": .string(team),
                    "override_credits": 350,
                ])
            _ = try await s.call(
                .post, "\(Self.base)/usage/record", token: admin, json: ["raw_cost": 1200, "team_id": .string(team)])
            // Effective: 350 + 100 of 1000, so 550 unallocated; the cap holds the rollover to 200.
            let renewed = try await renew([
                "cycle_start": .string(start), "cycle_end": .string(end), "rollover_cap": 200, "copy_overrides": true,
            ])
            #expect(renewed.status == .ok, "\(renewed.text)")
            let cycleID = try #require(renewed.json["cycle_id"]?.stringValue)
            let next = try #require(renewed.json.itemString("id"))
            #expect(
                renewed.json["summary"] == [
                    "source_plan_id": .string(source), "new_plan_id": .string(next), "used_credits": 1200,
                    "monthly_credits": 1000, "overflow_charge_credits": 200, "rollover_credits": 200,
                ], "\(renewed.text)")
            #expect(
                renewed.json["item"]?["name"] == .string("FY26 (\(Timestamp.day(endDate)))")
                    && renewed.json["item"]?["cycle"] == "quarterly" && renewed.json["item"]?["status"] == "active")
            #expect(try await s.call(.get, "\(Self.base)/plans/active", token: admin).json.itemString("id") == next)
            let effective = try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(next)", token: admin)
            #expect(
                effective.json.items == [
                    [
                        "scope_type": "team", "scope_id": .string(team), "base_allocated": 300,
                        "effective_allocated": 350, "override_applied": true, "overflow_cap": 20,
                    ],
                    [
                        "scope_type": "pool", "scope_id": "pool", "base_allocated": 200, "effective_allocated": 200,
                        "override_applied": false, "overflow_cap": 20,
                    ],
                ], "the pool is set to the rollover (keeping its cap), the override copied: \(effective.text)")
            // The date in the default name is cycle_end's as sent, not its UTC date; no cap: all unallocated rolls.
            let second = try await renew([
                "cycle_start": "2030-01-01T00:00:00Z", "cycle_end": "2030-03-01T01:00:00+05:00", "new_plan_name": "",
            ])
            #expect(
                second.json["item"]?["name"] == .string("FY26 (\(Timestamp.day(endDate))) (2030-03-01)")
                    && second.json["summary"]?["used_credits"] == 0
                    && second.json["summary"]?["rollover_credits"] == 450, "\(second.text)")
            let named = try await renew([
                "cycle_start": "2030-03-01", "cycle_end": "2030-04-01T00:00:00Z", "new_plan_name": "April",
                "rollover_cap": -5,
            ])
            #expect(named.json["item"]?["name"] == "April" && named.json["summary"]?["rollover_credits"] == 0)
            let latest = try #require(named.json.itemString("id"))
            // No override was copied without copy_overrides.
            #expect(
                try await s.call(.get, "\(Self.base)/effective-allocation?plan_id=\(latest)", token: admin).json.items
                    .allSatisfy { $0["override_applied"] == false })

            for (json, status, detail) in [
                (
                    ["cycle_start": "2030-01-01T00:00:00Z", "cycle_end": "2030-01-01T00:00:00Z"], 400,
                    "cycle_end must be after cycle_start"
                ),
                // 10:00 UTC (naive) against 09:00 UTC written with an offset.
                (
                    ["cycle_start": "2030-01-01T10:00:00", "cycle_end": "2030-01-01T12:00:00+03:00"], 400,
                    "cycle_end must be after cycle_start"
                ),
            ] as [(JSONValue, Int, String)] {
                OriginalCreditsContractTests.refused(try await renew(json), status, detail, "\(json)")
            }
            for json in [
                ["cycle_start": "2030-01-01T00:00:00Z"], ["cycle_end": "2030-01-01T00:00:00Z"],
                ["cycle_start": "2030-02-30T00:00:00Z", "cycle_end": "2030-03-01T00:00:00Z"],
                ["cycle_start": "yesterday", "cycle_end": "2030-03-01T00:00:00Z"],
                ["cycle_start": 5, "cycle_end": "2030-03-01T00:00:00Z"],
                ["cycle_start": "2030-01-01", "cycle_end": "2030-03-01", "copy_overrides": "maybe"],
            ] as [JSONValue] {
                #expect(try await renew(json).status == .unprocessableContent, "\(json)")
            }
            #expect(
                try await s.call(.get, "\(Self.base)/plans/active", token: admin).json.itemString("id") == latest,
                "the refusals renewed nothing")

            // History, newest first, with limit and offset.
            let history = try await s.call(.get, "\(Self.base)/cycles/history", token: admin)
            #expect(Set(history.json.objectValue?.keys.map { $0 } ?? []) == ["items"])
            #expect(history.json.items.count == 3 && history.json.items.last?["id"] == .string(cycleID))
            let oldest = try #require(history.json.items.last)
            #expect(
                Set(oldest.objectValue?.keys.map { $0 } ?? []) == [
                    "id", "account_id", "source_plan_id", "new_plan_id", "cycle_start", "cycle_end", "rollover_credits",
                    "overflow_charge_credits", "summary_json", "created_by", "created_at",
                ])
            #expect(
                oldest["source_plan_id"] == .string(source) && oldest["new_plan_id"] == .string(next)
                    && oldest["rollover_credits"] == 200 && oldest["overflow_charge_credits"] == 200
                    && oldest["summary_json"] == renewed.json["summary"] && oldest["cycle_start"] == .string(start))
            #expect(
                try await s.call(.get, "\(Self.base)/cycles/history?limit=1&offset=2", token: admin).json.items.map {
                    $0["id"]
                } == [.string(cycleID)])
            for query in ["limit=-1", "offset=-1", "limit=abc", "offset=1.5"] {
                #expect(
                    try await s.call(.get, "\(Self.base)/cycles/history?\(query)", token: admin).status
                        == .unprocessableContent, "\(query)")
            }
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            let cycle = audit.json.items.first {
                $0["table_name"] == "Alchemi_CopilotBudgetCycleTable" && $0["object_id"] == .string(cycleID)
            }
            #expect(
                cycle?["action"] == "create" && cycle?["updated_values"]?["rollover_credits"] == 200,
                "\(audit.text.prefix(300))")
        }
    }
}
