@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Ten thousand requests leave ten thousand spend rows and exactly their total cost, in the rows, the daily
/// aggregates, the key and the account.
@Suite struct GatewayVolumeTests {
    @Test(arguments: StoreKind.available)
    func tenThousandRequestsTenThousandRows(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let key = try await g.newKey()
            let n = 10_000
            let costs = try await withThrowingTaskGroup(of: [Double].self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var costs: [Double] = []
                        for _ in stride(from: worker, to: n, by: 16) {
                            let answer = try await g.call(
                                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("mock-test"))
                            guard answer.status == 200,
                                let cost = Double(answer.header("x-litellm-response-cost") ?? "")
                            else {
                                throw GatewayHarness.Failure.keyNotGenerated(answer.text)
                            }
                            costs.append(cost)
                        }
                        return costs
                    }
                }
                return try await group.reduce(into: [Double]()) { $0 += $1 }
            }
            #expect(costs.count == n)
            let expected = costs.reduce(0, +)
            await g.gateway.spend.flush()
            let (rows, total) = try await g.cockpit.database.read(.account(g.accountID)) {
                try SpendRepository($0).totals()
            }
            #expect(rows == Int64(n))
            #expect(abs(total - expected) < 1e-9, "rows \(total) vs answers \(expected)")
            let daily = try await g.cockpit.database.read(.account(g.accountID)) { tx in
                try SpendRepository(tx).breakdown(by: .model, fromDay: "2000-01-01", toDay: "2999-12-31")
            }
            #expect(daily.first?.requests == Int64(n) && abs((daily.first?.cost ?? 0) - expected) < 1e-9)
            let keySpend =
                try await g.call(.get, "/key/info?key=\(key)", key: key).json["info"]?["spend"]?.doubleValue ?? 0
            #expect(abs(keySpend - expected) < 1e-9)
            #expect(abs(try await g.cockpit.accounts.get(g.accountID).spend - expected) < 1e-9)
        }
    }
}
