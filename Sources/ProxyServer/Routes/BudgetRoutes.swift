import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Budgets and rate limits of the trees' organizations, teams and users: `GET` and `PUT
/// /v1/{domain}/{orgs|teams|users}/{id}/budget`. The row holds what the entity's own `max_budget` does not: a budget
/// over a period, a soft budget, rpm, tpm and parallel-request limits.
enum BudgetRoutes {
    static func register(_ table: RouteTable) {
        for d in ProductDomain.allCases {
            for (kind, subject) in [("orgs", BudgetSubject.org), ("teams", .team), ("users", .user)] {
                let path = "/v1/\(d.rawValue)/\(kind)/{id}/budget"
                table.add(.get, path) { request, context, c in
                    let id = try request.id("id", context)
                    let row = try await c.budgets.budget(
                        account: try c.callerAccount(), domain: d, subject: subject, subjectID: id.lowercased)
                    return WireJSON.item(row)
                }
                table.add(.put, path) { request, context, c in
                    let id = try request.id("id", context)
                    let limits = try await WireJSON.decode(BudgetLimits.self, from: request, context)
                    let row = try await c.budgets.set(
                        account: try c.callerAccount(), domain: d, subject: subject, subjectID: id.lowercased
                    ) {
                        limits.apply(to: &$0)
                    }
                    return WireJSON.item(row)
                }
            }
        }
    }
}
