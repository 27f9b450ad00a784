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
                    return WireJSON.response(Answer(item: row))
                }
                table.add(.put, path) { request, context, c in
                    let id = try request.id("id", context)
                    let body = try await PatchBody.read(request, context)
                    let limits = try Self.limits(body)
                    let row = try await c.budgets.set(
                        account: try c.callerAccount(), domain: d, subject: subject, subjectID: id.lowercased
                    ) {
                        limits.apply(to: &$0)
                    }
                    return WireJSON.response(Answer(item: row))
                }
            }
        }
    }

    /// `{"item": row}`, `null` when the entity has no row.
    struct Answer: Encodable {
        let item: Budget?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(item, forKey: .item)
        }

        enum CodingKeys: String, CodingKey { case item }
    }

    /// The fields of the wire's `BudgetLimits`, read strictly: an unknown field is refused by name, limits are whole
    /// numbers from 0 to 10⁹, absent or `null` clears a field.
    static let fields: Set<String> = [
        "max_budget", "soft_budget", "budget_duration", "rpm_limit", "tpm_limit", "max_parallel_requests",
    ]

    static func limits(_ body: PatchBody) throws -> BudgetLimits {
        try body.refuseUnknown(fields)
        return BudgetLimits(
            maxBudget: try body.number("max_budget") ?? nil, softBudget: try body.number("soft_budget") ?? nil,
            budgetDuration: try body.string("budget_duration") ?? nil,
            rpmLimit: try body.wholeNumber("rpm_limit") ?? nil,
            tpmLimit: try body.wholeNumber("tpm_limit") ?? nil,
            maxParallelRequests: try body.wholeNumber("max_parallel_requests") ?? nil)
    }
}
