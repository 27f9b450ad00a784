@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// `:credits` (the tree with allocations, overrides and usage bars at each alert level, an over-allocated plan), its
/// renewals, the renewal's typed confirmation, and `:credits usage 30d`, at 80×24 and 160×48.
@Suite struct CreditViewSnapshotTests {
    static let sizes = ViewSnapshotTests.sizes.map { "\($0.0)x\($0.1)" }
    static func m(_ credits: Double) -> Int64 { Micros.from(credits)! }

    /// The fixture's copilot tree grown (a second organization, members in Support, a long email) with credits: an
    /// organization at 30 %, a team overridden and at 87 % (warning), users at 95 % (critical) and 120 % (exceeded),
    /// the pool; 900 distributed of 800 a month.
    static func loaded() -> CockpitState {
        var s = Fixture.state()
        let acme = s.accounts[0], global = Fixture.uuid(30), support = Fixture.uuid(31)
        var tree = s.session.data[.copilot]!
        let research = Fixture.org(32, acme, .copilot, "Research")
        let lab = Fixture.team(33, research, "Lab")
        tree.orgs = [tree.orgs![0], research]
        tree.teams[research.id] = [lab]
        let supportTeam = tree.teams[global]![0]
        tree.members[support] = [
            Fixture.member(34, supportTeam, "ana@acme.io", .admin),
            Fixture.member(35, supportTeam, "a-very-long-address-for-support@acme.example", .member),
        ]
        tree.members[lab.id] = []
        let plan = CreditPlan(
            id: Fixture.uuid(60), accountID: acme.id, name: "FY27", cycle: "monthly", status: .active,
            createdBy: "admin@acme.io", createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
        func scope(_ type: CreditScopeType, _ n: Int) -> CreditScope {
            CreditScope(type: type, id: Fixture.uuid(n).lowercased)
        }
        let items: [EffectiveAllocation.Item] = [
            .init(
                scope: scope(.org, 30), baseAllocated: m(400), effectiveAllocated: m(400), overrideApplied: false,
                overflowCap: nil),
            .init(
                scope: scope(.team, 31), baseAllocated: m(200), effectiveAllocated: m(150), overrideApplied: true,
                overflowCap: m(20)),
            .init(
                scope: scope(.user, 34), baseAllocated: m(100), effectiveAllocated: m(100), overrideApplied: false,
                overflowCap: nil),
            .init(
                scope: scope(.user, 35), baseAllocated: m(50), effectiveAllocated: m(50), overrideApplied: false,
                overflowCap: m(5)),
            .init(
                scope: .pool, baseAllocated: m(200.5), effectiveAllocated: m(200.5), overrideApplied: false,
                overflowCap: nil),
        ]
        var o = CreditsOverview()
        o.allocation = AccountCreditAllocation(
            accountID: acme.id, monthlyCredits: m(800), overflowLimit: m(100), creditFactor: 1.5,
            effectiveFrom: Fixture.epoch, updatedAt: Fixture.epoch)
        o.plan = plan
        o.effective = EffectiveAllocation(
            planID: plan.id, accountID: acme.id, monthlyCredits: m(800), distributed: m(900.5), unallocated: -m(100.5),
            creditFactor: 1.5, overflowLimit: m(100), items: items)
        o.usage = [
            ScopeUsage(scope: scope(.org, 30), allocatedCredits: m(400), used: m(120), overflowCap: nil),
            ScopeUsage(scope: scope(.team, 31), allocatedCredits: m(200), used: m(130), overflowCap: m(20)),
            ScopeUsage(scope: scope(.user, 34), allocatedCredits: m(100), used: m(95), overflowCap: nil),
            ScopeUsage(scope: scope(.user, 35), allocatedCredits: m(50), used: m(60), overflowCap: m(5)),
            ScopeUsage(scope: .pool, allocatedCredits: m(200.5), used: 0, overflowCap: nil),
        ]
        o.overrides = [
            CreditOverride(
                id: Fixture.uuid(61), accountID: acme.id, planID: plan.id, scope: scope(.team, 31),
                overrideCredits: m(150), reason: "support rota cut for the holidays", createdBy: "admin@acme.io",
                createdAt: Fixture.epoch)
        ]
        o.tree = tree
        o.cycles = [
            CreditCycle(
                id: Fixture.uuid(62), accountID: acme.id, cycleStart: Fixture.epoch.addingTimeInterval(-30 * 86_400),
                cycleEnd: Fixture.epoch,
                summary: CycleSummary(
                    sourcePlanID: Fixture.uuid(63), newPlanID: plan.id, usedCredits: m(912.25), monthlyCredits: m(800),
                    overflowChargeCredits: m(112.25), rolloverCredits: 0), createdBy: "admin@acme.io",
                createdAt: Fixture.epoch)
        ]
        var session = s.session
        session.data[.copilot] = tree
        session.screenData[CreditsScreen.name] = ScreenData(o)
        let models = (0..<9).map { (i: Int) -> CreditCostGroup in
            let raw: Double = Double(90 - i * 10), credits: Double = Double(135 - i * 15)
            return CreditCostGroup(key: "model-\(i)", rawCost: m(raw), credits: m(credits))
        }
        let day = { (back: Double) in Timestamp.day(Fixture.epoch.addingTimeInterval(-back * 86_400)) }
        let daily = (0..<30).filter { $0 % 4 != 3 }.map { (i: Int) -> CreditDay in
            let left = Double(30 - i)
            return CreditDay(day: day(Double(i)), credits: m(left * 2.5), rawCost: m(left * 1.25), rows: Int64(10 + i))
        }
        session.screenData[CreditUsageScreen.name] = ScreenData(
            CreditUsageScreen.Report(
                days: 30,
                daily: daily,
                breakdowns: [
                    .agent: [
                        CreditCostGroup(key: "support-bot", rawCost: m(300), credits: m(450)),
                        CreditCostGroup(
                            key: "code-review-agent-with-a-very-long-name", rawCost: m(120), credits: m(180)),
                        CreditCostGroup(key: nil, rawCost: m(10), credits: m(15)),
                    ],
                    .connection: [CreditCostGroup(key: "jira", rawCost: m(200), credits: m(300))],
                    .guardrail: [],
                    .llm: models,
                ]))
        s.session = session
        return s
    }

    @Test(arguments: sizes)
    func creditsTree(size: String) {
        var s = Self.loaded()
        s.mode = .screen(ScreenState(name: CreditsScreen.name, selected: 1))
        Snapshot.check("credits-\(size)", ViewSnapshotTests.frame(s, ViewSnapshotTests.parse(size)))
    }

    @Test(arguments: sizes)
    func renewalsAndTheTypedConfirmation(size: String) {
        var s = Self.loaded()
        s.mode = .screen(ScreenState(name: CreditsScreen.name, argument: "history"))
        Snapshot.check("credits-history-\(size)", ViewSnapshotTests.frame(s, ViewSnapshotTests.parse(size)))
        s.mode = .confirm(
            ConfirmState(
                title:
                    "renew FY27 for 2027-01-01 → 2027-02-01?\nopens FY27 (2027-02-01)\n"
                    + "unallocated credits into the pool: at most 50 · overrides not copied",
                expected: "FY27", effect: .loadAccounts, returnTo: .screen(ScreenState(name: CreditsScreen.name))))
        Snapshot.check("credits-renew-\(size)", ViewSnapshotTests.frame(s, ViewSnapshotTests.parse(size)))
    }

    @Test(arguments: sizes)
    func usageByDayAndBreakdowns(size: String) {
        var s = Self.loaded()
        s.mode = .screen(ScreenState(name: CreditUsageScreen.name, argument: "30d"))
        Snapshot.check("credits-usage-\(size)", ViewSnapshotTests.frame(s, ViewSnapshotTests.parse(size)))
    }

    @Test func aLongTreeScrollsToTheSelection() {
        var s = Self.loaded()
        var o = CreditsScreen.overview(s)!
        let support = o.tree.teams[Fixture.uuid(30)]![0]
        o.tree.members[support.id] = (0..<5_000).map { Fixture.member(100 + $0, support, "user\($0)@acme.io", .member) }
        s.session.screenData[CreditsScreen.name] = ScreenData(o)
        let index = o.rows.firstIndex { $0.label == "user4321@acme.io" }!
        s.mode = .screen(ScreenState(name: CreditsScreen.name, selected: index))
        let started = Date()
        let text = Snapshot.text(ViewSnapshotTests.frame(s, (80, 24)))
        #expect(text.contains("user4321@acme.io") && !text.contains("user1@acme.io "))
        #expect(Date().timeIntervalSince(started) < 1, "only the rows in sight are drawn")
    }

    @Test func theNumbersAsShown() {
        #expect(CreditText.of(Self.m(1250.5)) == "1,250.5" && CreditText.of(Self.m(0.25)) == "0.25")
        #expect(CreditText.of(-Self.m(100.5)) == "-100.5" && CreditText.of(Self.m(1_000_000)) == "1,000,000")
        #expect(CreditText.of(Self.m(1_234_567), cells: 8) == "1.2M" && CreditText.column(nil, cells: 6) == "    — ")
        #expect(CreditForms.confirmation(Self.plan("FY27")) == "FY27")
        #expect(
            CreditForms.confirmation(Self.plan("研究 budget")) == "renew"
                && CreditForms.confirmation(Self.plan(" ")) == "renew")
    }

    static func plan(_ name: String) -> CreditPlan {
        CreditPlan(
            id: Fixture.uuid(60), accountID: Fixture.uuid(1), name: name, cycle: "monthly", status: .active,
            createdBy: "a", createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
    }
}
