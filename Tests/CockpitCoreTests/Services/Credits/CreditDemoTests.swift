@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The demo data shows the credit economy: every demo account has an allocation, one past cycle, an active plan with
/// allocations across its copilot tree, its copilot spend on the ledger, and scopes at each alert level.
@Suite struct CreditDemoTests {
    @Test func demoAccountsHaveCreditsAtEveryAlertLevel() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            try await DemoSeeder(cockpit: cockpit).seed()
            var levels: Set<CreditAlert.Level> = []
            var overAllocated = 0
            for company in DemoData.companies {
                let account = try await cockpit.accounts.resolve(company.name).id
                let credits = cockpit.credits
                #expect(try await credits.allocation(account: account) != nil)
                #expect(try await credits.cycleHistory(account: account).count == 1)
                let plan = try #require(try await credits.activePlan(account: account))
                let effective = try await credits.effectiveAllocation(account: account, planID: plan.id.lowercased)
                #expect(Set(effective.items.map(\.scope.type)).isSuperset(of: [.org, .team, .user]))
                if effective.unallocated < 0 { overAllocated += 1 }
                levels.formUnion(try await credits.alerts(account: account, threshold: 80).map(\.level))
                let (ledgerRows, copilotSpend) = try await db.read(.account(account)) { tx in
                    (
                        try tx.queryOne("SELECT COUNT(*) AS n FROM credit_ledger")?.int("n"),
                        try tx.queryOne("SELECT COUNT(*) AS n FROM spend_logs WHERE domain = 'copilot'")?.int("n")
                    )
                }
                #expect(ledgerRows == copilotSpend && (ledgerRows ?? 0) > 0)
            }
            #expect(levels == [.warning, .critical, .exceeded])
            #expect(overAllocated == 1, "one demo account allocates more than it has")
        }
    }
}
