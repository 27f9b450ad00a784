import Foundation

/// An account's named budgets (LiteLLM's budget table), keyed by the caller's own id.
package struct NamedBudgetRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = """
        account_id, budget_id, max_budget, soft_budget, max_parallel_requests, tpm_limit, rpm_limit, model_max_budget, \
        budget_duration, created_by, updated_by, created_at, updated_at
        """

    /// One budget of the scope's account.
    package func get(_ budgetID: String) throws -> NamedBudget? {
        try find([budgetID]).first
    }

    /// The budgets among `budgetIDs` that exist, in id order.
    package func find(_ budgetIDs: [String]) throws -> [NamedBudget] {
        guard !budgetIDs.isEmpty else { return [] }
        var p: [SQLValue] = []
        let list = budgetIDs.map { tx.bind(.text($0), &p) }.joined(separator: ", ")
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM named_budgets WHERE budget_id IN (\(list)) AND \(cond) ORDER BY budget_id", p
        ).map(Self.decode)
    }

    /// Every budget of the scope, in id order.
    package func list() throws -> [NamedBudget] {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query("SELECT \(Self.columns) FROM named_budgets WHERE \(cond) ORDER BY budget_id", p)
            .map(Self.decode)
    }

    /// Adds a budget; a taken id is the store's unique violation.
    package func insert(_ b: NamedBudget) throws {
        guard try tx.writeAccount() == b.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO named_budgets (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            Self.values(b))
    }

    /// Stores a changed budget.
    package func update(_ b: NamedBudget) throws {
        guard try tx.writeAccount() == b.accountID else { throw CockpitError.notFound("Account") }
        let n = try tx.execute(
            """
            UPDATE named_budgets SET max_budget = $3, soft_budget = $4, max_parallel_requests = $5, tpm_limit = $6,
              rpm_limit = $7, model_max_budget = $8, budget_duration = $9, updated_by = $10, updated_at = $11
            WHERE account_id = $1 AND budget_id = $2
            """,
            [
                .uuid(b.accountID), .text(b.budgetID), .optional(b.maxBudget), .optional(b.softBudget),
                .optional(b.maxParallelRequests), .optional(b.tpmLimit), .optional(b.rpmLimit),
                .json(b.modelMaxBudget), .optional(b.budgetDuration), .text(b.updatedBy), .timestamp(b.updatedAt),
            ])
        guard n == 1 else { throw CockpitError.notFound("budget") }
    }

    /// Deletes a budget (its customers must have been unlinked).
    package func delete(_ budgetID: String) throws {
        let n = try tx.execute(
            "DELETE FROM named_budgets WHERE account_id = $1 AND budget_id = $2",
            [.uuid(try tx.writeAccount()), .text(budgetID)])
        guard n == 1 else { throw CockpitError.notFound("budget") }
    }

    static func values(_ b: NamedBudget) -> [SQLValue] {
        [
            .uuid(b.accountID), .text(b.budgetID), .optional(b.maxBudget), .optional(b.softBudget),
            .optional(b.maxParallelRequests), .optional(b.tpmLimit), .optional(b.rpmLimit), .json(b.modelMaxBudget),
            .optional(b.budgetDuration), .text(b.createdBy), .text(b.updatedBy), .timestamp(b.createdAt),
            .timestamp(b.updatedAt),
        ]
    }

    static func decode(_ r: SQLRow) throws -> NamedBudget {
        NamedBudget(
            accountID: try r.uuid("account_id"), budgetID: try r.string("budget_id"),
            maxBudget: r.optionalDouble("max_budget"), softBudget: r.optionalDouble("soft_budget"),
            maxParallelRequests: r.optionalInt("max_parallel_requests"), tpmLimit: r.optionalInt("tpm_limit"),
            rpmLimit: r.optionalInt("rpm_limit"), modelMaxBudget: try r.json("model_max_budget"),
            budgetDuration: r.optionalString("budget_duration"), createdBy: try r.string("created_by"),
            updatedBy: try r.string("updated_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
