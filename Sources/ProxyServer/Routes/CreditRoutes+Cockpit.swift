import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Cockpit's additions to the credit routes, for the cockpit's `:credits` views over a server: a plan's overrides
/// (listed and removed one by one; the original could only add them) and the ledger per day.
extension CreditRoutes {
    static func registerCockpitAdditions(_ table: RouteTable) {
        table.add(.get, "\(base)/overrides") { request, _, c in
            let account = try c.callerAccount()
            let plan = try AccessRoutes.required(request, "plan_id")
            return WireJSON.response(OverrideList(try await c.credits.overrides(account: account, planID: plan)))
        }
        table.add(.delete, "\(base)/overrides/{override_id}") { _, context, c in
            let account = try c.callerAccount()
            try await c.credits.deleteOverride(account: account, id: context.parameters.get("override_id") ?? "")
            return WireJSON.response(DeletedAnswer(true))
        }
        table.add(.get, "\(base)/usage/daily") { request, _, c in
            let account = try c.callerAccount()
            var days = 30
            if let text = request.query("days") {
                guard let n = Int(text), (1...366).contains(n) else {
                    throw APIError(.unprocessableContent, "days must be a whole number from 1 to 366")
                }
                days = n
            }
            let items = try await c.credits.dailyUsage(account: account, days: days)
            return WireJSON.response(CreditDaysView(days: days, items: items))
        }
    }
}
