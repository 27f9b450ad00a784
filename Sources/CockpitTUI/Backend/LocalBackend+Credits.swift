import CockpitAPI
import CockpitCore
import Foundation

/// Copilot credits through `CreditService` (which checks each call).
extension LocalBackend {
    public func creditAllocation(account: UUID) async throws -> AccountCreditAllocation? {
        try await cockpit.credits.allocation(account: account)
    }

    public func setCreditAllocation(
        account: UUID, monthlyCredits: Double, overflowLimit: Double, creditFactor: Double
    ) async throws {
        _ = try await cockpit.credits.setAccountAllocation(
            account: account, monthlyCredits: monthlyCredits, overflowLimit: overflowLimit, creditFactor: creditFactor)
    }

    public func activeCreditPlan(account: UUID) async throws -> CreditPlan? {
        try await cockpit.credits.activePlan(account: account)
    }

    public func createCreditPlan(account: UUID, name: String, cycle: String) async throws -> CreditPlan {
        try await cockpit.credits.createPlan(account: account, name: name, cycle: cycle)
    }

    public func effectiveAllocation(account: UUID, plan: UUID) async throws -> EffectiveAllocation {
        try await cockpit.credits.effectiveAllocation(account: account, planID: plan.lowercased)
    }

    public func creditUsage(account: UUID, plan: UUID) async throws -> [ScopeUsage] {
        try await cockpit.credits.usageByScope(account: account, planID: plan.lowercased).items
    }

    public func creditOverrides(account: UUID, plan: UUID) async throws -> [CreditOverride] {
        try await cockpit.credits.overrides(account: account, planID: plan.lowercased)
    }

    public func allocateCredits(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, overflowCap: Double?
    ) async throws {
        _ = try await cockpit.credits.upsertAllocation(
            account: account, planID: plan.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id,
            allocatedCredits: credits, overflowCap: overflowCap, source: nil)
    }

    public func distributeCredits(
        account: UUID, plan: UUID, type: CreditScopeType, ids: [String], total: Double, overflowCap: Double?
    ) async throws -> Int64 {
        try await cockpit.credits.distributeEqually(
            account: account, planID: plan.lowercased, scopeType: type.rawValue, scopeIDs: ids, totalCredits: total,
            overflowCap: overflowCap
        ).perScope
    }

    public func addCreditOverride(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, reason: String?
    ) async throws {
        _ = try await cockpit.credits.addOverride(
            account: account, planID: plan.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id,
            overrideCredits: credits, reason: reason)
    }

    public func deleteCreditOverride(account: UUID, id: UUID) async throws {
        try await cockpit.credits.deleteOverride(account: account, id: id.lowercased)
    }

    public func renewCredits(
        account: UUID, _ request: CycleRenew
    ) async throws -> (plan: CreditPlan, summary: CycleSummary) {
        switch try request.renewal() {
        case .failure(let malformed): throw CockpitError.invalid(field: malformed.field, reason: "must be a date")
        case .success(let renewal):
            let (_, plan, summary) = try await cockpit.credits.renew(account: account, renewal)
            return (plan, summary)
        }
    }

    public func creditCycles(account: UUID) async throws -> [CreditCycle] {
        try await cockpit.credits.cycleHistory(account: account, limit: 100)
    }

    public func creditDays(account: UUID, days: Int) async throws -> [CreditDay] {
        try await cockpit.credits.dailyUsage(account: account, days: days)
    }

    public func creditBreakdown(account: UUID, by dimension: CreditDimension) async throws -> [CreditCostGroup] {
        try await cockpit.credits.costBreakdown(account: account, by: dimension)
    }
}
