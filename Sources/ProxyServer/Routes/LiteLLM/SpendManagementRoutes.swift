import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/spend/logs` and `/global/spend`, over the account's spend rows and totals. A virtual key sees its
/// own rows only.
enum SpendManagementRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.get, "/spend/logs") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let account = try LiteLLMAccount.of(c.caller, b)
            let from = try date(b, "start_date") ?? Date(timeIntervalSinceNow: -30 * 86_400)
            let to = try date(b, "end_date").map { $0.addingTimeInterval(86_400) } ?? Date(timeIntervalSinceNow: 60)
            // LiteLLM clamps rather than refuses.
            let limit = Int(min(max(try b.int("limit") ?? 100, 1), Int64(PageRequest.maxLimit)))
            let rows = try await c.reports.spendLogs(
                account: account, key: try b.string("api_key"), from: from, to: to, limit: limit)
            return try KeyManagementRoutes.reply(.array(rows.map(object)))
        }
        table.addLiteLLM(.get, "/global/spend") { request, context, c in
            let b = try await LiteLLMBody.read(request, context)
            let account = try await c.accounts.get(try LiteLLMAccount.of(c.caller, b))
            return try KeyManagementRoutes.reply([
                "spend": .number(account.spend), "max_budget": account.maxBudget.map(JSONValue.number) ?? .null,
            ])
        }
    }

    /// `YYYY-MM-DD` or a full timestamp.
    static func date(_ b: LiteLLMBody, _ name: String) throws -> Date? {
        guard let text = try b.string(name) else { return nil }
        guard let date = Timestamp.parse(text.count == 10 ? text + "T00:00:00Z" : text) else {
            throw CockpitError.invalid(field: name, reason: "must be a date (YYYY-MM-DD)")
        }
        return date
    }

    /// LiteLLM's spend log row.
    static func object(_ s: SpendLog) -> JSONValue {
        [
            "request_id": .string(s.requestID), "api_key": .string(s.keyHash), "model": .string(s.model),
            "model_group": .string(s.modelGroup),
            "model_id": .string(s.deploymentID), "user": .string(s.userID), "team_id": .string(s.teamID),
            "organization_id": .string(s.orgID),
            "spend": .number(s.cost), "prompt_tokens": .number(Double(s.promptTokens)),
            "completion_tokens": .number(Double(s.completionTokens)),
            "total_tokens": .number(Double(s.totalTokens)), "startTime": .string(Timestamp.format(s.startTime)),
            "endTime": .string(Timestamp.format(s.endTime)),
            "completionStartTime": s.firstTokenTime.map { .string(Timestamp.format($0)) } ?? .null,
            "status": .string(s.status), "cache_hit": .string(s.cacheHit ? "True" : "False"),
        ]
    }
}
