import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/spend/logs` and `/global/spend`, over the account's spend rows and totals. A virtual key sees its
/// own rows only.
enum SpendManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.get, "/spend/logs") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let from = try b.date("start_date") ?? Date(timeIntervalSinceNow: -30 * 86_400)
            let to = try b.date("end_date").map { $0.addingTimeInterval(86_400) } ?? Date(timeIntervalSinceNow: 60)
            // LiteLLM clamps rather than refuses.
            let limit = Int(min(max(try b.int("limit") ?? 100, 1), Int64(PageRequest.maxLimit)))
            let rows = try await c.reports.spendLogs(
                account: account, key: try b.string("api_key"), from: from, to: to, limit: limit)
            return try LiteLLMCall.reply(.array(rows.map(LiteLLMObjects.spend)))
        }
        table.addLiteLLM(.get, "/global/spend") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await c.accounts.get(try await LiteLLMCall.account(c, b))
            return try LiteLLMCall.reply([
                "spend": .number(account.spend), "max_budget": account.maxBudget.map(JSONValue.number) ?? .null,
            ])
        }
    }
}
