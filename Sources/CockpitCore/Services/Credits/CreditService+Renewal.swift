import Foundation

extension CreditService {
    /// Renews the active plan (V1_CONTRACT.md "cycles/renew"), in one transaction: the plan closes; a new active one
    /// opens with its cycle, named `newPlanName` or "<old name> (<date of cycle_end>)"; every allocation is copied;
    /// the unallocated credits (at most `rolloverCap`) are set as the pool's allocation (`cycle_rollover`); with
    /// `copyOverrides` the overrides follow; the cycle row records the summary. A failure at any step leaves nothing.
    public func renew(
        account: UUID, _ request: CycleRenewal
    ) async throws -> (cycleID: UUID, plan: CreditPlan, summary: CycleSummary) {
        let actor = try context.changing(.manageCredits, in: account)
        guard request.cycleEnd > request.cycleStart else {
            throw CockpitError.badRequest("cycle_end must be after cycle_start")
        }
        let name = try request.newPlanName.map { try Self.text($0, field: "new_plan_name", max: 200) }
        let now = context.now()
        return try await write(account) { tx in
            let plans = CreditPlanRepository(tx)
            guard let source = try plans.activePlan(account: account) else {
                throw CockpitError.nothingFound("No active budget plan found")
            }
            let effective = try Self.effective(tx, plan: source, account: account)
            let used = try CreditLedgerRepository(tx).credits(
                account: account, from: request.cycleStart, to: request.cycleEnd)
            let unallocated = max(0, effective.unallocated)
            let rollover = min(unallocated, max(0, request.rolloverCap ?? unallocated))
            let newPlan = CreditPlan(
                id: UUID(), accountID: account,
                name: (name?.isEmpty ?? true) ? "\(source.name) (\(request.cycleEndDate))" : name!,
                cycle: source.cycle, status: .active, createdBy: actor.name, createdAt: now, updatedAt: now)
            try plans.deactivatePlans(account: account, at: now)
            try plans.insert(newPlan)
            let allocations = CreditAllocationRepository(tx)
            // Every allocation copied, in its order; the pool set to the rollover (a copied pool keeps its cap).
            var copies = try allocations.allocations(plan: source.id).enumerated().map { i, a in
                var copy = a
                (copy.id, copy.planID, copy.createdBy, copy.createdAt, copy.updatedAt) = (
                    UUID(), newPlan.id, actor.name, Self.nth(i, after: now), now
                )
                if copy.source.isEmpty { copy.source = "renewal_copy" }
                return copy
            }
            if rollover > 0 {
                if let i = copies.firstIndex(where: { $0.scope == .pool }) {
                    (copies[i].allocatedCredits, copies[i].source) = (rollover, "cycle_rollover")
                } else {
                    copies.append(
                        CreditAllocation(
                            id: UUID(), accountID: account, planID: newPlan.id, scope: .pool,
                            allocatedCredits: rollover, overflowCap: nil, source: "cycle_rollover",
                            createdBy: actor.name, createdAt: Self.nth(copies.count, after: now), updatedAt: now))
                }
            }
            try allocations.insertAll(copies)
            if request.copyOverrides {
                try allocations.insertAll(
                    try allocations.overrides(plan: source.id).enumerated().map { i, o in
                        CreditOverride(
                            id: UUID(), accountID: account, planID: newPlan.id, scope: o.scope,
                            overrideCredits: o.overrideCredits, reason: "copied_from:\(source.id.lowercased)",
                            createdBy: actor.name, createdAt: Self.nth(i, after: now))
                    })
            }
            let summary = CycleSummary(
                sourcePlanID: source.id, newPlanID: newPlan.id, usedCredits: used,
                monthlyCredits: effective.monthlyCredits,
                overflowChargeCredits: max(0, Micros.add(used, -effective.monthlyCredits)), rolloverCredits: rollover)
            let cycle = CreditCycle(
                id: UUID(), accountID: account, cycleStart: request.cycleStart, cycleEnd: request.cycleEnd,
                summary: summary, createdBy: actor.name, createdAt: now)
            try CreditCycleRepository(tx).insert(cycle)
            try CreditAudit(tx, account, actor, now).record(
                "credits.cycle_create", "credit_cycle", cycle.id.lowercased, after: summary.json)
            return (cycle.id, newPlan, summary)
        }
    }

    /// The account's renewals, newest first.
    public func cycleHistory(account: UUID, limit: Int = 50, offset: Int = 0) async throws -> [CreditCycle] {
        try context.reading(.manageCredits, in: account)
        guard limit >= 0, offset >= 0 else {
            throw CockpitError.invalid(field: limit < 0 ? "limit" : "offset", reason: "cannot be negative")
        }
        return try await context.read(.account(account)) {
            try CreditCycleRepository($0).list(account: account, limit: min(limit, 1000), offset: offset)
        }
    }

    /// The creation time of the `i`th row one change writes: a microsecond apart (what both stores keep), so that
    /// "creation order" is the order they were written in.
    static func nth(_ i: Int, after now: Date) -> Date { now.addingTimeInterval(Double(i) / 1_000_000) }
}
