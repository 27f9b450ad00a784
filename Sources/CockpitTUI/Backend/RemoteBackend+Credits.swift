import CockpitAPI
import CockpitCore
import Foundation

/// Copilot credits over `/v1/budgets/…`: the wire's decimals read back into micro-credits.
extension RemoteBackend {
    static let credits = "/v1/budgets/copilot"

    public func creditAllocation(account: UUID) async throws -> AccountCreditAllocation? {
        let view = try decode(
            CopilotAllocationView.self, try await get("\(Self.credits)/account-allocation", account: account))
        // Without an allocation the route answers the original's defaults, without dates.
        guard let from = view.effectiveFrom else { return nil }
        return AccountCreditAllocation(
            accountID: account, monthlyCredits: Self.micros(view.monthlyCredits),
            overflowLimit: Self.micros(view.overflowLimit), creditFactor: view.creditFactor, effectiveFrom: from,
            updatedAt: view.updatedAt ?? from)
    }

    public func setCreditAllocation(
        account: UUID, monthlyCredits: Double, overflowLimit: Double, creditFactor: Double
    ) async throws {
        let body = AccountAllocationSet(
            account: account, monthlyCredits: monthlyCredits, overflowLimit: overflowLimit, creditFactor: creditFactor)
        _ = try await send("POST", "/v1/budgets/account-allocation", body: body, account: nil)
    }

    public func activeCreditPlan(account: UUID) async throws -> CreditPlan? {
        let item = try await get("\(Self.credits)/plans/active", account: account)["item"]
        return item == nil || item == .null ? nil : try decode(PlanView.self, item).plan
    }

    public func createCreditPlan(account: UUID, name: String, cycle: String) async throws -> CreditPlan {
        let answer = try await send(
            "POST", "\(Self.credits)/plans", body: PlanCreate(name: name, cycle: cycle), account: account)
        return try decode(PlanView.self, answer["item"]).plan
    }

    public func effectiveAllocation(account: UUID, plan: UUID) async throws -> EffectiveAllocation {
        let v = try decode(
            EffectiveAllocationView.self,
            try await get("\(Self.credits)/effective-allocation?plan_id=\(plan.lowercased)", account: account))
        return EffectiveAllocation(
            planID: v.planID, accountID: v.accountID, monthlyCredits: Self.micros(v.monthlyCredits),
            distributed: Self.micros(v.distributed), unallocated: Self.micros(v.unallocated),
            creditFactor: v.creditFactor, overflowLimit: Self.micros(v.overflowLimit),
            items: try v.items.map {
                EffectiveAllocation.Item(
                    scope: try Self.scope($0.scopeType, $0.scopeID), baseAllocated: Self.micros($0.baseAllocated),
                    effectiveAllocated: Self.micros($0.effectiveAllocated), overrideApplied: $0.overrideApplied,
                    overflowCap: $0.overflowCap.map(Self.micros))
            })
    }

    public func creditUsage(account: UUID, plan: UUID) async throws -> [ScopeUsage] {
        let v = try decode(
            UsageByScopeView.self,
            try await get("\(Self.credits)/usage-by-scope?plan_id=\(plan.lowercased)", account: account))
        return try v.items.map {
            ScopeUsage(
                scope: try Self.scope($0.scopeType, $0.scopeID), allocatedCredits: Self.micros($0.allocatedCredits),
                used: Self.micros($0.used), overflowCap: $0.overflowCap.map(Self.micros))
        }
    }

    public func creditOverrides(account: UUID, plan: UUID) async throws -> [CreditOverride] {
        let items = try await get("\(Self.credits)/overrides?plan_id=\(plan.lowercased)", account: account)["items"]
        return try decode([OverrideView].self, items).map {
            CreditOverride(
                id: $0.id, accountID: $0.accountID, planID: $0.planID, scope: try Self.scope($0.scopeType, $0.scopeID),
                overrideCredits: Self.micros($0.overrideCredits), reason: $0.reason, createdBy: $0.createdBy,
                createdAt: $0.createdAt)
        }
    }

    public func allocateCredits(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, overflowCap: Double?
    ) async throws {
        let body = AllocationUpsert(
            planID: plan.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id, allocatedCredits: credits,
            overflowCap: overflowCap)
        _ = try await send("POST", "\(Self.credits)/allocations/upsert", body: body, account: account)
    }

