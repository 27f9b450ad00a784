import Foundation

/// Spend logs and their daily aggregates. Recording is idempotent per request id, so a batch replayed from
/// the spill file after an outage is never counted twice.
package struct SpendRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = """
        request_id, account_id, key_hash, user_id, team_id, org_id, domain, model, model_group, deployment_id, prompt_tokens, \
        completion_tokens, total_tokens, cost, start_time, end_time, first_token_time, status, cache_hit, end_user, \
        guardrail_hits
        """

    /// Records spend rows, their daily aggregates, and the spend totals of their keys and accounts. Rows already
    /// recorded (same request id) are skipped. The system writer uses the super-admin scope to write a batch
    /// that spans accounts; an account scope may only write its own rows. A batch costs a few statements whatever
    /// its size: rows go in `rowsPerStatement` to a statement, aggregates are summed here first. Returns the number
    /// of new rows.
    @discardableResult
    package func record(_ logs: [SpendLog], rowsPerStatement: Int = 500) throws -> Int {
        for log in logs where !tx.scope.covers(log.accountID) { throw CockpitError.notFound("Account") }
        var inserted: [SpendLog] = []
        var byID: [String: SpendLog] = [:]
        for log in logs { byID[log.requestID] = log }
        for chunk in Self.chunks(Array(byID.values).sorted { $0.requestID < $1.requestID }, max(1, rowsPerStatement)) {
            var p: [SQLValue] = []
            p.reserveCapacity(chunk.count * 21)
            var rows: [String] = []
            for log in chunk {
                let base = p.count
                rows.append("(" + (1...21).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                p += [
                    .text(log.requestID), .uuid(log.accountID), .text(log.keyHash), .text(log.userID),
                    .text(log.teamID), .text(log.orgID),
                    .text(log.domain), .text(log.model), .text(log.modelGroup), .text(log.deploymentID),
                    .int(log.promptTokens),
                    .int(log.completionTokens), .int(log.totalTokens), .double(log.cost), .timestamp(log.startTime),
                    .timestamp(log.endTime),
                    .optional(log.firstTokenTime), .text(log.status), .bool(log.cacheHit), .text(log.endUser ?? ""),
                    .text(Self.hitsText(log.guardrailHits)),
                ]
            }
            let new = try tx.query(
                """
                INSERT INTO spend_logs (\(Self.columns)) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT DO NOTHING RETURNING request_id
                """, p)
            for row in new { if let id = row["request_id"].stringValue, let log = byID[id] { inserted.append(log) } }
        }
        try addAggregates(inserted)
        try CreditLedgerRepository(tx).charge(inserted)
        return inserted.count
    }

    /// Adds newly inserted rows to the daily aggregates, to their keys' and accounts' spend, and to their
    /// customers' spend (creating the customers seen for the first time).
    private func addAggregates(_ logs: [SpendLog]) throws {
        var customers: [String: (account: UUID, userID: String, cost: Double)] = [:]
        for log in logs {
            guard let user = log.endUser, !user.isEmpty else { continue }
            customers["\(log.accountID.lowercased)\u{0}\(user)", default: (log.accountID, user, 0)].cost += log.cost
        }
        if !customers.isEmpty {
            try CustomerRepository(tx).charge(
                customers.keys.sorted().map { customers[$0]! }, at: logs.map(\.endTime).max() ?? Date())
        }
        var daily: [[String]: SpendDaily] = [:]
        var keySpend: [[String]: Double] = [:]
        var accountSpend: [UUID: Double] = [:]
        for log in logs {
            let day = Timestamp.day(log.startTime)
            let group = [
                log.accountID.lowercased, day, log.keyHash, log.userID, log.teamID, log.orgID, log.domain, log.model,
            ]
            var d =
                daily[group]
                ?? SpendDaily(
                    accountID: log.accountID, day: day, keyHash: log.keyHash, userID: log.userID, teamID: log.teamID,
                    orgID: log.orgID, domain: log.domain, model: log.model, requests: 0, failures: 0,
                    promptTokens: 0, completionTokens: 0, cost: 0)
            d.requests += 1
            d.failures += log.status == "success" ? 0 : 1
            d.promptTokens += log.promptTokens
            d.completionTokens += log.completionTokens
            d.cost += log.cost
            daily[group] = d
            guard log.cost > 0 else { continue }
            accountSpend[log.accountID, default: 0] += log.cost
            if !log.keyHash.isEmpty { keySpend[[log.accountID.lowercased, log.keyHash], default: 0] += log.cost }
        }
        let groups = daily.keys.sorted { $0.joined() < $1.joined() }.map { daily[$0]! }
        for chunk in Self.chunks(groups, 500) {
            var p: [SQLValue] = []
            var rows: [String] = []
            for d in chunk {
                let base = p.count
                rows.append("(" + (1...13).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                p += [
                    .uuid(d.accountID), .text(d.day), .text(d.keyHash), .text(d.userID), .text(d.teamID),
                    .text(d.orgID), .text(d.domain),
                    .text(d.model), .int(d.requests), .int(d.failures), .int(d.promptTokens), .int(d.completionTokens),
                    .double(d.cost),
                ]
            }
            try tx.execute(
                """
                INSERT INTO spend_daily (account_id, day, key_hash, user_id, team_id, org_id, domain, model, requests, failures,
                  prompt_tokens, completion_tokens, cost) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (account_id, day, key_hash, user_id, team_id, org_id, domain, model) DO UPDATE SET
                  requests = spend_daily.requests + excluded.requests, failures = spend_daily.failures + excluded.failures,
                  prompt_tokens = spend_daily.prompt_tokens + excluded.prompt_tokens,
                  completion_tokens = spend_daily.completion_tokens + excluded.completion_tokens, cost = spend_daily.cost + excluded.cost
                """, p)
        }
        for (account, amount) in accountSpend.sorted(by: { $0.key.lowercased < $1.key.lowercased }) {
            try tx.execute("UPDATE accounts SET spend = spend + $2 WHERE id = $1", [.uuid(account), .double(amount)])
        }
        for (key, amount) in keySpend.sorted(by: { $0.key.joined() < $1.key.joined() }) {
            try tx.execute(
                "UPDATE virtual_keys SET spend = spend + $2 WHERE key_hash = $1 AND account_id = $3",
                [.text(key[1]), .double(amount), .text(key[0])])
        }
    }

    static func chunks<T>(_ items: [T], _ size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// Spend rows in the scope between two instants, newest first, optionally of one key.
    package func logs(
        from: Date, to: Date, keyHash: String? = nil, limit: Int = PageRequest.defaultLimit
    ) throws -> [SpendLog] {
        var p: [SQLValue] = [.timestamp(from), .timestamp(to)]
        var conditions = ["start_time >= $1", "start_time < $2", tx.tenantCondition("account_id", &p)]
        if let keyHash { conditions.append("key_hash = \(tx.bind(.text(keyHash), &p))") }
        return try tx.query(
            """
            SELECT \(Self.columns) FROM spend_logs WHERE \(conditions.joined(separator: " AND "))
            ORDER BY start_time DESC, request_id LIMIT \(min(max(limit, 1), PageRequest.maxLimit))
            """, p
        ).map(Self.decode)
    }

    /// Totals from the daily aggregates for days `fromDay…toDay` (inclusive, `YYYY-MM-DD`), grouped by one dimension,
    /// optionally filtered by domain and owners, largest cost first.
    package func breakdown(
        by dimension: SpendDimension, fromDay: String, toDay: String, domain: ProductDomain? = nil,
        filters: [SpendDimension: String] = [:]
    ) throws -> [SpendTotal] {
        var p: [SQLValue] = [.text(fromDay), .text(toDay)]
        var conditions = ["day >= $1", "day <= $2", tx.tenantCondition("account_id", &p)]
        if let domain { conditions.append("domain = \(tx.bind(.text(domain.rawValue), &p))") }
        for (d, value) in filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            conditions.append("\(d.column) = \(tx.bind(.text(value), &p))")
        }
        return try tx.query(
            """
            SELECT \(dimension.column) AS grp, sum(requests) AS requests, sum(prompt_tokens) AS prompt_tokens,
              sum(completion_tokens) AS completion_tokens, sum(cost) AS cost
            FROM spend_daily WHERE \(conditions.joined(separator: " AND ")) GROUP BY \(dimension.column) ORDER BY cost DESC, grp
            """, p
        ).map { r in
            SpendTotal(
                group: r["grp"].stringValue ?? "", requests: try r.int("requests"),
                promptTokens: try r.int("prompt_tokens"),
                completionTokens: try r.int("completion_tokens"), cost: try r.double("cost"))
        }
    }

    /// Deletes up to `limit` spend rows that started before `cutoff` (retention; the daily aggregates stay). Returns
    /// how many went, so the caller can repeat in batches that never hold the store for long.
    @discardableResult
    package func deleteRows(before cutoff: Date, limit: Int = 10_000) throws -> Int {
        var p: [SQLValue] = [.timestamp(cutoff)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute(
            """
            DELETE FROM spend_logs WHERE request_id IN (
              SELECT request_id FROM spend_logs WHERE start_time < $1 AND \(cond) LIMIT \(max(1, limit)))
            """, p)
    }

    /// The number of spend rows and their summed cost in the scope (reconciliation and tests).
    package func totals() throws -> (rows: Int64, cost: Double) {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        let r = try tx.queryOne("SELECT count(*) AS n, coalesce(sum(cost), 0) AS cost FROM spend_logs WHERE \(cond)", p)
        return (try r?.int("n") ?? 0, try r?.double("cost") ?? 0)
    }

    static func decode(_ r: SQLRow) throws -> SpendLog {
        SpendLog(
            requestID: try r.string("request_id"), accountID: try r.uuid("account_id"),
            keyHash: try r.string("key_hash"),
            userID: try r.string("user_id"), teamID: try r.string("team_id"), orgID: try r.string("org_id"),
            domain: try r.string("domain"),
            model: try r.string("model"), modelGroup: try r.string("model_group"),
            deploymentID: try r.string("deployment_id"),
            promptTokens: try r.int("prompt_tokens"), completionTokens: try r.int("completion_tokens"),
            cost: try r.double("cost"),
            startTime: try r.date("start_time"), endTime: try r.date("end_time"),
            firstTokenTime: r.optionalDate("first_token_time"),
            status: try r.string("status"), cacheHit: try r.bool("cache_hit"),
            endUser: r.optionalString("end_user").flatMap { $0.isEmpty ? nil : $0 },
            guardrailHits: r.optionalString("guardrail_hits").flatMap(Self.hits))
    }

    /// A spend row's `guardrail_hits`: the JSON list, or empty for none.
    static func hitsText(_ hits: [GuardrailHitSummary]?) -> String {
        guard let hits, !hits.isEmpty, let bytes = try? JSONEncoder().encode(hits) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hits(_ text: String) -> [GuardrailHitSummary]? {
        guard !text.isEmpty else { return nil }
        return try? JSONDecoder().decode([GuardrailHitSummary].self, from: Data(text.utf8))
    }
}

extension SpendDimension {
    /// The column a breakdown groups by; fixed here, never taken from input.
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
