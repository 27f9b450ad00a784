@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The gateway charges copilot credits by itself: a request made with a key owned in the copilot tree writes one
/// ledger row beside its spend row (credits = cost × the account's factor, attributed to the key's user, team and
/// organization and to the agent, connection and guardrail its metadata names), is refused with a 429 naming the
/// scope once that scope's credits in the active plan are used, and is admitted again after a renewal.
@Suite struct GatewayCreditTests {
    static func ledger(_ g: GatewayHarness) async throws -> [CreditLedgerEntry] {
        await g.gateway.spend.flush()
        return try await g.cockpit.database.read(.account(g.accountID)) { tx in
            try tx.query("SELECT \(CreditLedgerRepository.columns) FROM credit_ledger ORDER BY created_at")
                .map(CreditLedgerRepository.decode)
        }
    }

    /// Tree-owned keys need the model granted in their tree.
    static func grantMock(_ g: GatewayHarness) async throws {
        for domain in ProductDomain.allCases {
            _ = try await g.cockpit.access.addModelGrant(
                account: g.accountID, domain: domain, modelName: "mock-test", scope: .account, effect: .allow)
        }
    }

    @Test(arguments: StoreKind.available)
    func copilotKeysAreChargedRefusedAndAdmittedAfterRenewal(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            try await Self.grantMock(g)
            let credits = g.cockpit.credits, a = g.accountID
            let user = g.fixture.users[.copilot]!, team = g.fixture.teams[.copilot]!, org = g.fixture.orgs[.copilot]!
            _ = try await credits.setAccountAllocation(
                account: a, monthlyCredits: 10, overflowLimit: 0, creditFactor: 2)
            let plan = try await credits.createPlan(account: a, name: "Jan", cycle: nil)
            // A tenth of a cent of credits for the team: a few mock requests use it up.
            _ = try await credits.upsertAllocation(
                account: a, planID: plan.id.lowercased, scopeType: "team", scopeID: team.id.lowercased,
                allocatedCredits: 0.0002, overflowCap: 0.0001, source: nil)
            let key = try await g.newKey(["user_id": .string(user.id.lowercased)])
            let tagged = GatewayHarness.chat(
                "mock-test", extra: ["metadata": ["agent_id": "agent-7", "connection_id": "crm", "tenant_note": "x"]])
            var refusal: GatewayHarness.Answer?
            for _ in 0..<40 {
                let answer = try await g.call(.post, "/v1/chat/completions", key: key, json: tagged)
                if answer.status != 200 {
                    refusal = answer
                    break
                }
                await g.gateway.spend.flush()
            }
            let refused = try #require(refusal, "the team's credits ran out")
            #expect(refused.status == 429, "\(refused.text)")
            #expect(refused.json["error"]?["type"] == "budget_exceeded")
            let message = refused.json["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("copilot credits exhausted for team \(team.id.lowercased)"), "\(message)")
            #expect(message.contains("renew with the next cycle, expected"), "\(message)")
            // One ledger row per served request, charged to the chain, at the account's factor, to the micro-credit.
            let spend = try await g.spendRows(), rows = try await Self.ledger(g)
            #expect(rows.count == spend.count && rows.count >= 2)
            #expect(Set(rows.compactMap(\.requestID)) == Set(spend.map(\.requestID)))
            for row in rows {
                let cost = try #require(spend.first { $0.requestID == row.requestID }?.cost)
                #expect(
                    row.rawCost == Micros.from(cost)
                        && row.creditsIncurred == Micros.credits(raw: row.rawCost, factor: 2))
                #expect(row.userID == user.id.lowercased && row.teamID == team.id.lowercased)
                #expect(row.orgID == org.id.lowercased && row.planID == plan.id)
                #expect(row.agentID == "agent-7" && row.connectionID == "crm" && row.modelName == "mock-test")
            }
            let used = try await credits.usageByScope(account: a, planID: nil).items.first?.used
            #expect(used == rows.reduce(0) { $0 + $1.creditsIncurred })
            // A renewal opens a new plan with the allocation copied and nothing used in it: admitted again.
            _ = try await credits.renew(
                account: a,
                CycleRenewal(
                    cycleStart: Date().addingTimeInterval(-86_400), cycleEnd: Date().addingTimeInterval(60),
                    newPlanName: "Feb", rolloverCap: 0, copyOverrides: false, cycleEndDate: "2027-02-01"))
            let after = try await g.call(.post, "/v1/chat/completions", key: key, json: tagged)
            #expect(after.status == 200, "\(after.text)")
        }
    }

    @Test(arguments: StoreKind.available)
    func consoleKeysAndBadMetadata(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            try await Self.grantMock(g)
            let console = try await g.newKey(["user_id": .string(g.fixture.users[.console]!.id.lowercased)])
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: console, json: GatewayHarness.chat("mock-test"))
                    .status == 200)
            #expect(try await Self.ledger(g).isEmpty, "a console key writes no credit ledger row")
            // A copilot key without a plan is charged (factor 1), nothing is enforced.
            let copilot = try await g.newKey(["team_id": .string(g.fixture.teams[.copilot]!.id.lowercased)])
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: copilot, json: GatewayHarness.chat("mock-test"))
                    .status == 200)
            let rows = try await Self.ledger(g)
            #expect(rows.count == 1 && rows[0].planID == nil && rows[0].creditFactor == 1 && rows[0].userID == nil)
            let bad = try await g.call(
                .post, "/v1/chat/completions", key: copilot,
                json: GatewayHarness.chat("mock-test", extra: ["metadata": ["agent_id": 7]]))
            #expect(bad.status == 400 && bad.json["error"]?["param"] == "metadata.agent_id", "\(bad.text)")
        }
    }
}
