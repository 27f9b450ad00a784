import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/spend/logs/v2` (paged rows), `/global/spend/report` (spend per day and team, key or model) and
/// `/global/activity` (requests and tokens per day), answered from SQL sums over the account's spend.
enum SpendReportRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.get, "/spend/logs/v2") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let (from, to) = try range(b, required: true)
            let page = try KeyManagementRoutes.pageNumber(b, "page", default: 1, max: Int(Int32.max))
            let size = try KeyManagementRoutes.pageNumber(b, "page_size", default: 50, max: 100)
            let (rows, total) = try await c.reports.spendLogPage(
                account: account, key: try b.string("api_key"), try filter(b, from: from, to: to), page: page,
                size: size)
            return try LiteLLMCall.reply([
                "data": .array(rows.map(LiteLLMObjects.spend)), "total": .number(Double(total)),
                "page": .number(Double(page)), "page_size": .number(Double(size)),
                "total_pages": .number(Double((total + Int64(size) - 1) / Int64(size))),
            ])
        }
        table.addLiteLLM(.get, "/global/spend/report") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let (from, to) = try range(b, required: true)
            if b.has("customer_id") {
                throw CockpitError.badRequest("not supported: customer_id (cockpit records no end-user customers)")
            }
            let groupBy = try b.string("group_by") ?? "team"
            let dimension: SpendDimension
            switch groupBy {
            case "team": dimension = .team
            case "api_key": dimension = .key
            case "model": dimension = .model
            case "customer":
                throw CockpitError.badRequest(
                    "not supported: group_by=customer (cockpit records no end-user customers)")
            default: throw CockpitError.invalid(field: "group_by", reason: "must be team, api_key or model")
            }
            let report = try await c.reports.dailyReport(
                account: account, by: dimension, from: from, to: lastInstant(to), key: try b.string("api_key"),
                userID: try b.uuid("internal_user_id"), teamID: try b.uuid("team_id"))
            return try LiteLLMCall.reply(LiteLLMSpendReport.json(report, groupBy: dimension))
        }
        table.addLiteLLM(.get, "/global/activity") { request, context, c in
            let b = try await LiteLLMCall.fields(request, context)
            let account = try await LiteLLMCall.account(c, b)
            let (from, to) = try range(b, required: true)
            let days = try await c.reports.activity(account: account, from: from, to: lastInstant(to))
            return try LiteLLMCall.reply([
                "daily_data": .array(
                    days.map {
                        [
                            "date": .string(LiteLLMSpendReport.label($0.day)),
                            "api_requests": .number(Double($0.requests)),
                            "total_tokens": .number(Double($0.tokens)),
                        ]
                    }),
                "sum_api_requests": .number(Double(days.reduce(0) { $0 + $1.requests })),
                "sum_total_tokens": .number(Double(days.reduce(0) { $0 + $1.tokens })),
            ])
        }
    }

    /// `start_date` and `end_date` (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or ISO-8601, UTC) as the instants from the
    /// start to just after the end: a bare date includes its whole day. Without them: the last 30 days, unless
    /// `required` (LiteLLM's reports refuse a call without both).
    static func range(_ b: LiteLLMFields, required: Bool) throws -> (Date, Date) {
        let from = try instant(b, "start_date"), to = try instant(b, "end_date", end: true)
        if required {
            guard from != nil else { throw CockpitError.invalid(field: "start_date", reason: "is required") }
            guard to != nil else { throw CockpitError.invalid(field: "end_date", reason: "is required") }
        }
        return (from ?? Date(timeIntervalSinceNow: -30 * 86_400), to ?? Date(timeIntervalSinceNow: 60))
    }

    /// One date field; `end` moves a bare date to the end of its day.
    static func instant(_ b: LiteLLMFields, _ name: String, end: Bool = false) throws -> Date? {
        guard let text = try b.string(name), !text.isEmpty else { return nil }
        var iso = text.replacingOccurrences(of: " ", with: "T")
        let bare = iso.count == 10
        if bare { iso += "T00:00:00Z" } else if iso.count == 19 { iso += "Z" }
        guard let date = Timestamp.parse(iso) else {
            throw CockpitError.invalid(field: name, reason: "must be a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
        }
        return end ? date.addingTimeInterval(bare ? 86_400 : 0.000_001) : date
    }

    /// The last instant of a range that ends before `end` (day reports count whole days up to it).
    static func lastInstant(_ end: Date) -> Date { end.addingTimeInterval(-0.000_001) }

    /// The row filters `/spend/logs` and `/spend/logs/v2` take besides the key.
    static func filter(_ b: LiteLLMFields, from: Date, to: Date) throws -> SpendLogFilter {
        SpendLogFilter(
            from: from, to: to, requestID: try b.string("request_id"),
            userID: try b.uuid("user_id")?.lowercased, teamID: try b.uuid("team_id")?.lowercased)
    }
}