    public func distributeCredits(
        account: UUID, plan: UUID, type: CreditScopeType, ids: [String], total: Double, overflowCap: Double?
    ) async throws -> Int64 {
        let body = EqualDistribution(
            planID: plan.lowercased, scopeType: type.rawValue, scopeIds: ids, totalCredits: total,
            overflowCap: overflowCap)
        let answer = try await send("POST", "\(Self.credits)/distribute/equal", body: body, account: account)
        return Self.micros(try decode(DistributionAnswer.self, answer).perScope)
    }

    public func addCreditOverride(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, reason: String?
    ) async throws {
        let body = OverrideCreate(
            planID: plan.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id, overrideCredits: credits,
            reason: reason)
        _ = try await send("POST", "\(Self.credits)/overrides", body: body, account: account)
    }

    public func deleteCreditOverride(account: UUID, id: UUID) async throws {
        _ = try await send("DELETE", "\(Self.credits)/overrides/\(id.lowercased)", nil, account: account)
    }

    public func renewCredits(
        account: UUID, _ request: CycleRenew
    ) async throws -> (plan: CreditPlan, summary: CycleSummary) {
        let answer = try decode(
            RenewalAnswer.self, try await send("POST", "\(Self.credits)/cycles/renew", body: request, account: account))
        return (answer.item.plan, Self.summary(answer.summary))
    }

    public func creditCycles(account: UUID) async throws -> [CreditCycle] {
        let items = try await get("\(Self.credits)/cycles/history?limit=100", account: account)["items"]
        return try decode([CycleView].self, items).map { c in
            let s = c.summaryJson
            let summary = CycleSummary(
                sourcePlanID: c.sourcePlanID, newPlanID: c.newPlanID,
                usedCredits: Self.micros(s["used_credits"]?.doubleValue ?? 0),
                monthlyCredits: Self.micros(s["monthly_credits"]?.doubleValue ?? 0),
                overflowChargeCredits: Self.micros(c.overflowChargeCredits),
                rolloverCredits: Self.micros(c.rolloverCredits))
            return CreditCycle(
                id: c.id, accountID: c.accountID, cycleStart: c.cycleStart, cycleEnd: c.cycleEnd, summary: summary,
                createdBy: c.createdBy, createdAt: c.createdAt)
        }
    }

    public func creditDays(account: UUID, days: Int) async throws -> [CreditDay] {
        try decode(CreditDaysView.self, try await get("\(Self.credits)/usage/daily?days=\(days)", account: account))
            .items.map(\.creditDay)
    }

    public func creditBreakdown(account: UUID, by dimension: CreditDimension) async throws -> [CreditCostGroup] {
        let answer = try await get("\(Self.credits)/cost-breakdown?by=\(dimension.rawValue)", account: account)
        return try decode(CostBreakdownView.self, answer).items.map {
            CreditCostGroup(key: $0.key, rawCost: Self.micros($0.rawCost), credits: Self.micros($0.credits))
        }
    }

    /// A decimal of the wire in micro-units (0 for what cannot be one).
    static func micros(_ value: Double) -> Int64 {
        value < 0 ? -(Micros.from(-value) ?? 0) : Micros.from(value) ?? 0
    }

    static func scope(_ type: String, _ id: String) throws -> CreditScope {
        CreditScope(type: try CreditScopeType.parse(type), id: id)
    }

    static func summary(_ s: RenewalAnswer.Summary) -> CycleSummary {
        CycleSummary(
            sourcePlanID: s.sourcePlanID, newPlanID: s.newPlanID, usedCredits: micros(s.usedCredits),
            monthlyCredits: micros(s.monthlyCredits), overflowChargeCredits: micros(s.overflowChargeCredits),
            rolloverCredits: micros(s.rolloverCredits))
    }
}

extension PlanView {
    /// The plan as the core holds it.
    var plan: CreditPlan {
        CreditPlan(
            id: id, accountID: accountID, name: name, cycle: cycle,
            status: CreditPlan.Status(rawValue: status) ?? .active,
            createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt)
    }
}
