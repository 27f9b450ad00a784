import Foundation

/// Account credit allocations and budget plans.
package struct CreditPlanRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let allocationColumns =
        "account_id, monthly_credits, overflow_limit, credit_factor, effective_from, updated_at"
    static let planColumns = "id, account_id, name, cycle, status, created_by, created_at, updated_at"

    /// Sets an account's allocation: values replaced, `effective_from` kept from the first one.
    @discardableResult
    package func upsertAllocation(_ a: AccountCreditAllocation) throws -> AccountCreditAllocation {
        try tx.execute(
            """
            INSERT INTO credit_account_allocations (\(Self.allocationColumns)) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (account_id) DO UPDATE SET monthly_credits = excluded.monthly_credits,
                overflow_limit = excluded.overflow_limit, credit_factor = excluded.credit_factor,
                updated_at = excluded.updated_at
            """,
            [
                .uuid(a.accountID), .int(a.monthlyCredits), .int(a.overflowLimit), .double(a.creditFactor),
                .timestamp(a.effectiveFrom), .timestamp(a.updatedAt),
            ])
        return try allocation(a.accountID) ?? a
    }

    /// One account's allocation.
    package func allocation(_ account: UUID) throws -> AccountCreditAllocation? {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.allocationColumns) FROM credit_account_allocations WHERE account_id = $1 AND \(cond)", p
        ).map(Self.decodeAllocation)
    }

    /// Every allocation the scope sees, most recently updated first.
    package func allocations() throws -> [AccountCreditAllocation] {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.allocationColumns) FROM credit_account_allocations WHERE \(cond) ORDER BY updated_at DESC, account_id",
            p
        ).map(Self.decodeAllocation)
    }

    /// Makes every active plan of the account inactive; returns how many were.
    @discardableResult
    package func deactivatePlans(account: UUID, at now: Date) throws -> Int {
        try tx.execute(
            "UPDATE credit_plans SET status = 'inactive', updated_at = $2 WHERE account_id = $1 AND status = 'active'",
            [.uuid(account), .timestamp(now)])
    }

    /// Inserts a plan.
    package func insert(_ plan: CreditPlan) throws {
        guard try tx.writeAccount() == plan.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO credit_plans (\(Self.planColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                .uuid(plan.id), .uuid(plan.accountID), .text(plan.name), .text(plan.cycle), .text(plan.status.rawValue),
                .text(plan.createdBy), .timestamp(plan.createdAt), .timestamp(plan.updatedAt),
            ])
    }

    /// The account's active plan (the newest, should the store ever hold two).
    package func activePlan(account: UUID) throws -> CreditPlan? {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.planColumns) FROM credit_plans WHERE account_id = $1 AND status = 'active' AND \(cond) ORDER BY created_at DESC, id DESC LIMIT 1",
            p
        ).map(Self.decodePlan)
    }

    /// A plan of the account by its id as sent (text that is no UUID names none).
    package func plan(_ id: String, account: UUID) throws -> CreditPlan? {
        guard let uuid = UUID.fast(id) else { return nil }
        var p: [SQLValue] = [.uuid(uuid), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.planColumns) FROM credit_plans WHERE id = $1 AND account_id = $2 AND \(cond)", p
        ).map(Self.decodePlan)
    }

    /// Renames a plan.
    package func rename(_ id: UUID, to name: String, at now: Date) throws {
        var p: [SQLValue] = [.uuid(id), .text(name), .timestamp(now)]
        let cond = tx.tenantCondition("account_id", &p)
        try tx.execute("UPDATE credit_plans SET name = $2, updated_at = $3 WHERE id = $1 AND \(cond)", p)
    }

    static func decodeAllocation(_ r: SQLRow) throws -> AccountCreditAllocation {
        AccountCreditAllocation(
            accountID: try r.uuid("account_id"), monthlyCredits: try r.int("monthly_credits"),
            overflowLimit: try r.int("overflow_limit"), creditFactor: try r.double("credit_factor"),
            effectiveFrom: try r.date("effective_from"), updatedAt: try r.date("updated_at"))
    }

    static func decodePlan(_ r: SQLRow) throws -> CreditPlan {
        guard let status = CreditPlan.Status(rawValue: try r.string("status")) else {
            throw StorageError.decoding(column: "status", expected: "active or inactive")
        }
        return CreditPlan(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), name: try r.string("name"),
            cycle: try r.string("cycle"), status: status, createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
