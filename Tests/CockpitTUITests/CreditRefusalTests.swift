import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// What `:credits` may not do: an account admin is not offered the account's allocation and the core refuses it if
/// asked anyway; read-only mode refuses every change in the key handler, and a read-only principal's backend by any
/// call.
@Suite struct CreditRefusalTests {
    @Test(arguments: StoreKind.available)
    func anAccountAdminSeesTheAllocationAndTheCoreRefusesTheirChangeOfIt(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            _ = try await cockpit.credits.setAccountAllocation(
                account: a.account.id, monthlyCredits: 500, overflowLimit: 0, creditFactor: 1)
            let admin = Principal(
                method: .local, name: "admin@alpha.test", accountID: a.account.id, roles: [.accountAdmin])
            let app = CockpitApp(
                backend: LocalBackend(cockpit: cockpit, principal: admin, identity: "admin@alpha.test"))
            try await app.prepare()
            await CreditScenarioTests.command(app, "credits")
            #expect(CreditsScreen.overview(app.state)?.allocation?.monthlyCredits == Micros.from(500))
            let tree = HintBar.hints(CreditsScreen.self, app.state, ScreenState(name: CreditsScreen.name), room: 500)
            #expect(!tree.contains("A account") && tree.contains("e allocate"))
            // The renewals list offers what works there, not the tree's keys.
            let renewals = HintBar.hints(
                CreditsScreen.self, app.state, ScreenState(name: CreditsScreen.name, argument: "history"), room: 500)
            #expect(renewals.contains("r renew") && renewals.contains("H history") && !renewals.contains("allocate"))
            // The key is not offered to them; pressed anyway, the core refuses (the cockpit decides nothing).
            await app.press(.char("A"))
            await CreditScenarioTests.fill(app, ["900", "0", "1"])
            guard case .form(let refused) = app.state.mode else { Issue.record("the refusal closed the form"); return }
            #expect(refused.error?.isEmpty == false, "the core's refusal is shown: \(refused.error ?? "")")
            #expect(try await cockpit.credits.allocation(account: a.account.id)?.monthlyCredits == Micros.from(500))
        }
    }

    @Test(arguments: StoreKind.available)
    func aReadOnlyPrincipalChangesNoCreditsThroughTheBackend(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Frozen")
            let account = f.account.id
            let plan = try await cockpit.credits.createPlan(account: account, name: "P", cycle: nil)
            let override = try await cockpit.credits.addOverride(
                account: account, planID: plan.id.lowercased, scopeType: "pool", scopeID: "pool", overrideCredits: 1,
                reason: nil)
            let backend = LocalBackend(
                cockpit: cockpit, principal: Principal.superAdmin(method: .local, name: "root").readingOnly(),
                identity: "root")
            let attempts: [(String, @Sendable () async throws -> Void)] = [
                (
                    "allocation",
                    {
                        try await backend.setCreditAllocation(
                            account: account, monthlyCredits: 1, overflowLimit: 0, creditFactor: 1)
                    }
                ),
                ("plan", { _ = try await backend.createCreditPlan(account: account, name: "Q", cycle: "monthly") }),
                (
                    "allocate",
                    {
                        try await backend.allocateCredits(
                            account: account, plan: plan.id, scope: .pool, credits: 1, overflowCap: nil)
                    }
                ),
                (
                    "split",
                    {
                        _ = try await backend.distributeCredits(
                            account: account, plan: plan.id, type: .team, ids: [f.teams[.copilot]!.id.lowercased],
                            total: 1, overflowCap: nil)
                    }
                ),
                (
                    "override",
                    {
                        try await backend.addCreditOverride(
                            account: account, plan: plan.id, scope: .pool, credits: 1, reason: nil)
                    }
                ),
                ("drop override", { try await backend.deleteCreditOverride(account: account, id: override.id) }),
                (
                    "renew",
                    {
                        _ = try await backend.renewCredits(
                            account: account, CycleRenew(cycleStart: "2030-01-01", cycleEnd: "2030-02-01"))
                    }
                ),
            ]
            for (name, attempt) in attempts {
                await #expect(throws: ReadOnlyDatabase.refusal, "\(name)") { try await attempt() }
            }
            #expect(try await backend.creditOverrides(account: account, plan: plan.id).map(\.id) == [override.id])
            #expect(try await backend.activeCreditPlan(account: account)?.id == plan.id, "reads go on")
        }
    }

    @Test func aRefusedRenewalIsWordedInTheStatusLine() async throws {
        try await KeyHandlerTests.withAlpha(.sqlite) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            _ = try await cockpit.credits.createPlan(account: a.account.id, name: "Gone", cycle: nil)
            await CreditScenarioTests.command(app, "credits")
            await app.press(.char("r"))
            await CreditScenarioTests.fill(app, ["2030-01-01", "2030-02-01", "", "", "no"])
            // Renewed elsewhere meanwhile by someone who then left no active plan.
            _ = try await cockpit.database.write(.account(a.account.id)) { tx in
                try tx.execute(
                    "UPDATE credit_plans SET status = 'inactive' WHERE account_id = $1", [.uuid(a.account.id)])
            }
            ControlViewScenarioTests.type(app, "Gone")
            await app.press(.enter)
            #expect(app.state.message == "renewal refused: No active budget plan found", "\(app.state.message ?? "")")
        }
    }

    @Test(arguments: StoreKind.available)
    func readOnlyRefusesEveryChange(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let id = a.account.id
            let plan = try await cockpit.credits.createPlan(account: id, name: "Locked", cycle: nil)
            _ = try await cockpit.credits.addOverride(
                account: id, planID: plan.id.lowercased, scopeType: "team", scopeID: a.teams[.copilot]!.id.lowercased,
                overrideCredits: 5, reason: "r")
            app.state.readOnly = true
            await CreditScenarioTests.command(app, "credits")
            try await CreditScenarioTests.select(app, CreditScenarioTests.scope(.team, a.teams[.copilot]!.id))
            for key in ["A", "n", "e", "D", "o", "d", "r"] {
                app.state.message = nil
                await app.press(.char(Character(key)))
                #expect(app.state.message == KeyHandler.readOnlyMessage, "\(key): \(app.state.message ?? "")")
                #expect(app.state.mode.isScreen, "\(key) opened nothing")
            }
            // Reading still works: the renewals and the usage.
            await app.press(.char("H"))
            #expect(CreditsScreen.overview(app.state)?.cycles == [])
            await CreditScenarioTests.command(app, "credits usage 7d")
            #expect(app.state.session.screenData[CreditUsageScreen.name]?.get(CreditUsageScreen.Report.self)?.days == 7)
            #expect(try await cockpit.credits.overrides(account: id, planID: plan.id.lowercased).count == 1)
        }
    }
}
