@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Credits are integers of micro-credits: sums over 100,000 ledger rows equal Σ round(raw × factor) to the unit,
/// in the usage rollup, the breakdowns and the renewal's period sum alike.
@Suite struct CreditLedgerSumTests {
    @Test func sumsOverAHundredThousandRowsAreExact() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased
            let factor = 1.37
            _ = try await credits.setAccountAllocation(
                account: a, monthlyCredits: 1, overflowLimit: 0, creditFactor: factor)
            let plan = try await credits.createPlan(account: a, name: "P", cycle: nil)
            _ = try await credits.upsertAllocation(
                account: a, planID: plan.id.lowercased, scopeType: "team", scopeID: team, allocatedCredits: 1,
                overflowCap: nil, source: nil)
            let start = Date(timeIntervalSince1970: 1_798_761_600)
            var expected: Int64 = 0, expectedRaw: Int64 = 0
            try await db.write(.account(a)) { tx in
                let ledger = CreditLedgerRepository(tx)
                for i in 0..<100_000 {
                    // Costs such as 0.000123 USD: the floating-point sum of their products drifts, the integers do not.
                    let raw = Int64(i % 997 + 1) * 123
                    let charged = Micros.credits(raw: raw, factor: factor)!
                    try ledger.append(
                        CreditLedgerEntry(
                            id: UUID(), accountID: a, planID: plan.id,
                            attribution: CreditAttribution(teamID: team, modelName: i % 2 == 0 ? "a" : "b"),
                            rawCost: raw, creditFactor: factor, creditsIncurred: charged,
                            createdAt: start.addingTimeInterval(Double(i))))
                }
            }
            for i in 0..<100_000 {
                let raw = Int64(i % 997 + 1) * 123
                expectedRaw += raw
                expected += Int64((Double(raw) * factor).rounded())
            }
            let usage = try await credits.usageByScope(account: a, planID: nil)
            #expect(usage.items.map(\.used) == [expected])
            let byModel = try await credits.costBreakdown(account: a, by: .llm)
            #expect(byModel.reduce(0) { $0 + $1.credits } == expected)
            #expect(byModel.reduce(0) { $0 + $1.rawCost } == expectedRaw)
            let days = try await credits.dailyUsage(account: a, days: 30)
            #expect(days.map(\.day) == ["2027-01-01", "2027-01-02"] && days.map(\.rows) == [86_400, 13_600])
            #expect(days.reduce(0) { $0 + $1.credits } == expected)
            let renewed = try await credits.renew(
                account: a,
                CycleRenewal(
                    cycleStart: start, cycleEnd: start.addingTimeInterval(100_000), newPlanName: nil, rolloverCap: nil,
                    copyOverrides: false, cycleEndDate: "2027-01-02"))
            #expect(renewed.summary.usedCredits == expected)
        }
    }
}
