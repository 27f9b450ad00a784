import Foundation

/// The usage ledger (append-only) and the per-scope usage rolled up beside it in the same transaction.
package struct CreditLedgerRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, plan_id, org_id, team_id, user_id, agent_id, model_name, connection_id, guardrail_code, "
        + "raw_cost, credit_factor, credits_incurred, metadata, request_id, created_at"

    /// Appends a row and adds it to the usage of its account, user, team and organization under its plan; false when
    /// a row of the same id or request id was there already (nothing is written then).
    @discardableResult
    package func append(_ e: CreditLedgerEntry) throws -> Bool { try append([e]) == 1 }

    /// Appends rows (a row whose id or request id is already there is skipped) and adds the new ones to the usage of
    /// their account, user, team and organization under their plan, one upsert per scope and plan. Returns how many
    /// were new.
    @discardableResult
    package func append(_ entries: [CreditLedgerEntry]) throws -> Int {
        for e in entries where !tx.scope.covers(e.accountID) { throw CockpitError.notFound("Account") }
        var inserted: [CreditLedgerEntry] = []
        let byID = Dictionary(entries.map { ($0.id.lowercased, $0) }, uniquingKeysWith: { first, _ in first })
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(entries.count, start + 200)]
            start += chunk.count
            var p: [SQLValue] = []
            var rows: [String] = []
            for e in chunk {
                let base = p.count
                rows.append("(" + (1...16).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                let a = e.attribution
                p += [
                    .uuid(e.id), .uuid(e.accountID), .optional(e.planID), .optional(a.orgID), .optional(a.teamID),
                    .optional(a.userID), .optional(a.agentID), .optional(a.modelName), .optional(a.connectionID),
                    .optional(a.guardrailCode), .int(e.rawCost), .double(e.creditFactor), .int(e.creditsIncurred),
                    .json(e.metadata), .optional(e.requestID), .timestamp(e.createdAt),
                ]
            }
            for r in try tx.query(
                "INSERT INTO credit_ledger (\(Self.columns)) VALUES \(rows.joined(separator: ", ")) ON CONFLICT DO NOTHING RETURNING id",
                p)
            {
                if let id = r["id"].stringValue.flatMap(UUID.fast), let e = byID[id.lowercased] { inserted.append(e) }
            }
        }
        try addUsage(inserted)
        return inserted.count
    }

    /// The `plan_id` of the usage rows that sum every plan (what usage by scope reads: one row per scope).
    static let allPlans = "*"

    /// Adds rows to the per-scope usage: their credits, raw cost and count, summed per (plan, scope) first, under
    /// their plan and under `allPlans`.
    private func addUsage(_ entries: [CreditLedgerEntry]) throws {
        struct Key: Hashable { var account: UUID, plan: String, type: String, id: String }
        var sums: [Key: (credits: Int64, raw: Int64, rows: Int64)] = [:]
        for e in entries {
            let scopes = [(CreditUsageScope.account, e.accountID.lowercased)] + e.attribution.usageScopes
            for (type, id) in scopes {
                for plan in [e.planID?.lowercased ?? "", Self.allPlans] {
                    let key = Key(account: e.accountID, plan: plan, type: type.rawValue, id: id)
                    let old = sums[key] ?? (0, 0, 0)
                    sums[key] = (
                        Micros.add(old.credits, e.creditsIncurred), Micros.add(old.raw, e.rawCost), old.rows + 1
                    )
                }
            }
        }
        for (key, sum) in sums {
            try tx.execute(
                """
                INSERT INTO credit_usage (account_id, plan_id, scope_type, scope_id, credits, raw_cost, row_count)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (account_id, plan_id, scope_type, scope_id) DO UPDATE SET
                    credits = credit_usage.credits + excluded.credits, raw_cost = credit_usage.raw_cost + excluded.raw_cost,
                    row_count = credit_usage.row_count + excluded.row_count
                """,
                [
                    .uuid(key.account), .text(key.plan), .text(key.type), .text(key.id), .int(sum.credits),
                    .int(sum.raw), .int(sum.rows),
                ])
        }
    }

    /// The ledger rows of gateway requests made with copilot-owned keys (their spend rows were just stored): credits
    /// = the request's cost × the factor charged at admission, the request id as the row's `request_id`.
    package func charge(_ logs: [SpendLog]) throws {
        let entries = logs.compactMap { log -> CreditLedgerEntry? in
            guard let charge = log.credit, let raw = Micros.from(log.cost) else { return nil }
            var attribution = charge.attribution
            attribution.modelName = log.modelGroup
            return CreditLedgerEntry(
                id: UUID(), accountID: log.accountID, planID: charge.planID, attribution: attribution,
                rawCost: raw, creditFactor: charge.creditFactor,
                creditsIncurred: Micros.credits(raw: raw, factor: charge.creditFactor) ?? Micros.maxAmount,
                metadata: .object(["source": .string("gateway"), "model": .string(log.model)]),
                requestID: log.requestID, createdAt: log.endTime)
        }
        if !entries.isEmpty { try append(entries) }
    }

    /// The row a client recorded under `requestID`.
    package func entry(requestID: String, account: UUID) throws -> CreditLedgerEntry? {
        var p: [SQLValue] = [.uuid(account), .text(requestID)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM credit_ledger WHERE account_id = $1 AND request_id = $2 AND \(cond)", p
        ).map(Self.decode)
    }

    /// Credits used per tree scope (`org`, `team`, `user`), over every plan or only `plan`, keyed `type:id`.
    package func usage(account: UUID, plan: UUID? = nil) throws -> [String: Int64] {
        var p: [SQLValue] = [.uuid(account), .text(plan?.lowercased ?? Self.allPlans)]
        let cond = tx.tenantCondition("account_id", &p)
        var used: [String: Int64] = [:]
        for r in try tx.query(
            "SELECT scope_type, scope_id, credits FROM credit_usage WHERE account_id = $1 AND plan_id = $2 AND scope_type <> 'account' AND \(cond)",
            p)
        {
            used["\(try r.string("scope_type")):\(try r.string("scope_id"))"] = try r.int("credits")
        }
        return used
    }

    /// Σ credits incurred by the account's rows written in `start ..< end`.
    package func credits(account: UUID, from start: Date, to end: Date) throws -> Int64 {
        var p: [SQLValue] = [.uuid(account), .timestamp(start), .timestamp(end)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT COALESCE(SUM(credits_incurred), 0) AS used FROM credit_ledger WHERE account_id = $1 AND created_at >= $2 AND created_at < $3 AND \(cond)",
            p
        )?.int("used") ?? 0
    }

    /// Raw cost and credits of the account's rows grouped by one dimension, most credits first.
    package func breakdown(account: UUID, by dimension: CreditDimension) throws -> [CreditCostGroup] {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        let column = dimension.column
        return try tx.query(
            """
            SELECT \(column) AS dimension, SUM(raw_cost) AS raw_cost, SUM(credits_incurred) AS credits
            FROM credit_ledger WHERE account_id = $1 AND \(cond) GROUP BY \(column) ORDER BY credits DESC, dimension
            """, p
        ).map {
            CreditCostGroup(
                key: $0.optionalString("dimension"), rawCost: try $0.int("raw_cost"), credits: try $0.int("credits"))
        }
    }

    /// Raw cost and credits of the account's rows grouped by model, agent, connection and guardrail, optionally only
    /// the rows naming an organization, team or user; most credits first.
    package func breakdown(account: UUID, orgID: String?, teamID: String?, userID: String?) throws -> [LedgerCostGroup]
    {
        var p: [SQLValue] = [.uuid(account)]
        var conditions = ["account_id = $1", tx.tenantCondition("account_id", &p)]
        for (column, value) in [("org_id", orgID), ("team_id", teamID), ("user_id", userID)] {
            if let value { conditions.append("\(column) = \(tx.bind(.text(value), &p))") }
        }
        let groups = "model_name, agent_id, connection_id, guardrail_code"
        return try tx.query(
            """
            SELECT \(groups), SUM(raw_cost) AS raw_cost, SUM(credits_incurred) AS credits FROM credit_ledger
            WHERE \(conditions.joined(separator: " AND ")) GROUP BY \(groups) ORDER BY credits DESC, \(groups)
            """, p
        ).map {
            LedgerCostGroup(
                attribution: CreditAttribution(
                    agentID: $0.optionalString("agent_id"), modelName: $0.optionalString("model_name"),
                    connectionID: $0.optionalString("connection_id"), guardrailCode: $0.optionalString("guardrail_code")
                ),
                rawCost: try $0.int("raw_cost"), creditsIncurred: try $0.int("credits"))
        }
    }

    /// Credits and raw cost of the account's rows written since `start`, per UTC day (`YYYY-MM-DD`), oldest first.
    package func daily(account: UUID, since start: Date) throws -> [CreditDay] {
        var p: [SQLValue] = [.uuid(account), .timestamp(start)]
        let cond = tx.tenantCondition("account_id", &p)
        let day =
            tx.dialect == .postgres
            ? "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "substr(created_at, 1, 10)"
        return try tx.query(
            """
            SELECT \(day) AS day, SUM(credits_incurred) AS credits, SUM(raw_cost) AS raw_cost, COUNT(*) AS n
            FROM credit_ledger WHERE account_id = $1 AND created_at >= $2 AND \(cond) GROUP BY 1 ORDER BY 1
            """, p
        ).map {
            CreditDay(
                day: try $0.string("day"), credits: try $0.int("credits"), rawCost: try $0.int("raw_cost"),
                rows: try $0.int("n"))
        }
    }

    static func decode(_ r: SQLRow) throws -> CreditLedgerEntry {
        CreditLedgerEntry(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), planID: r.optionalUUID("plan_id"),
            attribution: CreditAttribution(
                orgID: r.optionalString("org_id"), teamID: r.optionalString("team_id"),
                userID: r.optionalString("user_id"), agentID: r.optionalString("agent_id"),
                modelName: r.optionalString("model_name"), connectionID: r.optionalString("connection_id"),
                guardrailCode: r.optionalString("guardrail_code")),
            rawCost: try r.int("raw_cost"), creditFactor: try r.double("credit_factor"),
            creditsIncurred: try r.int("credits_incurred"), metadata: try r.json("metadata"),
            requestID: r.optionalString("request_id"), createdAt: try r.date("created_at"))
    }
}
