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
            let (from, to) = try SpendReportRoutes.range(b, required: false)
            // `limit` is cockpit's older name for the page size; LiteLLM's v1 answers every row, cockpit pages.
            let size = try KeyManagementRoutes.pageNumber(
                b, b.has("page_size") ? "page_size" : "limit", default: 100, max: PageRequest.maxLimit)
            let page = try KeyManagementRoutes.pageNumber(b, "page", default: 1, max: Int(Int32.max))
            let rows = try await c.reports.spendLogPage(
                account: account, key: try b.string("api_key"), try SpendReportRoutes.filter(b, from: from, to: to),
                page: page, size: size
            ).rows
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
