@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// A copilot request's credit charge travels with its spend row: through an outage (memory, then the spill file of a
/// process that stopped) it reaches the ledger exactly once, beside its spend row.
@Suite struct SpendWriterCreditTests {
    @Test(arguments: StoreKind.available)
    func chargesSurviveAnOutageAndAreLedgeredOnce(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Spend")
            let team = f.teams[.copilot]!.id.lowercased
            let outage = OutageDatabase(db)
            let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                "spill-\(UUID().uuidString).jsonl"
            ).path
            defer { try? FileManager.default.removeItem(atPath: spill) }
            let charge = CreditCharge(
                planID: nil, creditFactor: 1.5, attribution: CreditAttribution(teamID: team, agentID: "agent-1"))
            let first = SpendWriter(database: outage, spillPath: spill)
            outage.down = true
            for i in 0..<30 {
                var log = SpendWriterTests.log(f.account.id, i, cost: 0.000123)
                log.credit = charge
                first.enqueue(log)
            }
            await first.shutdown()
            outage.down = false
            let second = SpendWriter(database: outage, spillPath: spill)
            #expect(await second.flush() == 30)
            // Replaying the same rows again (a retried batch) adds nothing.
            let replay = (0..<30).map { i -> SpendLog in
                var log = SpendWriterTests.log(f.account.id, i, cost: 0.000123)
                log.credit = charge
                return log
            }
            try await second.write(replay)
            let (rows, credits, agents) = try await db.read(.account(f.account.id)) { tx in
                let r = try tx.queryOne(
                    "SELECT COUNT(*) AS n, SUM(credits_incurred) AS c, COUNT(DISTINCT agent_id) AS a FROM credit_ledger"
                )
                return (try r?.int("n"), try r?.int("c"), try r?.int("a"))
            }
            #expect(rows == 30 && agents == 1)
            #expect(credits == 30 * Micros.credits(raw: 123, factor: 1.5)!)
            let used = try await db.read(.account(f.account.id)) {
                try CreditLedgerRepository($0).usage(account: f.account.id)
            }
            #expect(used["team:\(team)"] == credits)
        }
    }
}
