import Foundation

/// The usage ledger (append-only) and the per-scope usage rolled up beside it in the same transaction.
package struct CreditLedgerRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, plan_id, org_id, team_id, user_id, agent_id, model_name, connection_id, guardrail_code, "
        + "raw_cost, credit_factor, credits_incurred, metadata, request_id, created_at"

    /// Appends a row and adds it to the usage of its account, user, team and organization under its plan.
    package func append(_ e: CreditLedgerEntry) throws {
        guard tx.scope.covers(e.accountID) else { throw CockpitError.notFound("Account") }
        let a = e.attribution
        try tx.execute(
            "INSERT INTO credit_ledger (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            [
                .uuid(e.id), .uuid(e.accountID), .optional(e.planID), .optional(a.orgID), .optional(a.teamID),
                .optional(a.userID), .optional(a.agentID), .optional(a.modelName), .optional(a.connectionID),
                .optional(a.guardrailCode), .int(e.rawCost), .double(e.creditFactor), .int(e.creditsIncurred),
                .json(e.metadata), .optional(e.requestID), .timestamp(e.createdAt),
            ])
        let scopes = [(CreditUsageScope.account, e.accountID.lowercased)] + a.usageScopes
        for (type, id) in scopes {
            try tx.execute(
                """
                INSERT INTO credit_usage (account_id, plan_id, scope_type, scope_id, credits, raw_cost, row_count)
                VALUES ($1, $2, $3, $4, $5, $6, 1)
                ON CONFLICT (account_id, plan_id, scope_type, scope_id) DO UPDATE SET
                    credits = credit_usage.credits + excluded.credits, raw_cost = credit_usage.raw_cost + excluded.raw_cost,
                    row_count = credit_usage.row_count + 1
                """,
                [
                    .uuid(e.accountID), .text(e.planID?.lowercased ?? ""), .text(type.rawValue), .text(id),
                    .int(e.creditsIncurred), .int(e.rawCost),
                ])
        }
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
        var p: [SQLValue] = [.uuid(account)]
        var conditions = ["account_id = $1", "scope_type <> 'account'", tx.tenantCondition("account_id", &p)]
        if let plan { conditions.append("plan_id = \(tx.bind(.text(plan.lowercased), &p))") }
        var used: [String: Int64] = [:]
        for r in try tx.query(
            "SELECT scope_type, scope_id, SUM(credits) AS used FROM credit_usage WHERE \(conditions.joined(separator: " AND ")) GROUP BY scope_type, scope_id",
            p)
        {
            used["\(try r.string("scope_type")):\(try r.string("scope_id"))"] = try r.int("used")
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
