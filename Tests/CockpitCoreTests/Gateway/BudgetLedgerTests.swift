@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Reservations bound concurrent overshoot to one estimate; periods roll over at their boundary.
@Suite struct BudgetLedgerTests {
    @Test func concurrentRequestsOvershootByAtMostOneEstimate() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let f = try await TenantFixture.make(Cockpit.forTesting(db), name: "Ledger")
            let ledger = BudgetLedger(database: db)
            let limit = BudgetLimit(subject: .key, subjectID: "hash", maxBudget: 1.0, period: nil)
            let admitted = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<100 {
                    group.addTask {
                        guard let r = try? await ledger.reserve(account: f.account.id, limits: [limit], estimate: 0.1)
                        else { return false }
                        ledger.settle(r, cost: 0.1, requestID: "r\(i)")
                        return true
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(admitted >= 10 && admitted <= 11, "spent at most 1.0 plus one estimate: \(admitted) admitted")
        }
    }

    @Test func aPeriodStartsAfresh() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let f = try await TenantFixture.make(Cockpit.forTesting(db), name: "Ledger")
            let clock = LockedBox(Date(timeIntervalSince1970: 1_800_000_000))
            let ledger = BudgetLedger(database: db, now: { clock.mutate { $0 } })
            let limit = BudgetLimit(subject: .key, subjectID: "hash", maxBudget: 1.0, period: try BudgetPeriod("1h"))
            let r = try await ledger.reserve(account: f.account.id, limits: [limit], estimate: 0.5)
            ledger.settle(r, cost: 1.5, requestID: "a")
            await #expect(throws: GatewayError.self) {
                try await ledger.reserve(account: f.account.id, limits: [limit], estimate: 0.1)
            }
            clock.mutate { $0 = $0.addingTimeInterval(3600) }
            _ = try await ledger.reserve(account: f.account.id, limits: [limit], estimate: 0.1)
        }
    }
}
