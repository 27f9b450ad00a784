import Foundation

/// Spend queries for LiteLLM's reports: filtered and paged logs, and per-day sums. Every sum is SQL's (GROUP BY over
/// the daily aggregates); nothing reads more rows than it answers with. The SQL is the same on both stores.
extension SpendRepository {
    /// Page `page` (from 1) of `size` spend rows matching `filter`, newest first, and how many match in all.
    package func logs(_ filter: SpendLogFilter, page: Int, size: Int) throws -> (rows: [SpendLog], total: Int64) {
        var p: [SQLValue] = [.timestamp(filter.from), .timestamp(filter.to)]
        var conditions = ["start_time >= $1", "start_time < $2", tx.tenantCondition("account_id", &p)]
        for (column, value) in [
            ("key_hash", filter.keyHash), ("request_id", filter.requestID), ("user_id", filter.userID),
            ("team_id", filter.teamID),
        ] {
            if let value { conditions.append("\(column) = \(tx.bind(.text(value), &p))") }
        }
        let whereSQL = conditions.joined(separator: " AND ")
        let total = try tx.queryOne("SELECT count(*) AS n FROM spend_logs WHERE \(whereSQL)", p)?.int("n") ?? 0
        let size = min(max(size, 1), PageRequest.maxLimit)
        let offset = Int64(max(page, 1) - 1) * Int64(size)
        guard offset < total else { return ([], total) }
        let rows = try tx.query(
            """
            SELECT \(Self.columns) FROM spend_logs WHERE \(whereSQL)
            ORDER BY start_time DESC, request_id LIMIT \(size) OFFSET \(offset)
            """, p
        ).map(Self.decode)
        return (rows, total)
    }

    /// Sums per day, group and model for days `fromDay…toDay` (inclusive, `YYYY-MM-DD`), optionally of one key,
    /// user or team; in day, group and model order.
    package func dailyReport(
        by dimension: SpendDimension, fromDay: String, toDay: String, filters: [SpendDimension: String] = [:]
    ) throws -> [SpendReportRow] {
        var p: [SQLValue] = [.text(fromDay), .text(toDay)]
        var conditions = ["day >= $1", "day <= $2", tx.tenantCondition("account_id", &p)]
        for (d, value) in filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            conditions.append("\(d.column) = \(tx.bind(.text(value), &p))")
        }
        let group = dimension.column
        return try tx.query(
            """
            SELECT CAST(day AS TEXT) AS day_text, \(group) AS grp, domain, model, sum(requests) AS requests, sum(prompt_tokens) AS prompt_tokens,
              sum(completion_tokens) AS completion_tokens, sum(cost) AS cost
            FROM spend_daily WHERE \(conditions.joined(separator: " AND "))
            GROUP BY day, \(group), domain, model ORDER BY day, \(group), domain, model
            """, p
        ).map { r in
            SpendReportRow(
                day: try r.string("day_text"), group: r["grp"].stringValue ?? "", domain: try r.string("domain"),
                model: try r.string("model"), requests: try r.int("requests"),
                promptTokens: try r.int("prompt_tokens"), completionTokens: try r.int("completion_tokens"),
                cost: try r.double("cost"))
        }
    }

    /// Requests and tokens per day for days `fromDay…toDay` (inclusive), days without requests left out.
    package func activity(fromDay: String, toDay: String) throws -> [(day: String, requests: Int64, tokens: Int64)] {
        var p: [SQLValue] = [.text(fromDay), .text(toDay)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            """
            SELECT CAST(day AS TEXT) AS day_text, sum(requests) AS requests, sum(prompt_tokens + completion_tokens) AS tokens
            FROM spend_daily WHERE day >= $1 AND day <= $2 AND \(cond) GROUP BY day ORDER BY day
            """, p
        ).map { (try $0.string("day_text"), try $0.int("requests"), try $0.int("tokens")) }
    }
}
