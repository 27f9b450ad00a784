@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// The control-plane views driven key by key through the app on the local backend: what they change lands in the
/// store, refusals come back inline, and read-only mode lets a view ask but not change.
@Suite struct ControlViewScenarioTests {
    static func type(_ app: CockpitApp, _ text: String) { app.state = KeyHandlerTests.type(app.state, text) }

    static func command(_ app: CockpitApp, _ text: String) async {
        await app.press(.char(":"))
        type(app, text)
        await app.press(.enter)
    }

    @Test(arguments: StoreKind.available)
    func grantsAreSetCheckedAndRemovedAtTheSelectedNode(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let team = a.teams[.console]!.id
            await app.press(.enter)  // the organization opens; its team is loaded
            await app.press(.down)
            #expect(app.state.session.panes[.console]?.selected == .team(team))
            await Self.command(app, "grants")
            #expect(GrantsScreen.grants(app.state) == [])
            await app.press(.char("n"))
            Self.type(app, "gpt-4o")
            await app.press(.tab)
            await AdminScenarioTests.clear(app)
            Self.type(app, "maybe")
            await app.press(.enter)
            guard case .form(let refused) = app.state.mode else { Issue.record("a bad effect closed the form"); return }
            #expect(refused.error?.contains("allow or deny") == true)
            await AdminScenarioTests.clear(app)
            Self.type(app, "deny")
            await app.press(.enter)
            let grants = try await cockpit.access.modelGrants(account: a.account.id, domain: .console)
            #expect(grants.map(\.scope) == [.team(team)] && grants.first?.effect == .deny)
            #expect(app.state.message == "deny gpt-4o for team \(a.teams[.console]!.name)")
            await app.press(.char("c"))
            Self.type(app, "gpt-4o")
            await app.press(.enter)
            let answer = app.state.session.screenData["grants.answer"]?.get(String.self)
            #expect(
                answer
                    == "gpt-4o for team \(a.teams[.console]!.name): denied (decided by team \(a.teams[.console]!.name))",
                "\(answer ?? "")")
            await app.press(.char("d"))
            Self.type(app, "y")
            await app.press(.enter)
            #expect(
                try await cockpit.access.modelGrants(account: a.account.id, domain: .console).isEmpty
                    && GrantsScreen.grants(app.state) == [])
        }
    }

    @Test(arguments: StoreKind.available)
    func adminsPolicyAndLogsThroughTheirViews(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            await Self.command(app, "admins")
            await app.press(.char("n"))
            Self.type(app, "second@alpha.test")
            await KeyHandlerTests.submit(app)
            #expect(
                try await cockpit.admins.list(account: a.account.id).contains {
                    $0.email == "second@alpha.test" && !$0.hasPassword
                })
            #expect(!"\(app.state)".contains("hunter"), "no password was typed")
            await app.press(.escape)
            await Self.command(app, "policy")
            await app.press(.char("e"))
            await AdminScenarioTests.clear(app)
            Self.type(app, "gpt-4o")
            await app.press(.tab)
            Self.type(app, "o1")
            await app.press(.enter)
            #expect(
                try await cockpit.accounts.consoleModelPolicy(a.account.id)
                    == ConsoleModelPolicy(allow: ["gpt-4o"], deny: ["o1"]))
            await app.press(.char("f"))
            await AdminScenarioTests.clear(app)
            Self.type(app, "[1, 2]")
            await app.press(.enter)
            guard case .form(let refused) = app.state.mode else {
                Issue.record("a bad feature pack closed the form"); return
            }
            let pack = try await cockpit.accounts.featurePack(a.account.id)
            #expect(refused.error != nil && pack == FeaturePack(), "nothing changed")
            await app.press(.escape)
            await app.press(.escape)
            await Self.command(app, "logs")
            #expect(LogsScreen.tail(app.state)?.logs == [], "the log of an account without traffic is empty")
        }
    }

    @Test func readOnlyViewsAskButDoNotChange() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let principal = Principal.superAdmin(method: .local).readingOnly()
            let app = CockpitApp(
                backend: LocalBackend(cockpit: cockpit, principal: principal, identity: "root"), readOnly: true)
            try await app.prepare()
            await Self.command(app, "grants")
            await app.press(.char("n"))
            #expect(app.state.message == KeyHandler.readOnlyMessage)
            await app.press(.char("c"))
            Self.type(app, "gpt-4o")
            await app.press(.enter)
            #expect(
                app.state.session.screenData["grants.answer"]?.get(String.self)?.contains("denied") == true,
                "a read-only cockpit still asks")
            for view in ["admins", "features", "catalog", "policy"] {
                await app.press(.escape)
                await Self.command(app, view)
                await app.press(.char(view == "policy" ? "e" : "n"))
                #expect(app.state.message == KeyHandler.readOnlyMessage, "\(view)")
            }
            #expect(try await cockpit.access.modelGrants(account: a.account.id, domain: .console).isEmpty)
        }
    }
}
