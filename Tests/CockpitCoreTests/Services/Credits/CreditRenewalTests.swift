@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Cycle renewal (V1_CONTRACT.md "cycles/renew"): rollover capped into the pool, the overflow charge, overrides
/// copied on request, renewing twice, the history; and all of it in one transaction.
@Suite struct CreditRenewalTests {
    static func micros(_ credits: Double) -> Int64 { Micros.from(credits)! }
    static let start = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01
    static let end = start.addingTimeInterval(31 * 86_400)

    static func renewal(name: String? = nil, cap: Double? = nil, copyOverrides: Bool = false) -> CycleRenewal {
        CycleRenewal(
            cycleStart: start, cycleEnd: end, newPlanName: name, rolloverCap: cap.map { micros($0) },
            copyOverrides: copyOverrides, cycleEndDate: "2027-02-01")
    }

    /// An account with 1000 monthly credits and a plan "Jan" allocating 300 to its copilot team (overridden to 400)
    /// and 100 to the pool with a cap of 7; 1,200 credits used inside the period and 50 outside it.
    static func seeded(_ cockpit: Cockpit) async throws -> (account: UUID, plan: CreditPlan, team: String) {
        let f = try await TenantFixture.make(cockpit, name: "Acme")
        let a = f.account.id, team = f.teams[.copilot]!.id.lowercased, credits = cockpit.credits
        _ = try await credits.setAccountAllocation(account: a, monthlyCredits: 1000, overflowLimit: 0, creditFactor: 1)
        let plan = try await credits.createPlan(account: a, name: "Jan", cycle: "quarterly")
        _ = try await credits.upsertAllocation(
            account: a, planID: plan.id.lowercased, scopeType: "team", scopeID: team, allocatedCredits: 300,
            overflowCap: nil, source: nil)
        _ = try await credits.upsertAllocation(
            account: a, planID: plan.id.lowercased, scopeType: "pool", scopeID: "pool", allocatedCredits: 100,
            overflowCap: 7, source: "manual")
        _ = try await credits.addOverride(
            account: a, planID: plan.id.lowercased, scopeType: "team", scopeID: team, overrideCredits: 400,
            reason: "busy month")
        try await cockpit.database.write(.account(a)) { tx in
            let ledger = CreditLedgerRepository(tx)
            for (at, credits) in [(start, 700.0), (end.addingTimeInterval(-1), 500.0), (end, 50.0)] {
                try ledger.append(
                    CreditLedgerEntry(
                        id: UUID(), accountID: a, planID: plan.id, attribution: CreditAttribution(teamID: team),
                        rawCost: micros(credits), creditFactor: 1, creditsIncurred: micros(credits), createdAt: at))
            }
        }
        return (a, plan, team)
    }

    @Test(arguments: StoreKind.available)
    func renewalRollsOverChargesAndCopies(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let (a, source, team) = try await Self.seeded(cockpit)
            // Effective: team 400 + pool 100 = 500 of 1000 → 500 unallocated; the cap holds the rollover at 120.
            let first = try await credits.renew(account: a, Self.renewal(cap: 120, copyOverrides: true))
            #expect(first.plan.name == "Jan (2027-02-01)" && first.plan.cycle == "quarterly")
            #expect(first.summary.usedCredits == Self.micros(1200) && first.summary.monthlyCredits == Self.micros(1000))
            #expect(first.summary.overflowChargeCredits == Self.micros(200))
            #expect(first.summary.rolloverCredits == Self.micros(120))
            #expect(try await credits.activePlan(account: a)?.id == first.plan.id)
            let copied = try await credits.effectiveAllocation(account: a, planID: first.plan.id.lowercased)
            #expect(copied.items.map(\.scope) == [CreditScope(type: .team, id: team), .pool])
            // The pool is set to the rollover (not added to) and keeps its cap; the override came along.
            #expect(copied.items.map(\.baseAllocated) == [Self.micros(300), Self.micros(120)])
            #expect(copied.items.map(\.effectiveAllocated) == [Self.micros(400), Self.micros(120)])
            #expect(copied.items.last?.overflowCap == Self.micros(7))
            // Renewing again renews the new plan (its copied override counts: 1000 − 400 − 120 unallocated); without a
            // cap all of it rolls over; overrides stay behind.
            let second = try await credits.renew(account: a, Self.renewal(name: "Mar"))
            #expect(second.plan.name == "Mar" && second.summary.sourcePlanID == first.plan.id)
            #expect(second.summary.rolloverCredits == Self.micros(1000 - 400 - 120))
            let third = try await credits.effectiveAllocation(account: a, planID: second.plan.id.lowercased)
            #expect(third.items.allSatisfy { !$0.overrideApplied })
            let history = try await credits.cycleHistory(account: a)
            #expect(history.map(\.newPlanID) == [second.plan.id, first.plan.id])
            #expect(history.last?.summary == first.summary && history.last?.sourcePlanID == source.id)
            #expect(try await credits.cycleHistory(account: a, limit: 1, offset: 1).map(\.id) == [first.cycleID])
        }
    }

    @Test(arguments: StoreKind.available)
    func renewalRefusesBadPeriodsAndMissingPlans(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            var same = Self.renewal()
            same.cycleEnd = same.cycleStart
            await #expect(throws: CockpitError.badRequest("cycle_end must be after cycle_start")) {
                try await credits.renew(account: a, same)
            }
            await #expect(throws: CockpitError.nothingFound("No active budget plan found")) {
                try await credits.renew(account: a, Self.renewal())
            }
        }
    }

    /// A failure at the last step (the cycle row) leaves the old plan active and nothing of the new one written.
    @Test(arguments: StoreKind.available)
    func aRenewalThatFailsMidwayLeavesNothing(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let (a, source, _) = try await Self.seeded(cockpit)
            let trigger =
                kind == .sqlite
                ? "CREATE TRIGGER fail_cycles BEFORE INSERT ON credit_cycles BEGIN SELECT RAISE(ABORT, 'injected'); END;"
                : """
                CREATE FUNCTION fail_cycles() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected'; END $$;
                CREATE TRIGGER fail_cycles BEFORE INSERT ON credit_cycles FOR EACH ROW EXECUTE FUNCTION fail_cycles();
                """
            try await db.withSystemConnection { try $0.executeScript(trigger) }
            await #expect(throws: (any Error).self) { try await credits.renew(account: a, Self.renewal()) }
            #expect(try await credits.activePlan(account: a)?.id == source.id)
            let counts = try await db.read(.account(a)) { tx in
                try ["credit_plans", "credit_allocations", "credit_overrides", "credit_cycles"].map {
                    try tx.queryOne("SELECT COUNT(*) AS n FROM \($0)")?.int("n") ?? -1
                }
            }
            #expect(counts == [1, 2, 1, 0])
        }
    }
}
