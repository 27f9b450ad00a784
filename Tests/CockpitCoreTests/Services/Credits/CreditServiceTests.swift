@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The credit rules of V1_CONTRACT.md "Copilot budgets" in the core: effective allocation with overrides, equal
/// distribution, usage by scope, alerts with entity names, who may change what.
@Suite struct CreditServiceTests {
    static func micros(_ credits: Double) -> Int64 { Micros.from(credits)! }

    @Test(arguments: StoreKind.available)
    func effectiveAllocationAppliesTheNewestOverrideAndDoesNotClamp(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            let org = f.orgs[.copilot]!.id.lowercased, team = f.teams[.copilot]!.id.lowercased
            let user = f.users[.copilot]!.id.lowercased
            _ = try await credits.setAccountAllocation(
                account: a, monthlyCredits: 1000, overflowLimit: 50, creditFactor: 1.5)
            let plan = try await credits.createPlan(account: a, name: "Q1", cycle: nil)
            #expect(plan.cycle == "monthly" && plan.status == .active)
            for (type, id, amount) in [("org", org, 400.0), ("team", team, 300.0), ("user", user, 200.0)] {
                _ = try await credits.upsertAllocation(
                    account: a, planID: plan.id.lowercased, scopeType: type, scopeID: id, allocatedCredits: amount,
                    overflowCap: nil, source: nil)
            }
            // Overrides at each level: the newest of a scope wins; one on a scope without an allocation is not counted.
            _ = try await credits.addOverride(
                account: a, planID: plan.id.lowercased, scopeType: " GROUP ", scopeID: org, overrideCredits: 100,
                reason: "first")
            _ = try await credits.addOverride(
                account: a, planID: plan.id.lowercased, scopeType: "org", scopeID: org, overrideCredits: 600,
                reason: "newer")
            _ = try await credits.addOverride(
                account: a, planID: plan.id.lowercased, scopeType: "team", scopeID: team, overrideCredits: 350,
                reason: nil)
            _ = try await credits.addOverride(
                account: a, planID: plan.id.lowercased, scopeType: "pool", scopeID: "pool", overrideCredits: 999,
                reason: "no allocation")
            let e = try await credits.effectiveAllocation(account: a, planID: plan.id.uuidString)
            #expect(e.items.map(\.effectiveAllocated) == [600, 350, 200].map { Self.micros($0) })
            #expect(e.items.map(\.overrideApplied) == [true, true, false])
            #expect(e.items.map(\.baseAllocated) == [400, 300, 200].map { Self.micros($0) })
            #expect(e.distributed == Self.micros(1150) && e.unallocated == -Self.micros(150))
            #expect(
                e.creditFactor == 1.5 && e.overflowLimit == Self.micros(50) && e.monthlyCredits == Self.micros(1000))
            await #expect(throws: CockpitError.notFound("Budget plan")) {
                try await credits.effectiveAllocation(account: a, planID: "not-a-plan")
            }
            // Removing the newest override of the organization brings back the one before it.
            let overrides = try await credits.overrides(account: a, planID: plan.id.lowercased)
            #expect(overrides.map(\.reason) == ["first", "newer", nil, "no allocation"])
            try await credits.deleteOverride(account: a, id: overrides[1].id.uuidString)
            let after = try await credits.effectiveAllocation(account: a, planID: plan.id.lowercased)
            #expect(after.items.first?.effectiveAllocated == Self.micros(100))
            await #expect(throws: CockpitError.notFound("Budget override")) {
                try await credits.deleteOverride(account: a, id: overrides[1].id.lowercased)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func equalDistributionAndTheOriginalsChecksInOrder(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased, user = f.users[.copilot]!.id.lowercased
            let plan = try await credits.createPlan(account: a, name: "P", cycle: "quarterly").id.lowercased
            let (share, ids) = try await credits.distributeEqually(
                account: a, planID: plan, scopeType: "user", scopeIDs: [user, user.uppercased(), user],
                totalCredits: 1000, overflowCap: 5)
            #expect(share == 333_333_333 && ids.count == 3 && Set(ids).count == 1)
            let again = try await credits.distributeEqually(
                account: a, planID: plan, scopeType: "team", scopeIDs: [team], totalCredits: 10, overflowCap: nil)
            #expect(again.perScope == Self.micros(10))
            let e = try await credits.effectiveAllocation(account: a, planID: plan)
            #expect(e.items.map(\.scope.type) == [.user, .team] && e.items.allSatisfy { !$0.overrideApplied })
            await #expect(throws: CockpitError.badRequest("scope_type must be one of: org,pool,team,user")) {
                try await credits.distributeEqually(
                    account: a, planID: "x", scopeType: "account", scopeIDs: [], totalCredits: -1, overflowCap: nil)
            }
            await #expect(throws: CockpitError.badRequest("scope_ids cannot be empty")) {
                try await credits.distributeEqually(
                    account: a, planID: "x", scopeType: "team", scopeIDs: [], totalCredits: -1, overflowCap: nil)
            }
            await #expect(throws: CockpitError.badRequest("total_credits cannot be negative")) {
                try await credits.distributeEqually(
                    account: a, planID: "x", scopeType: "team", scopeIDs: ["t"], totalCredits: -1, overflowCap: nil)
            }
            await #expect(throws: CockpitError.notFound("Budget plan")) {
                try await credits.distributeEqually(
                    account: a, planID: "x", scopeType: "team", scopeIDs: ["t"], totalCredits: 1, overflowCap: nil)
            }
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await credits.distributeEqually(
                    account: a, planID: plan, scopeType: "team", scopeIDs: [team, "t"], totalCredits: 1,
                    overflowCap: nil)
            }
            // A console team is not a copilot team; nothing of the refused call was written.
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await credits.upsertAllocation(
                    account: a, planID: plan, scopeType: "team", scopeID: f.teams[.console]!.id.lowercased,
                    allocatedCredits: 1, overflowCap: nil, source: nil)
            }
            #expect(try await credits.effectiveAllocation(account: a, planID: plan).items.count == 2)
            await #expect(throws: CockpitError.badRequest("allocated_credits cannot be negative")) {
                try await credits.upsertAllocation(
                    account: a, planID: plan, scopeType: "team", scopeID: team, allocatedCredits: -0.5,
                    overflowCap: -1, source: nil)
            }
            await #expect(throws: CockpitError.badRequest("overflow_cap cannot be negative")) {
                try await credits.upsertAllocation(
                    account: a, planID: plan, scopeType: "team", scopeID: team, allocatedCredits: 1, overflowCap: -1,
                    source: nil)
            }
            await #expect(throws: CockpitError.self) {
                try await credits.upsertAllocation(
                    account: a, planID: plan, scopeType: "team", scopeID: team, allocatedCredits: 1e300,
                    overflowCap: nil, source: nil)
            }
            #expect(try await credits.deleteAllocation(account: a, planID: plan, scopeType: "TEAM", scopeID: team))
            #expect(!(try await credits.deleteAllocation(account: a, planID: plan, scopeType: "team", scopeID: team)))
        }
    }

    @Test(arguments: StoreKind.available)
    func usageAlertsAndBreakdownsNameWhatTheyCount(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), credits = cockpit.credits
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id
            let org = f.orgs[.copilot]!, team = f.teams[.copilot]!, user = f.users[.copilot]!
            _ = try await credits.setAccountAllocation(
                account: a, monthlyCredits: 100, overflowLimit: 0, creditFactor: 2)
            let plan = try await credits.createPlan(account: a, name: "P", cycle: nil).id.lowercased
            for (type, id, amount) in [
                ("org", org.id.lowercased, 100.0), ("team", team.id.lowercased, 20.0),
                ("user", user.id.lowercased, 10.0), ("pool", "pool", 5.0),
            ] {
                _ = try await credits.upsertAllocation(
                    account: a, planID: plan, scopeType: type, scopeID: id, allocatedCredits: amount, overflowCap: nil,
                    source: nil)
            }
            // 4.5 raw × factor 2 = 9 credits, charged to the user, the team and the organization.
            let row = try await credits.recordUsage(
                account: a, rawCost: 4.5,
                attribution: CreditAttribution(
                    orgID: org.id.uuidString, teamID: team.id.lowercased, userID: user.id.uuidString,
                    agentID: "agent-1",
                    modelName: "gpt-4o"),
                metadata: nil, requestID: "r-1")
            #expect(row.creditsIncurred == Self.micros(9) && row.creditFactor == 2 && row.userID == user.id.lowercased)
            let repeated = try await credits.recordUsage(
                account: a, rawCost: 100, attribution: CreditAttribution(), metadata: nil, requestID: "r-1")
            #expect(repeated == row)
            _ = try await credits.recordUsage(
                account: a, rawCost: 0.5, attribution: CreditAttribution(teamID: team.id.lowercased), metadata: nil,
                requestID: nil)
            let usage = try await credits.usageByScope(account: a, planID: nil)
            #expect(usage.planID == plan)
            #expect(usage.items.map(\.used) == [9, 10, 9, 0].map { Self.micros($0) })
            #expect(usage.items.map(\.usagePercentage) == [9, 50, 90, 0])
            #expect(try await credits.usageByScope(account: a, planID: "unknown").items.isEmpty)
            let alerts = try await credits.alerts(account: a, threshold: 50)
            #expect(alerts.map(\.entityName) == [user.displayName, team.name])
            #expect(alerts.map(\.level) == [.critical, .warning])
            let all = try await credits.alerts(account: a, threshold: 0)
            #expect(all.map(\.entityName).contains("pool") && all.map(\.entityName).contains(org.name))
            await #expect(throws: CockpitError.self) { try await credits.alerts(account: a, threshold: 1001) }
            let byAgent = try await credits.costBreakdown(account: a, by: .agent)
            #expect(byAgent.map(\.key) == [nil, "agent-1"] || byAgent.map(\.key) == ["agent-1", nil])
            #expect(byAgent.first { $0.key == "agent-1" }?.credits == Self.micros(9))
            let today = try await credits.dailyUsage(account: a, days: 1)
            #expect(today.count == 1 && today.first?.credits == Self.micros(10) && today.first?.rows == 2)
            await #expect(throws: CockpitError.self) { try await credits.dailyUsage(account: a, days: 0) }
            let ledger = try await credits.ledgerBreakdown(
                account: a, domain: .copilot, orgID: nil, teamID: team.id.lowercased, userID: nil)
            #expect(ledger.map(\.creditsIncurred) == [Self.micros(9), Self.micros(1)])
        }
    }

    @Test(arguments: StoreKind.available)
    func whoMayChangeCredits(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Acme"),
                other = try await TenantFixture.make(cockpit, name: "Other")
            let a = f.account.id, team = f.teams[.copilot]!
            let plan = try await cockpit.credits.createPlan(account: a, name: "P", cycle: nil).id.lowercased
            let admin = try await cockpit.directory.upsertUser(
                account: a, domain: .copilot,
                UserInput(email: "lead@acme.test", identityUserID: "z-lead", teamIDs: [team.id]))
            _ = try await cockpit.directory.addMember(
                account: a, domain: .copilot, teamID: team.id, userID: admin.user.id, role: .admin)
            var lead = Principal(
                method: .zitadel, name: "lead@acme.test", accountID: a, roles: [.copilotTeamAdmin], domains: [.copilot])
            lead.identityUserID = "z-lead"
            let asLead = cockpit.acting(as: lead).credits
            _ = try await asLead.upsertAllocation(
                account: a, planID: plan, scopeType: "team", scopeID: team.id.lowercased, allocatedCredits: 5,
                overflowCap: nil, source: nil)
            _ = try await asLead.upsertAllocation(
                account: a, planID: plan, scopeType: "user", scopeID: f.users[.copilot]!.id.lowercased,
                allocatedCredits: 5, overflowCap: nil, source: nil)
            for (type, id) in [("org", f.orgs[.copilot]!.id.lowercased), ("pool", "pool")] {
                await #expect(throws: CockpitError.self) {
                    try await asLead.upsertAllocation(
                        account: a, planID: plan, scopeType: type, scopeID: id, allocatedCredits: 5, overflowCap: nil,
                        source: nil)
                }
            }
            let consoleAdmin = Principal(
                method: .zitadel, name: "c@acme.test", accountID: a, roles: [.consoleOrgAdmin], domains: [.console])
            await #expect(throws: CockpitError.self) {
                try await cockpit.acting(as: consoleAdmin).credits.activePlan(account: a)
            }
            let otherAdmin = Principal(method: .session, name: "o", accountID: other.account.id, roles: [.accountAdmin])
            await #expect(throws: CockpitError.forbidden("this belongs to another account")) {
                try await cockpit.acting(as: otherAdmin).credits.activePlan(account: a)
            }
            await #expect(throws: CockpitError.self) {
                try await cockpit.acting(as: otherAdmin).credits.accountAllocations()
            }
        }
    }
}
