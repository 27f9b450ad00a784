import Foundation

/// Budgets and rate limits by subject, one row per (account, subject, subject id, model).
package struct BudgetRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = """
        id, account_id, subject, subject_id, model_name, max_budget, soft_budget, budget_duration, tpm_limit, rpm_limit, \
        max_parallel_requests, created_at, updated_at
        """

    /// Sets the budget of a subject (insert, or update the existing row); returns the stored budget.
    @discardableResult
    package func upsert(_ b: Budget) throws -> Budget {
        guard try tx.writeAccount() == b.accountID else { throw CockpitError.notFound("Account") }
        var stored = b
        if let existing = try find(subject: b.subject, subjectID: b.subjectID, modelName: b.modelName) {
            stored.id = existing.id
            stored.createdAt = existing.createdAt
            try tx.execute(
                """
                UPDATE budgets SET max_budget = $6, soft_budget = $7, budget_duration = $8, tpm_limit = $9, rpm_limit = $10,
                  max_parallel_requests = $11, created_at = $12, updated_at = $13
                WHERE id = $1 AND account_id = $2 AND subject = $3 AND subject_id = $4 AND model_name = $5
                """, Self.values(stored))
        } else {
            try tx.execute(
                "INSERT INTO budgets (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                Self.values(stored))
        }
        return stored
    }

    /// The budget of one subject (and model).
    package func find(subject: BudgetSubject, subjectID: String, modelName: String = "") throws -> Budget? {
        var p: [SQLValue] = [.text(subject.rawValue), .text(subjectID), .text(modelName)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM budgets WHERE subject = $1 AND subject_id = $2 AND model_name = $3 AND \(cond)",
            p
        )
        .map(Self.decode)
    }

    /// Every budget in the scope, optionally of one kind of subject.
    package func list(subject: BudgetSubject? = nil) throws -> [Budget] {
        var p: [SQLValue] = []
        var conditions = [tx.tenantCondition("account_id", &p)]
        if let subject { conditions.append("subject = \(tx.bind(.text(subject.rawValue), &p))") }
        return try tx.query(
            "SELECT \(Self.columns) FROM budgets WHERE \(conditions.joined(separator: " AND ")) ORDER BY subject, subject_id, model_name",
            p
        )
        .map(Self.decode)
    }

    /// Deletes a budget.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM budgets WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("budget")
        }
    }

    static func values(_ b: Budget) -> [SQLValue] {
        [
            .uuid(b.id), .uuid(b.accountID), .text(b.subject.rawValue), .text(b.subjectID), .text(b.modelName),
            .optional(b.maxBudget),
            .optional(b.softBudget), .optional(b.budgetDuration), .optional(b.tpmLimit), .optional(b.rpmLimit),
            .optional(b.maxParallelRequests),
            .timestamp(b.createdAt), .timestamp(b.updatedAt),
        ]
    }

    static func decode(_ r: SQLRow) throws -> Budget {
        guard let subject = BudgetSubject(rawValue: try r.string("subject")) else {
            throw StorageError.decoding(column: "subject", expected: "budget subject")
        }
        return Budget(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), subject: subject,
            subjectID: try r.string("subject_id"),
            modelName: try r.string("model_name"), maxBudget: r.optionalDouble("max_budget"),
            softBudget: r.optionalDouble("soft_budget"),
            budgetDuration: r.optionalString("budget_duration"), tpmLimit: r.optionalInt("tpm_limit"),
            rpmLimit: r.optionalInt("rpm_limit"),
            maxParallelRequests: r.optionalInt("max_parallel_requests"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
