import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// `GET /v1/audit`, `GET /v1/costs/breakdown` (with `by` or `days`: cockpit's spend by one dimension; without: the
/// original's copilot ledger breakdown) and `GET /v1/logs` (the account's newest gateway requests).
enum ReportRoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/audit") { request, _, c in
            let name = request.query("domain") ?? "all"
            let domain: AuditDomain?
            switch name {
            case "all": domain = nil
            case let text:
                guard let d = AuditDomain(rawValue: text) else {
                    throw APIError(.unprocessableContent, "domain must be console, copilot, iam, billing or all")
                }
                domain = d
            }
            var offset = 0
            if let text = request.query("offset") {
                guard let n = Int(text), n >= 0 else { throw APIError(.unprocessableContent, "offset must be >= 0") }
                offset = n
            }
            let page = try await c.reports.audit(
                account: try c.callerAccount(), domain: domain, page: request.page(), offset: offset)
            return WireJSON.response(AuditList(domain: name, page: page))
        }
        table.add(.get, "/v1/costs/breakdown") { request, _, c in
            // Without cockpit's `by` and `days` the route is the original's: the copilot ledger (CreditRoutes).
            guard request.query("by") != nil || request.query("days") != nil else {
                return try await CreditRoutes.ledgerBreakdown(request, c)
            }
            let domain = try request.query("domain").map { try ProductDomain.parse($0) }
            guard let by = SpendDimension(rawValue: request.query("by") ?? "model") else {
                throw APIError(
                    .badRequest,
                    "by must be one of " + SpendDimension.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var days = 30
            if let text = request.query("days") {
                guard let n = Int(text) else { throw APIError(.badRequest, "days must be a whole number") }
                days = n
            }
            let totals = try await c.reports.costs(
                account: try c.callerAccount(), by: by, domain: domain, orgID: try request.queryID("org_id"),
                teamID: try request.queryID("team_id"), userID: try request.queryID("user_id"), days: days)
            return WireJSON.response(CostsAnswer(by: by, days: days, totals: totals))
        }
        table.add(.get, "/v1/logs") { request, _, c in
            let limit = try request.page().limit
            let from =
                try request.query("since").map { text -> Date in
                    guard let date = Timestamp.parse(text) else {
                        throw APIError(.badRequest, "since must be a time (ISO 8601)")
                    }
                    return date
                } ?? .distantPast
            return WireJSON.list(
                try await c.reports.spendLogs(
                    account: try c.callerAccount(), key: request.query("key"), from: from,
                    to: Date().addingTimeInterval(60), limit: limit))
        }
    }
}
