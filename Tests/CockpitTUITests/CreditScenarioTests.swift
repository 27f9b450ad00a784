import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// `:credits` driven key by key on the local backend: the account's allocation, a plan, allocating, splitting
/// equally, overriding and dropping the override, a refusal from the core shown in the form, the renewal refused on
/// a wrong word and done on the plan's name, `:credits usage 30d`, and read-only mode refusing every change.
@Suite struct CreditScenarioTests {
    static func command(_ app: CockpitApp, _ text: String) async { await ControlViewScenarioTests.command(app, text) }

    /// Fills the open form's fields in order (each cleared first) and sends it.
    static func fill(_ app: CockpitApp, _ values: [String]) async {
        for (i, value) in values.enumerated() {
            await AdminScenarioTests.clear(app)
            ControlViewScenarioTests.type(app, value)
            if i < values.count - 1 { await app.press(.tab) }
        }
        await KeyHandlerTests.submit(app)
    }

    /// Selects the row of `scope` in `:credits`.
    static func select(_ app: CockpitApp, _ scope: CreditScope) async throws {
        let rows = try #require(CreditsScreen.overview(app.state)).rows
        let index = try #require(rows.firstIndex { $0.scope == scope }, "\(scope) is in the tree")
        await app.press(.char("g"))
        for _ in 0..<index { await app.press(.down) }
    }

    static func scope(_ type: CreditScopeType, _ id: UUID) -> CreditScope { CreditScope(type: type, id: id.lowercased) }

