import CockpitCore
import Foundation

/// Walker templates for LiteLLM's `/customer/*` and `/budget/*`. Customer and budget ids are texts each account
/// chooses, so a create names a fresh id (another account's id is no reference there); every other route reads the
/// tenant's customer or budget, and another account's answers as one that does not exist.
enum CustomerWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        let body = LiteLLMWalkerRequests.body, query = LiteLLMWalkerRequests.query
        specs.add(
            "POST /customer/new",
            { r in body(r, "/customer/new", ["user_id": r.walkName, "budget_id": r.json(.budgetID)]) },
            { r in body(r, "/customer/new", ["user_id": r.walkName, "max_budget": 3, "budget_duration": "1d"]) })
        specs.add("GET /customer/info") { r in query(r, "/customer/info?end_user_id=\(r[.customerID])") }
        specs.add(
            "POST /customer/update",
            { r in body(r, "/customer/update", ["user_id": r.json(.customerID), "alias": r.walkName]) },
            { r in
                body(r, "/customer/update", ["user_id": r.json(.customerID), "budget_id": r.json(.budgetID)])
            })
        specs.add("POST /customer/delete") { r in body(r, "/customer/delete", ["user_ids": r.list(.customerID)]) }
        specs.add("GET /customer/list") { r in query(r, "/customer/list") }
        specs.add("POST /customer/block") { r in body(r, "/customer/block", ["user_ids": [r.walkName]]) }
        specs.add("POST /customer/unblock") { r in body(r, "/customer/unblock", ["user_ids": r.list(.customerID)]) }
        specs.add("POST /budget/new") { r in body(r, "/budget/new", ["budget_id": r.walkName, "max_budget": 2]) }
        specs.add("POST /budget/update") { r in
            body(r, "/budget/update", ["budget_id": r.json(.budgetID), "rpm_limit": 7])
        }
        specs.add("POST /budget/info") { r in body(r, "/budget/info", ["budgets": r.list(.budgetID)]) }
        specs.add("GET /budget/list") { r in query(r, "/budget/list") }
        specs.add("POST /budget/delete") { r in body(r, "/budget/delete", ["id": r.json(.budgetID)]) }
        specs.add("GET /budget/settings") { r in query(r, "/budget/settings?budget_id=\(r[.budgetID])") }
    }
}
