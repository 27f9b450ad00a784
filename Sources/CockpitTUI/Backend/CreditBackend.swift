import CockpitAPI
import CockpitCore
import Foundation

/// Copilot credits (`:credits`, `:credits usage`): the account's allocation, the active plan, allocations,
/// overrides, usage, renewal and the ledger's reports. Amounts typed in a form go as credits (decimals); what comes
/// back is in micro-credits, as the core holds it. Every call is checked by the core (the local backend) or by the
/// server's routes (the remote one).
public protocol CreditBackend: Sendable {
    /// The account's allocation (monthly credits, overflow limit, factor); nil when it has none.
    func creditAllocation(account: UUID) async throws -> AccountCreditAllocation?
    /// Sets the account's allocation (a super-admin's).
    func setCreditAllocation(
        account: UUID, monthlyCredits: Double, overflowLimit: Double, creditFactor: Double) async throws
    /// The account's active plan; nil when none.
    func activeCreditPlan(account: UUID) async throws -> CreditPlan?
    /// Creates the account's active plan (any other becomes inactive).
    func createCreditPlan(account: UUID, name: String, cycle: String) async throws -> CreditPlan
    /// The plan's allocations with overrides applied, against the account's monthly credits.
    func effectiveAllocation(account: UUID, plan: UUID) async throws -> EffectiveAllocation
    /// Each allocation's usage in the plan.
    func creditUsage(account: UUID, plan: UUID) async throws -> [ScopeUsage]
    /// The plan's overrides, oldest first.
    func creditOverrides(account: UUID, plan: UUID) async throws -> [CreditOverride]
    /// Sets one scope's credits and overflow cap (nil: none) in the plan.
    func allocateCredits(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, overflowCap: Double?) async throws
    /// Splits `total` equally over scopes of one type; returns each one's share in micro-credits.
    func distributeCredits(
        account: UUID, plan: UUID, type: CreditScopeType, ids: [String], total: Double, overflowCap: Double?
    ) async throws -> Int64
    /// Adds an override of a scope's allocation, with its reason.
    func addCreditOverride(
        account: UUID, plan: UUID, scope: CreditScope, credits: Double, reason: String?) async throws
    /// Removes an override.
    func deleteCreditOverride(account: UUID, id: UUID) async throws
    /// Renews the active plan's cycle; returns the new plan and what the renewal computed.
    func renewCredits(account: UUID, _ request: CycleRenew) async throws -> (plan: CreditPlan, summary: CycleSummary)
    /// The account's renewals, newest first.
    func creditCycles(account: UUID) async throws -> [CreditCycle]
    /// The ledger per UTC day over the last `days` days, oldest first.
    func creditDays(account: UUID, days: Int) async throws -> [CreditDay]
    /// Raw cost and credits of all the account's ledger rows by one dimension, most credits first.
    func creditBreakdown(account: UUID, by dimension: CreditDimension) async throws -> [CreditCostGroup]
}
