import Foundation

/// The copilot product's credits (V1_CONTRACT.md "Copilot budgets"; docs/CREDITS.md): each account's allocation
/// (super-admin), budget plans, allocations and overrides per scope of the copilot tree, the usage ledger, alerts,
/// cost breakdowns and cycle renewal. Every multi-step change runs in one transaction with its audit rows.
public struct CreditService: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    // MARK: Account allocation (super-admin)

    /// Sets an account's monthly credits, overflow limit and credit factor (the original's checks and order: 400
    /// `Invalid allocation values` before 404 `Account not found`); `effective_from` stays from the first one.
    public func setAccountAllocation(
        account: UUID?, monthlyCredits: Double, overflowLimit: Double, creditFactor: Double
    ) async throws -> AccountCreditAllocation {
        let actor = try context.changing(.superAdmin)
        guard monthlyCredits >= 0, overflowLimit >= 0, creditFactor > 0 else {
            throw CockpitError.badRequest("Invalid allocation values")
        }
        let monthly = try Micros.amount(monthlyCredits, field: "monthly_credits")
        let overflow = try Micros.amount(overflowLimit, field: "overflow_limit")
        guard creditFactor.isFinite, creditFactor <= 1_000_000 else {
            throw CockpitError.invalid(field: "credit_factor", reason: "must be a finite number of at most 1000000")
        }
        guard let account else { throw CockpitError.notFound("Account") }
        let now = context.now()
        return try await write(account) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            let repo = CreditPlanRepository(tx)
            let before = try repo.allocation(account)
            let stored = try repo.upsertAllocation(
                AccountCreditAllocation(
                    accountID: account, monthlyCredits: monthly, overflowLimit: overflow, creditFactor: creditFactor,
                    effectiveFrom: now, updatedAt: now))
            try CreditAudit(tx, account, actor, now).record(
                "credits.account_allocation_upsert", "credit_account_allocation", account.lowercased,
                domain: .billing, before: before.map(CreditAudit.values), after: CreditAudit.values(stored))
            return stored
        }
    }

    /// One account's allocation (nil when it has none; the account is not checked, as in the original).
    public func accountAllocation(of account: UUID) async throws -> AccountCreditAllocation? {
        try context.reading(.superAdmin)
        return try await context.read(.account(account)) { try CreditPlanRepository($0).allocation(account) }
    }

    /// Every account's allocation, most recently updated first.
    public func accountAllocations() async throws -> [AccountCreditAllocation] {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { try CreditPlanRepository($0).allocations() }
    }

    /// The caller's account's allocation, for copilot admins (nil when it has none).
    public func allocation(account: UUID) async throws -> AccountCreditAllocation? {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) { try CreditPlanRepository($0).allocation(account) }
    }

    // MARK: Plans

    /// Creates the account's active plan: every other plan becomes inactive in the same transaction.
    public func createPlan(account: UUID, name: String, cycle: String?) async throws -> CreditPlan {
        let actor = try context.changing(.manageCredits, in: account)
        let name = try Self.text(name, field: "name", max: 200)
        let cycle = try Self.text(cycle ?? "monthly", field: "cycle", max: 50)
        let now = context.now()
        return try await write(account) { tx in
            let repo = CreditPlanRepository(tx)
            let before = try repo.activePlan(account: account)
            try repo.deactivatePlans(account: account, at: now)
            let plan = CreditPlan(
                id: UUID(), accountID: account, name: name, cycle: cycle, status: .active, createdBy: actor.name,
                createdAt: now, updatedAt: now)
            try repo.insert(plan)
            try CreditAudit(tx, account, actor, now).record(
                "credits.plan_create", "credit_plan", plan.id.lowercased,
                before: before.map(CreditAudit.values), after: .object(["new_active_plan": CreditAudit.values(plan)]))
            return plan
        }
    }

    /// The account's active plan (nil when none).
    public func activePlan(account: UUID) async throws -> CreditPlan? {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) { try CreditPlanRepository($0).activePlan(account: account) }
    }

    /// Renames a plan: the original's 400 `name is required` (blank after trimming) before its 404.
    public func renamePlan(account: UUID, planID: String, name raw: String) async throws -> CreditPlan {
        let actor = try context.changing(.manageCredits, in: account)
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CockpitError.badRequest("name is required") }
        let checked = try Self.text(name, field: "name", max: 200)
        let now = context.now()
        return try await write(account) { tx in
            let repo = CreditPlanRepository(tx)
            guard let before = try repo.plan(planID, account: account) else {
                throw CockpitError.notFound("Budget plan")
            }
            try repo.rename(before.id, to: checked, at: now)
            var after = before
            (after.name, after.updatedAt) = (checked, now)
            try CreditAudit(tx, account, actor, now).record(
                "credits.plan_update", "credit_plan", before.id.lowercased, before: CreditAudit.values(before),
                after: CreditAudit.values(after))
            return after
        }
    }

    /// Runs a change of `account`'s credits in one transaction, then tells the gateway's caches (its credit policy).
    func write<T: Sendable>(_ account: UUID, _ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        try await context.writeAdmission(account, body)
    }

    /// Free text a client names something with: at most `max` characters, no control characters.
    static func text(_ raw: String, field: String, max: Int) throws -> String {
        guard raw.count <= max else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(max) characters")
        }
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CockpitError.invalid(field: field, reason: "must not contain control characters")
        }
        return raw
    }
}