    @Test(arguments: StoreKind.available)
    func creditsAreAllocatedSplitOverriddenAndRenewed(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let id = a.account.id, team = a.teams[.copilot]!.id
            let second = try await cockpit.directory.upsertUser(
                account: id, domain: .copilot, UserInput(email: "second@alpha.test", teamIDs: [team])
            ).user
            try await Self.scenario(app, cockpit, a, second: second.id)
        }
    }

    /// The scenario itself (the remote test in ProxyServerTests drives the same keys through a server).
    static func scenario(_ app: CockpitApp, _ cockpit: Cockpit, _ a: TenantFixture, second: UUID) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id
        await command(app, "credits")
        #expect(CreditsScreen.overview(app.state)?.plan == nil)
        // The account's allocation (super-admin), then a plan.
        await app.press(.char("A"))
        await fill(app, ["1000", "100", "1.5"])
        let allocation = try #require(try await cockpit.credits.allocation(account: id))
        #expect(allocation.monthlyCredits == Micros.from(1000) && allocation.creditFactor == 1.5)
        await app.press(.char("n"))
        await fill(app, ["FY27", "monthly"])
        let plan = try #require(try await cockpit.credits.activePlan(account: id))
        #expect(plan.name == "FY27" && app.state.message == "plan FY27 is active")
        func effective() async throws -> EffectiveAllocation {
            try await cockpit.credits.effectiveAllocation(account: id, planID: plan.id.lowercased)
        }

        // Allocate to the team; a negative amount is the core's refusal, shown in the form.
        try await select(app, scope(.team, team))
        await app.press(.char("e"))
        await fill(app, ["-5", ""])
        guard case .form(let refused) = app.state.mode else { Issue.record("the refusal closed the form"); return }
        #expect(refused.error == "allocated_credits cannot be negative", "\(refused.error ?? "")")
        await app.press(.backTab)
        await fill(app, ["200", "20"])
        #expect(
            try await effective().items.map { ($0.scope, $0.baseAllocated, $0.overflowCap) }.elementsEqual(
                [(scope(.team, team), Micros.from(200)!, Micros.from(20))], by: ==))
        guard case .screen(let after) = app.state.mode else { Issue.record("not back in :credits"); return }
        #expect(CreditsScreen.overview(app.state)?.rows[after.selected].scope == scope(.team, team), "selection kept")

        // Split 300 equally over the team's two members.
        await app.press(.char("D"))
        await fill(app, ["300", ""])
        let users = try await effective().items.filter { $0.scope.type == .user }
        #expect(
            Set(users.map(\.scope)) == [scope(.user, a.users[.copilot]!.id), scope(.user, second)]
                && users.allSatisfy { $0.baseAllocated == Micros.from(150) }, "\(users)")
        #expect(app.state.message?.hasPrefix("150 credits each to the 2 members") == true, "\(app.state.message ?? "")")
        // The organization with nothing allocated: its row has usage "—"; splitting over a user is refused here.
        try await select(app, scope(.user, second))
        await app.press(.char("D"))
        #expect(app.state.message?.contains("select an organization with teams or a team with members") == true)

        // Override the team, with a reason; then drop it (y): the base applies again.
        try await select(app, scope(.team, team))
        await app.press(.char("o"))
        await fill(app, ["150", "holiday rota"])
        #expect(
            try await effective().items.first { $0.scope == scope(.team, team) }?.effectiveAllocated == Micros.from(150)
        )
        let shown = try #require(CreditsScreen.overview(app.state))
        #expect(shown.override(scope(.team, team))?.reason == "holiday rota")
        await app.press(.char("d"))
        guard case .confirm(let question) = app.state.mode else { Issue.record("no question before removing"); return }
        #expect(
            question.expected == "y" && question.title.contains("its allocation (200) applies again"),
            "\(question.title)")
        ControlViewScenarioTests.type(app, "y")
        await app.press(.enter)
        #expect(try await cockpit.credits.overrides(account: id, planID: plan.id.lowercased).isEmpty)
        #expect(app.state.message == "override removed" && CreditsScreen.overview(app.state)?.overrides == [])

        // Renew: the form, then a wrong word is refused and nothing is renewed; the plan's name renews.
        await app.press(.char("r"))
        await fill(app, ["2030-01-01", "2030-02-01", "", "50", "no"])
        guard case .confirm(let renewal) = app.state.mode else { Issue.record("no typed confirmation"); return }
        #expect(renewal.expected == "FY27")
        ControlViewScenarioTests.type(app, "renew")
        await app.press(.enter)
        #expect(app.state.message == "type FY27 to confirm (esc cancels)")
        #expect(try await cockpit.credits.cycleHistory(account: id).isEmpty)
        for _ in 0..<5 { await app.press(.backspace) }
        ControlViewScenarioTests.type(app, "FY27")
        await app.press(.enter)
        let cycles = try await cockpit.credits.cycleHistory(account: id)
        #expect(cycles.count == 1 && cycles.first?.rolloverCredits == Micros.from(50), "\(cycles)")
        #expect(try await cockpit.credits.activePlan(account: id)?.name == "FY27 (2030-02-01)")
        #expect(app.state.mode == .screen(ScreenState(name: CreditsScreen.name, argument: "history")))
        #expect(CreditsScreen.overview(app.state)?.cycles?.count == 1)
        #expect(app.state.message?.hasPrefix("renewed: plan FY27 (2030-02-01) is active") == true)

        // The ledger by day.
        _ = try await cockpit.credits.recordUsage(
            account: id, rawCost: 2, attribution: CreditAttribution(teamID: team.lowercased, agentID: "bot"),
            metadata: nil, requestID: nil)
        await app.press(.char("u"))
        let report = try #require(
            app.state.session.screenData[CreditUsageScreen.name]?.get(CreditUsageScreen.Report.self))
        #expect(report.days == 30 && report.daily.map(\.credits) == [Micros.from(3)!])
        #expect(report.breakdowns[.agent]?.first?.key == "bot")
        await app.press(.char("c"))
        #expect(app.state.mode == .screen(ScreenState(name: CreditsScreen.name)))
    }

    @Test func theRefreshReusesTheTreeAndOpeningReadsItAgain() async throws {
        try await KeyHandlerTests.withAlpha(.sqlite) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let id = a.account.id
            _ = try await cockpit.credits.createPlan(account: id, name: "P", cycle: nil)
            await Self.command(app, "credits")
            let loaded = try #require(CreditsScreen.overview(app.state)).treeLoadedAt
            let late = try await cockpit.directory.createTeam(
                account: id, domain: .copilot, orgID: a.orgs[.copilot]!.id, name: "Late team")
            _ = try await cockpit.credits.upsertAllocation(
                account: id, planID: try #require(try await cockpit.credits.activePlan(account: id)).id.lowercased,
                scopeType: "pool", scopeID: "pool", allocatedCredits: 5, overflowCap: nil, source: nil)
            try await app.apply(.refresh(account: id))
            let refreshed = try #require(CreditsScreen.overview(app.state))
            #expect(refreshed.item(.pool)?.baseAllocated == Micros.from(5), "the credits are read on every refresh")
            // Reused for `treeAge` after it was read (a suite that starves this test past it reads it again).
            if Date().timeIntervalSince(loaded) < CreditsOverview.treeAge {
                #expect(refreshed.treeLoadedAt == loaded)
                #expect(!refreshed.rows.contains { $0.label == "Late team" }, "the tree is reused for a while")
            }
            await Self.command(app, "credits")
            #expect(CreditsScreen.overview(app.state)?.rows.contains { $0.scope.id == late.id.lowercased } == true)
        }
    }
}

extension Mode {
    var isScreen: Bool { if case .screen = self { true } else { false } }
}
