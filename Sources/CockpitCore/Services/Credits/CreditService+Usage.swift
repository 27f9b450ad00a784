import Foundation

extension CreditService {
    /// A plan's allocations with overrides applied (V1_CONTRACT.md: the newest override of a scope replaces its base;
    /// an override on a scope without an allocation is not counted; `unallocated` is not clamped).
    public func effectiveAllocation(account: UUID, planID: String) async throws -> EffectiveAllocation {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) { tx in
            try Self.effective(tx, plan: try Self.plan(tx, planID, account), account: account)
        }
    }

    /// Usage by scope: one item per allocation of the plan (the newest active one when nil; none: nil and no items;
    /// an unknown plan: no items). Usage counts every ledger row of the account for its user, team and organization.
    public func usageByScope(account: UUID, planID: String?) async throws -> (planID: String?, items: [ScopeUsage]) {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) { tx in
            let plans = CreditPlanRepository(tx)
            let plan = try planID.map { try plans.plan($0, account: account) } ?? plans.activePlan(account: account)
            guard let plan else { return (planID, []) }
            return (planID ?? plan.id.lowercased, try Self.usage(tx, plan: plan.id, account: account))
        }
    }

    /// The active plan's scopes at or past `threshold` percent of their allocation, highest first, with the names
    /// of what they are and the level (`warning`, `critical` from 90, `exceeded` from 100).
    public func alerts(account: UUID, threshold: Double = 80) async throws -> [CreditAlert] {
        try context.reading(.manageCredits, in: account)
        guard threshold.isFinite, (0...1000).contains(threshold) else {
            throw CockpitError.invalid(field: "threshold", reason: "must be from 0 to 1000")
        }
        return try await context.read(.account(account)) { tx in
            guard let plan = try CreditPlanRepository(tx).activePlan(account: account) else { return [] }
            let alerting = try Self.usage(tx, plan: plan.id, account: account).filter {
                $0.usagePercentage >= threshold
            }
            let names = try CreditAllocationRepository(tx).names(of: alerting.map(\.scope))
            return
                alerting
                .map { usage in
                    CreditAlert(
                        entityName: names["\(usage.scope.type.rawValue):\(usage.scope.id)"] ?? usage.scope.id,
                        usage: usage, level: CreditAlert.Level(percentage: usage.usagePercentage))
                }
                .sorted { $0.usage.usagePercentage > $1.usage.usagePercentage }
        }
    }

    /// Raw cost and credits of all the account's ledger rows by one dimension, most credits first.
    public func costBreakdown(account: UUID, by dimension: CreditDimension) async throws -> [CreditCostGroup] {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) {
            try CreditLedgerRepository($0).breakdown(account: account, by: dimension)
        }
    }

    /// The ledger of the last `days` UTC days (today included), per day, oldest first; days without rows are left
    /// out. For the cockpit's `:credits usage` and `GET /v1/budgets/copilot/usage/daily` (cockpit's addition).
    public func dailyUsage(account: UUID, days: Int) async throws -> [CreditDay] {
        try context.reading(.manageCredits, in: account)
        guard (1...366).contains(days) else {
            throw CockpitError.invalid(field: "days", reason: "must be from 1 to 366")
        }
        let now = context.now().timeIntervalSince1970
        let start = Date(timeIntervalSince1970: (now / 86_400).rounded(.down) * 86_400 - Double(days - 1) * 86_400)
        return try await context.read(.account(account)) {
            try CreditLedgerRepository($0).daily(account: account, since: start)
        }
    }

    /// `/v1/costs/breakdown`: the ledger grouped by model, agent, connection and guardrail, optionally only rows naming
    /// an organization, team or user; the tree picks who may read it (its cost readers), both read the copilot ledger.
    public func ledgerBreakdown(
        account: UUID, domain: ProductDomain, orgID: String?, teamID: String?, userID: String?
    ) async throws -> [LedgerCostGroup] {
        try context.reading(.readCosts(domain), in: account)
        return try await context.read(.account(account)) {
            try CreditLedgerRepository($0).breakdown(account: account, orgID: orgID, teamID: teamID, userID: userID)
        }
    }

    static func effective(_ tx: Transaction, plan: CreditPlan, account: UUID) throws -> EffectiveAllocation {
        let repo = CreditAllocationRepository(tx)
        var newest: [CreditScope: Int64] = [:]
        for o in try repo.overrides(plan: plan.id) { newest[o.scope] = o.overrideCredits }  // creation order: last wins
        let items = try repo.figures(plan: plan.id, withUsage: false).map { a in
            EffectiveAllocation.Item(
                scope: a.scope, baseAllocated: a.allocated, effectiveAllocated: newest[a.scope] ?? a.allocated,
                overrideApplied: newest[a.scope] != nil, overflowCap: a.overflowCap)
        }
        let allocation = try CreditPlanRepository(tx).allocation(account)
        let monthly = allocation?.monthlyCredits ?? 0
        let distributed = items.reduce(Int64(0)) { Micros.add($0, $1.effectiveAllocated) }
        return EffectiveAllocation(
            planID: plan.id, accountID: account, monthlyCredits: monthly, distributed: distributed,
            unallocated: Micros.add(monthly, -distributed), creditFactor: allocation?.creditFactor ?? 1,
            overflowLimit: allocation?.overflowLimit ?? 0, items: items)
    }

    static func usage(_ tx: Transaction, plan: UUID, account: UUID) throws -> [ScopeUsage] {
        try CreditAllocationRepository(tx).figures(plan: plan, withUsage: true).map { a in
            ScopeUsage(
                scope: a.scope, allocatedCredits: a.allocated, used: a.scope.type == .pool ? 0 : a.used,
                overflowCap: a.overflowCap)
        }
    }
}
