import Foundation

/// Spend logs and their daily aggregates. Recording is idempotent per request id, so a batch replayed from
/// the spill file after an outage is never counted twice.
public struct SpendRepository {
    let tx: Transaction
    public init(_ tx: Transaction) { self.tx = tx }

    /// What a breakdown groups by. The column names are fixed here, never taken from input.
    public enum Dimension: String, Sendable, CaseIterable {
        case model, key, team, user, org, day

        var column: String {
            switch self {
            case .model: "model"
            case .key: "key_hash"
            case .team: "team_id"
            case .user: "user_id"
            case .org: "org_id"
            case .day: "day"
            }
        }
    }

    /// One group of a breakdown.
    public struct Total: Sendable, Equatable {
        public var group: String
        public var requests: Int64
        public var promptTokens: Int64
        public var completionTokens: Int64
        public var cost: Double
    }

    static let columns = """
        request_id, account_id, key_hash, user_id, team_id, org_id, domain, model, model_group, deployment_id, prompt_tokens, \
        completion_tokens, total_tokens, cost, start_time, end_time, first_token_time, status, cache_hit
        """

    /// Records spend rows, their daily aggregates, and the spend totals of their keys and accounts. Rows already
    /// recorded (same request id) are skipped. The system writer uses the super-admin scope to write a batch
    /// that spans accounts; an account scope may only write its own rows. Returns the number of new rows.
    @discardableResult
    public func record(_ logs: [SpendLog]) throws -> Int {
        var inserted = 0
        for log in logs {
            guard tx.scope.covers(log.accountID) else { throw CockpitError.notFound("account") }
            let placeholders = (1...19).map { "$\($0)" }.joined(separator: ", ")
            let n = try tx.execute("INSERT INTO spend_logs (\(Self.columns)) VALUES (\(placeholders)) ON CONFLICT (request_id) DO NOTHING", [
                .text(log.requestID), .uuid(log.accountID), .text(log.keyHash), .text(log.userID), .text(log.teamID), .text(log.orgID),
                .text(log.domain), .text(log.model), .text(log.modelGroup), .text(log.deploymentID), .int(log.promptTokens),
                .int(log.completionTokens), .int(log.totalTokens), .double(log.cost), .timestamp(log.startTime), .timestamp(log.endTime),
                .optional(log.firstTokenTime), .text(log.status), .bool(log.cacheHit)])
            guard n == 1 else { continue }
            inserted += 1
            try tx.execute("""
                INSERT INTO spend_daily (account_id, day, key_hash, user_id, team_id, org_id, domain, model, requests, failures,
                  prompt_tokens, completion_tokens, cost) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12)
                ON CONFLICT (account_id, day, key_hash, user_id, team_id, org_id, domain, model) DO UPDATE SET
                  requests = spend_daily.requests + 1, failures = spend_daily.failures + excluded.failures,
                  prompt_tokens = spend_daily.prompt_tokens + excluded.prompt_tokens,
                  completion_tokens = spend_daily.completion_tokens + excluded.completion_tokens, cost = spend_daily.cost + excluded.cost
                """, [.uuid(log.accountID), .text(Timestamp.day(log.startTime)), .text(log.keyHash), .text(log.userID), .text(log.teamID),
                      .text(log.orgID), .text(log.domain), .text(log.model), .int(log.status == "success" ? 0 : 1),
                      .int(log.promptTokens), .int(log.completionTokens), .double(log.cost)])
            if log.cost > 0 {
                try tx.execute("UPDATE accounts SET spend = spend + $2 WHERE id = $1", [.uuid(log.accountID), .double(log.cost)])
                if !log.keyHash.isEmpty {
                    try tx.execute("UPDATE virtual_keys SET spend = spend + $2 WHERE key_hash = $1 AND account_id = $3",
                                   [.text(log.keyHash), .double(log.cost), .uuid(log.accountID)])
                }
            }
        }
        return inserted
    }

    /// Spend rows in the scope between two instants, newest first, optionally of one key.
    public func logs(from: Date, to: Date, keyHash: String? = nil, limit: Int = PageRequest.defaultLimit) throws -> [SpendLog] {
        var p: [SQLValue] = [.timestamp(from), .timestamp(to)]
        var conditions = ["start_time >= $1", "start_time < $2", tx.tenantCondition("account_id", &p)]
        if let keyHash { conditions.append("key_hash = \(tx.bind(.text(keyHash), &p))") }
        return try tx.query("""
            SELECT \(Self.columns) FROM spend_logs WHERE \(conditions.joined(separator: " AND "))
            ORDER BY start_time DESC, request_id LIMIT \(min(max(limit, 1), PageRequest.maxLimit))
            """, p).map(Self.decode)
    }

    /// Totals from the daily aggregates for days `fromDay…toDay` (inclusive, `YYYY-MM-DD`), grouped by one dimension,
    /// optionally filtered by domain and owners, largest cost first.
    public func breakdown(by dimension: Dimension, fromDay: String, toDay: String, domain: ProductDomain? = nil,
                          filters: [Dimension: String] = [:]) throws -> [Total] {
        var p: [SQLValue] = [.text(fromDay), .text(toDay)]
        var conditions = ["day >= $1", "day <= $2", tx.tenantCondition("account_id", &p)]
        if let domain { conditions.append("domain = \(tx.bind(.text(domain.rawValue), &p))") }
        for (d, value) in filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            conditions.append("\(d.column) = \(tx.bind(.text(value), &p))")
        }
        return try tx.query("""
            SELECT \(dimension.column) AS grp, sum(requests) AS requests, sum(prompt_tokens) AS prompt_tokens,
              sum(completion_tokens) AS completion_tokens, sum(cost) AS cost
            FROM spend_daily WHERE \(conditions.joined(separator: " AND ")) GROUP BY \(dimension.column) ORDER BY cost DESC, grp
            """, p).map { r in
            Total(group: r["grp"].stringValue ?? "", requests: try r.int("requests"), promptTokens: try r.int("prompt_tokens"),
                  completionTokens: try r.int("completion_tokens"), cost: try r.double("cost"))
        }
    }

    /// The number of spend rows and their summed cost in the scope (reconciliation and tests).
    public func totals() throws -> (rows: Int64, cost: Double) {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        let r = try tx.queryOne("SELECT count(*) AS n, coalesce(sum(cost), 0) AS cost FROM spend_logs WHERE \(cond)", p)
        return (try r?.int("n") ?? 0, try r?.double("cost") ?? 0)
    }

    static func decode(_ r: SQLRow) throws -> SpendLog {
        SpendLog(requestID: try r.string("request_id"), accountID: try r.uuid("account_id"), keyHash: try r.string("key_hash"),
                 userID: try r.string("user_id"), teamID: try r.string("team_id"), orgID: try r.string("org_id"), domain: try r.string("domain"),
                 model: try r.string("model"), modelGroup: try r.string("model_group"), deploymentID: try r.string("deployment_id"),
                 promptTokens: try r.int("prompt_tokens"), completionTokens: try r.int("completion_tokens"), cost: try r.double("cost"),
                 startTime: try r.date("start_time"), endTime: try r.date("end_time"), firstTokenTime: r.optionalDate("first_token_time"),
                 status: try r.string("status"), cacheHit: try r.bool("cache_hit"))
    }
}
