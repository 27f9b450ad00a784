import Foundation

/// Named budgets of an account (LiteLLM's `/budget/*`): created, changed and deleted by the account admin, shared by
/// the customers that name them. Every change is audited and heard by the gateway at once.
public struct NamedBudgetService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// One budget; `.notFound` when the account has none of that id.
    public func budget(account: UUID, id: String) async throws -> NamedBudget {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { tx in
            guard let found = try NamedBudgetRepository(tx).get(id) else { throw CockpitError.notFound("budget") }
            return found
        }
    }

    /// The budgets among `ids` that exist, or every budget of the account when `ids` is nil; in id order.
    public func budgets(account: UUID, ids: [String]? = nil) async throws -> [NamedBudget] {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { tx in
            let repo = NamedBudgetRepository(tx)
            return try ids.map { try repo.find($0) } ?? repo.list()
        }
    }

    /// Creates a budget (`id` nil: a new UUID); `change` sets its limits, which are then checked. A taken id is a 400
    /// in LiteLLM's words.
    public func create(
        account: UUID, id: String?, _ change: @escaping @Sendable (inout NamedBudget) throws -> Void
    ) async throws -> NamedBudget {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let id = try id.map { try Customer.checkID($0, field: "budget_id") } ?? RandomUUID.make().lowercased
        let created = try await context.write(.account(account)) { tx in
            try Self.insert(tx, account: account, id: id, actor: actor, at: now, change)
        }
        context.events.post(.accessChanged(account))
        return created
    }

    /// Changes a budget's limits (`.notFound` when missing); the changed budget is checked before it is stored.
    public func update(
        account: UUID, id: String, _ change: @escaping @Sendable (inout NamedBudget) throws -> Void
    ) async throws -> NamedBudget {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let updated = try await context.write(.account(account)) { tx in
            try Self.change(tx, account: account, id: id, actor: actor, at: now, change)
        }
        context.events.post(.accessChanged(account))
        return updated
    }

    /// Deletes a budget and returns it; the customers that named it keep no budget (LiteLLM's relation is set null).
    public func delete(account: UUID, id: String) async throws -> NamedBudget {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let deleted = try await context.write(.account(account)) { tx -> NamedBudget in
            let repo = NamedBudgetRepository(tx)
            guard let before = try repo.get(id) else { throw CockpitError.notFound("budget") }
            try CustomerRepository(tx).unlink(budget: id)
            try repo.delete(id)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .billing, action: "named_budget.delete",
                objectType: "named_budget", objectID: id, before: try .snapshot(before), at: now)
            return before
        }
        context.events.post(.accessChanged(account))
        return deleted
    }

    /// Inserts a checked budget inside a write (the customer service creates one with a customer).
    static func insert(
        _ tx: Transaction, account: UUID, id: String, actor: Actor, at now: Date,
        _ change: (inout NamedBudget) throws -> Void
    ) throws -> NamedBudget {
        let repo = NamedBudgetRepository(tx)
        if try repo.get(id) != nil { throw CockpitError.badRequest("Budget with id '\(id)' already exists.") }
        var budget = NamedBudget(
            accountID: account, budgetID: id, createdBy: actor.name, updatedBy: actor.name, createdAt: now,
            updatedAt: now)
        try change(&budget)
        try check(budget)
        try repo.insert(budget)
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: .billing, action: "named_budget.create",
            objectType: "named_budget", objectID: id, after: try .snapshot(budget), at: now)
        return budget
    }

    /// Changes a stored budget inside a write.
    static func change(
        _ tx: Transaction, account: UUID, id: String, actor: Actor, at now: Date,
        _ change: (inout NamedBudget) throws -> Void
    ) throws -> NamedBudget {
        let repo = NamedBudgetRepository(tx)
        guard let before = try repo.get(id) else { throw CockpitError.notFound("budget") }
        var after = before
        try change(&after)
        after.accountID = account
        after.budgetID = id
        after.updatedBy = actor.name
        after.updatedAt = now
        try check(after)
        try repo.update(after)
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: .billing, action: "named_budget.update",
            objectType: "named_budget", objectID: id, before: try .snapshot(before), after: try .snapshot(after),
            at: now)
        return after
    }

    /// The rules of a budget's fields: amounts finite and at least 0, limits at least 0, a period in LiteLLM's
    /// notation, per-model budgets well formed.
    static func check(_ b: NamedBudget) throws {
        _ = try Validation.budget(b.maxBudget)
        _ = try Validation.budget(b.softBudget, field: "soft_budget")
        _ = try b.budgetDuration.map { try BudgetPeriod($0) }
        for (value, field) in [
            (b.tpmLimit, "tpm_limit"), (b.rpmLimit, "rpm_limit"), (b.maxParallelRequests, "max_parallel_requests"),
        ] where (value ?? 0) < 0 {
            throw CockpitError.invalid(field: field, reason: "must be at least 0")
        }
        try NamedBudget.checkModelMaxBudget(b.modelMaxBudget)
    }
}
