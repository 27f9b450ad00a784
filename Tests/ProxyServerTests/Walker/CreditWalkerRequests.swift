import CockpitCore
import Foundation

/// Walker templates for copilot credits (`/v1/budgets/…`) and the original's `/v1/costs/breakdown`. Plans are reached
/// by id (`.plan`), scopes by the copilot tree's ids; usage records name what they are for as free text (the original
/// does not check it), so they carry no reference to swap.
enum CreditWalkerRequests {
    static let base = "/v1/budgets/copilot"

    static func add(to specs: inout RouteSpecs) {
        specs.add("POST /v1/budgets/account-allocation", control: .none) { r in
            .json(
                "/v1/budgets/account-allocation",
                ["account_id": r.json(.account), "monthly_credits": 500, "overflow_limit": 0, "credit_factor": 1])
        }
        specs.add(
            "GET /v1/budgets/account-allocation", control: .none, { _ in .get("/v1/budgets/account-allocation") },
            { r in .get("/v1/budgets/account-allocation?account_id=\(r[.account])") })
        specs.add("GET \(base)/account-allocation") { _ in .get("\(base)/account-allocation") }
        specs.add("POST \(base)/plans") { r in .json("\(base)/plans", ["name": r.walkName, "cycle": "quarterly"]) }
        specs.add("GET \(base)/plans/active") { _ in .get("\(base)/plans/active") }
        specs.add("PATCH \(base)/plans/{plan_id}") { r in .json("\(base)/plans/\(r[.plan])", ["name": r.walkName]) }
        for (type, kind) in [("org", IDKind.org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot))] {
            specs.add("POST \(base)/allocations/upsert") { r in
                .json(
                    "\(base)/allocations/upsert",
                    [
                        "plan_id": r.json(.plan), "scope_type": .string(type), "scope_id": r.json(kind),
                        "allocated_credits": 40, "overflow_cap": 5,
                    ])
            }
            specs.add("DELETE \(base)/allocations", filtering: true) { r in
                .plain("\(base)/allocations?plan_id=\(r[.plan])&scope_type=\(type)&scope_id=\(r[kind])")
            }
            specs.add("POST \(base)/distribute/equal") { r in
                .json(
                    "\(base)/distribute/equal",
                    [
                        "plan_id": r.json(.plan), "scope_type": .string(type), "scope_ids": r.list(kind),
                        "total_credits": 90,
                    ])
            }
            specs.add("POST \(base)/overrides") { r in
                .json(
                    "\(base)/overrides",
                    [
                        "plan_id": r.json(.plan), "scope_type": .string(type), "scope_id": r.json(kind),
                        "override_credits": 25, "reason": "walk",
                    ])
            }
        }
        specs.add("POST \(base)/allocations/upsert") { r in
            .json(
                "\(base)/allocations/upsert",
                ["plan_id": r.json(.plan), "scope_type": "pool", "scope_id": "pool", "allocated_credits": 7])
        }
        // Cockpit's additions: a plan's overrides, removing one, the ledger per day.
        specs.add("GET \(base)/overrides") { r in .get("\(base)/overrides?plan_id=\(r[.plan])") }
        specs.add("DELETE \(base)/overrides/{override_id}") { r in .plain("\(base)/overrides/\(r[.creditOverride])") }
        specs.add(
            "GET \(base)/usage/daily", { _ in .get("\(base)/usage/daily") }, { _ in .get("\(base)/usage/daily?days=7") }
        )
        specs.add("GET \(base)/effective-allocation") { r in .get("\(base)/effective-allocation?plan_id=\(r[.plan])") }
        specs.add(
            "GET \(base)/usage-by-scope", { _ in .get("\(base)/usage-by-scope") },
            { r in .get("\(base)/usage-by-scope?plan_id=\(r[.plan])") })
        specs.add(
            "GET \(base)/alerts", { _ in .get("\(base)/alerts") }, { _ in .get("\(base)/alerts?threshold=0") })
        for by in CreditDimension.allCases {
            specs.add("GET \(base)/cost-breakdown") { _ in .get("\(base)/cost-breakdown?by=\(by.rawValue)") }
        }
        specs.add("POST \(base)/usage/record") { r in
            .json(
                "\(base)/usage/record",
                [
                    "raw_cost": 1.25, "team_id": "walk-team", "model_name": "walk-model", "agent_id": "walk-agent",
                    "metadata": ["walk": true], "request_id": .string("walk-\(r.nonce)"),
                ])
        }
        specs.add("POST \(base)/cycles/renew") { _ in
            .json(
                "\(base)/cycles/renew",
                ["cycle_start": "2026-01-01T00:00:00Z", "cycle_end": "2026-02-01T00:00:00", "rollover_cap": 50])
        }
        specs.add(
            "GET \(base)/cycles/history", { _ in .get("\(base)/cycles/history") },
            { _ in .get("\(base)/cycles/history?limit=5&offset=0") })
        for d in ProductDomain.allCases {
            specs.add(
                "GET /v1/costs/breakdown", { _ in .get("/v1/costs/breakdown?domain=\(d.rawValue)") },
                { r in .get("/v1/costs/breakdown?domain=\(d.rawValue)&\(ControlPlaneWalkerRequests.chain(r, .copilot))")
                })
        }
    }
}
