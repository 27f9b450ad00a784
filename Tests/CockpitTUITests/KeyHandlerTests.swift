@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// Key-driven scenarios: state in, key in, state and effects out; and the same against a real store through the
/// local backend.
@Suite struct KeyHandlerTests {
    static func press(_ s: CockpitState, _ keys: Key...) -> (CockpitState, [Effect]) {
        var state = s, effects: [Effect] = []
        for key in keys {
            let (next, more) = KeyHandler.handle(state, key)
            state = next
            effects += more
        }
        return (state, effects)
    }

    @Test func logoutAsksTheBackendToEndTheSession() {
        let s = Fixture.state()
        let (_, effects) = Self.press(
            s, .char(":"), .char("l"), .char("o"), .char("g"), .char("o"), .char("u"), .char("t"), .enter)
        #expect(effects == [.signOut])
    }

    @Test func navigationOpensClosesAndAsksForWhatIsNotLoaded() {
        let s = Fixture.state()
        let (moved, _) = Self.press(s, .down, .down)
        #expect(moved.session.panes[.console]?.selected == .member(team: Fixture.uuid(20), user: Fixture.uuid(41)))
        let (closed, _) = Self.press(s, .left)
        #expect(closed.rows(.console).count == 4, "the SRE team closed")
        let (parent, _) = Self.press(closed, .left)
        #expect(parent.session.panes[.console]?.selected == .org(Fixture.uuid(10)))
        let (opened, effects) = Self.press(s, .char("G"), .enter)
        #expect(opened.session.panes[.console]?.expanded.contains(.org(Fixture.uuid(11))) == true)
        #expect(effects == [.loadTeams(account: Fixture.uuid(1), domain: .console, org: Fixture.uuid(11))])
        let (top, _) = Self.press(opened, .char("g"))
        #expect(top.session.panes[.console]?.selected == .org(Fixture.uuid(10)))
    }

    @Test func switchingAccountsKeepsEachOnesSelectionAndFilter() {
        var s = Fixture.state()
        (s, _) = Self.press(s, .char("/"), .char("b"), .char("o"), .char("b"), .enter)
        let selection = s.session.panes[.console]?.selected
        var effects: [Effect]
        (s, effects) = Self.press(s, .char(":"), .char("a"), .char("c"), .tab, .char("G"), .char("l"), .enter)
        #expect(
            s.account?.name == "Globex" && effects.count == 4,
            "Globex opened: both trees, its recent spend and the details asked for")
        (s, _) = Self.press(
            s, .char(":"), .char("a"), .char("c"), .char("c"), .char("o"), .char("u"), .char("n"), .char("t"),
            .char(" "),
            .char("a"), .char("c"), .enter)
        #expect(
            s.account?.name == "Acme Corp" && s.session.panes[.console]?.selected == selection
                && s.session.panes[.console]?.filter == "bob")
        #expect(s.commandHistory == ["account Gl", "account ac"])
        (s, _) = Self.press(s, .char(":"), .up)
        #expect(s.mode == .command("account ac"), "history")
        (s, _) = Self.press(s, .escape, .char(":"), .char("n"), .char("o"), .enter)
        #expect(s.message == "unknown command ':no' (see ?)")
    }

    @Test func filterCountsMatchesAndEscClears() {
        var s = Fixture.state()
        (s, _) = Self.press(s, .char("/"), .char("a"), .char("c"), .char("m"))
        #expect(TreeModel.matches(s.session.data[.console]!, s.session.panes[.console]!) == 3)
        #expect(s.rows(.console).map(\.label) == ["Platform org", "SRE", "alice@acme.io", "bob@acme.io", "小林@acme.io"])
        (s, _) = Self.press(s, .escape)
        #expect(s.session.panes[.console]?.filter == "" && s.mode == .trees)
    }

    @Test func aResizeKeepsTheMessage() {
        var s = Fixture.state()
        s.message = "theme: nope: no such theme; using default"
        #expect(Self.press(s, .resize).0 == s)
    }

    @Test func quitAndAccountAdminsCannotSwitch() {
        #expect(Self.press(Fixture.state(), .char("q")).0.quit)
        #expect(Self.press(Fixture.state(), .char(":"), .char("q"), .enter).0.quit)
        var admin = Fixture.state()
        admin.isSuperAdmin = false
        #expect(Self.press(admin, .char("a")).0.message == "only a super-admin switches accounts")
    }

    @Test func keyBindingsDocumentIsCurrent() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/KEYBINDINGS.md")
        #expect(
            try String(contentsOf: file, encoding: .utf8) == KeyRegistry.markdown(),
            "docs/KEYBINDINGS.md is stale: swift run cockpit tui --keybindings > docs/KEYBINDINGS.md")
    }

    @Test(arguments: StoreKind.available)
    func theLocalBackendLoadsTreesLazilyAndAnAdminSeesOneAccount(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            _ = try await TenantFixture.make(cockpit, name: "Bravo")
            let app = Self.rootApp(cockpit)
            try await app.prepare(account: "alpha")
            #expect(app.state.accounts.map(\.name) == ["Alpha", "Bravo"] && app.state.account?.name == "Alpha")
            #expect(app.state.rows(.console).map(\.label) == [a.orgs[.console]!.name])
            let (next, effects) = KeyHandler.handle(app.state, .enter)
            #expect(effects == [.loadTeams(account: a.account.id, domain: .console, org: a.orgs[.console]!.id)])
            _ = next
            let admin = Principal(
                method: .local, name: "admin@alpha.test", accountID: a.account.id, roles: [.accountAdmin])
            let scoped = LocalBackend(cockpit: cockpit, principal: admin, identity: "admin@alpha.test")
            #expect(try await scoped.accounts().map(\.name) == ["Alpha"])
            let bravo = try await cockpit.accounts.list().items.first { $0.name == "Bravo" }!
            // Another account is refused as the HTTP API refuses it (403), not hidden behind a 404.
            await #expect(throws: CockpitError.forbidden("this belongs to another account")) {
                try await scoped.organizations(account: bravo.id, domain: .console)
            }
        }
    }

    /// A store of `kind` holding the Alpha fixture, and the cockpit over it as a super-admin, prepared (Alpha open).
    static func withAlpha(
        _ kind: StoreKind, _ body: @escaping @Sendable (Cockpit, TenantFixture, CockpitApp) async throws -> Void
    ) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let alpha = try await TenantFixture.make(cockpit, name: "Alpha")
            let app = rootApp(cockpit)
            try await app.prepare()
            try await body(cockpit, alpha, app)
        }
    }

    /// The cockpit over the local backend, signed in as a super-admin.
    static func rootApp(_ cockpit: Cockpit) -> CockpitApp {
        CockpitApp(backend: LocalBackend(cockpit: cockpit, principal: .superAdmin(method: .local), identity: "root"))
    }

    /// Types text into the current prompt or form field.
    static func type(_ s: CockpitState, _ text: String) -> CockpitState {
        text.reduce(s) { KeyHandler.handle($0, .char($1)).0 }
    }

    /// Sends the open form as it is: to its last field, then enter.
    static func submit(_ app: CockpitApp) async {
        while case .form(let f) = app.state.mode, f.focus < f.fields.count - 1 { await app.press(.tab) }
        await app.press(.enter)
    }

    @Test(arguments: StoreKind.available)
    func createInBothTreesAndAKeyShownOnce(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            for domain in ProductDomain.allCases {
                if app.state.session.focus != domain { await app.press(.tab) }
                // n with nothing selected: a new organization.
                await app.press(.char("g"))
                var session = app.state.session
                session.panes[domain]?.selected = nil
                app.state.session = session
                await app.press(.char("n"))
                app.state = Self.type(app.state, "Lab \(domain.rawValue)")
                await app.press(.enter)
                let org = try #require(
                    try await cockpit.directory.organizations(account: a.account.id, domain: domain).items.first {
                        $0.name == "Lab \(domain.rawValue)"
                    })
                #expect(app.state.session.panes[domain]?.selected == .org(org.id))
                // On the organization: a team. A bad name is refused by the core and the form stays open.
                await app.press(.char("n"))
                await app.press(.enter)
                guard case .form(let refused) = app.state.mode else {
                    Issue.record("the form closed on a refusal"); return
                }
                #expect(refused.error?.contains("name") == true)
                app.state = Self.type(app.state, "Vision")
                await app.press(.enter)
                let team = try #require(
                    try await cockpit.directory.teams(account: a.account.id, domain: domain, orgID: org.id).items.first)
                #expect(app.state.session.panes[domain]?.selected == .team(team.id) && app.state.mode == .trees)
                // On the team: a member (created by email).
                await app.press(.char("n"))
                app.state = Self.type(app.state, "new.person@alpha.test")
                await app.press(.tab)
                app.state = Self.type(app.state, "New Person")
                await app.press(.enter)
                await app.press(.enter)
                let members = try await cockpit.directory.members(
                    account: a.account.id, domain: domain, teamID: team.id
                ).items
                #expect(members.map { $0.user.email } == ["new.person@alpha.test"], "\(domain)")
            }
            // A key: generated, shown once, then never again; revoked after its alias is typed.
            await app.press(.char("K"))
            await app.press(.char("n"))
            app.state = Self.type(app.state, "ci")
            await Self.submit(app)
            guard case .secret(_, let secret) = app.state.mode else {
                Issue.record("no secret shown: \(app.state.mode)"); return
            }
            #expect(secret.hasPrefix("sk-"))
            await app.press(.escape)
            #expect("\(app.state)".contains(secret) == false, "the secret is gone from the state")
            await app.press(.char("r"))
            app.state = Self.type(app.state, "nope")
            await app.press(.enter)
            #expect(app.state.message?.hasPrefix("type ci to confirm") == true)
            for _ in 0..<4 { await app.press(.backspace) }
            app.state = Self.type(app.state, "ci")
            await app.press(.enter)
            let key = try await cockpit.keys.find(account: a.account.id, secret)
            #expect(key.blocked)
        }
    }

    @Test func readOnlyRefusesChangesInTheActionLayer() {
        var s = Fixture.state()
        s.readOnly = true
        let (afterNew, effects) = Self.press(s, .char("n"))
        #expect(afterNew.mode == .trees && afterNew.message == KeyHandler.readOnlyMessage && effects.isEmpty)
        var keys = s
        var session = keys.session
        session.keys = [Fixture.key(50, "ci", blocked: false)]
        keys.session = session
        keys.mode = .screen(ScreenState(name: "keys"))
        #expect(Self.press(keys, .char("r")).0.message == KeyHandler.readOnlyMessage)
        #expect(Self.press(keys, .char("n")).0.message == KeyHandler.readOnlyMessage)
        #expect(Self.press(s, .char("d")).0.message == KeyHandler.readOnlyMessage)
        var form = s
        form.mode = .form(FormState.child(of: nil, domain: .console) { _ in "" })
        form = Self.type(form, "x")
        let (submitted, submitEffects) = Self.press(form, .enter)
        #expect(submitEffects.isEmpty && submitted.message == KeyHandler.readOnlyMessage)
    }

    @Test func reportsOpenFromCommands() async throws {
        try await KeyHandlerTests.withAlpha(.sqlite) {
            (cockpit: Cockpit, _: TenantFixture, app: CockpitApp) async throws in
            #expect(app.state.session.recentSpend != nil, "the account's recent spend loads with it")
            for (command, check) in [
                (
                    "spend 7d",
                    { (s: CockpitState) in
                        s.session.screenData["spend"]?.get(SpendReport.self)?.days == 7
                            && s.mode == .screen(ScreenState(name: "spend", argument: "7d"))
                    }
                ),
                (
                    "audit",
                    { (s: CockpitState) in
                        (s.session.audit?.isEmpty == false) && s.mode == .screen(ScreenState(name: "audit"))
                    }
                ),
                (
                    "models",
                    { (s: CockpitState) in
                        ModelsScreen.models(s) != nil && s.mode == .screen(ScreenState(name: "models"))
                    }
                ),
            ] {
                await app.press(.char(":"))
                app.state = Self.type(app.state, command)
                await app.press(.enter)
                #expect(check(app.state), "\(command): \(app.state.mode) \(app.state.message ?? "")")
                await app.press(.escape)
            }
            await app.press(.char(":"))
            app.state = Self.type(app.state, "spend forever")
            await app.press(.enter)
            #expect(app.state.message?.contains("spend takes a number of days") == true)
        }
    }

    @Test(arguments: StoreKind.available)
    func enterInAFilterFindsAUserAnywhereInTheTree(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            await app.press(.tab)
            await app.press(.char("/"))
            app.state = Self.type(app.state, "Alpha us")
            await app.press(.enter)
            let user = a.users[.copilot]!, team = a.teams[.copilot]!
            #expect(
                app.state.session.panes[.copilot]?.selected == .member(team: team.id, user: user.id),
                "\(app.state.message ?? "")")
            #expect(app.state.rows(.copilot).contains { $0.id == .member(team: team.id, user: user.id) })
            #expect(app.state.message?.hasPrefix("found user@alpha.test in team") == true)
            await app.press(.char("/"))
            app.state = Self.type(app.state, "nobody")
            await app.press(.enter)
            #expect(app.state.message == "no copilot user's email or name starts with 'nobody'")
        }
    }

    @Test(arguments: StoreKind.available)
    func deleteAsksFirstAndTypedNamesGuardTeams(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let team = a.teams[.console]!, user = a.users[.console]!
            await app.press(.enter)  // open the organization
            await app.press(.down)
            await app.press(.enter)  // open the team
            await app.press(.down)  // the member
            await app.press(.char("d"))
            guard case .confirm(let confirm) = app.state.mode else {
                Issue.record("no confirmation: \(app.state.mode)"); return
            }
            #expect(confirm.expected == "y")
            await app.press(.char("y"))
            await app.press(.enter)
            #expect(
                try await cockpit.directory.members(account: a.account.id, domain: .console, teamID: team.id).items
                    .isEmpty)
            #expect(app.state.session.panes[.console]?.selected == .team(team.id))
            #expect(
                try await cockpit.directory.user(account: a.account.id, domain: .console, id: user.id).id == user.id,
                "the user stays")
            await app.press(.char("d"))
            app.state = Self.type(app.state, "wrong")
            await app.press(.enter)
            #expect(app.state.message?.hasPrefix("type \(team.name) to confirm") == true)
            await app.press(.escape)
            #expect(app.state.mode == .trees && app.state.message == "cancelled")
            await app.press(.char("d"))
            app.state = Self.type(app.state, team.name)
            await app.press(.enter)
            await #expect(throws: CockpitError.notFound("console team")) {
                try await cockpit.directory.team(account: a.account.id, domain: .console, id: team.id)
            }
            #expect(app.state.session.panes[.console]?.selected == .org(a.orgs[.console]!.id))
        }
    }

    @Test func suspendingAnAccountNeedsItsNameAndRestoringDoesNot() async throws {
        try await KeyHandlerTests.withAlpha(.sqlite) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            await app.press(.char("a"))
            await app.press(.char("s"))
            app.state = Self.type(app.state, "Alph")
            await app.press(.enter)
            #expect(try await cockpit.accounts.get(a.account.id).isActive, "a partial name suspends nothing")
            app.state = Self.type(app.state, "a")
            await app.press(.enter)
            #expect(try await cockpit.accounts.get(a.account.id).status == .suspended)
            #expect(
                app.state.mode == .screen(ScreenState(name: "accounts"))
                    && app.state.message?.hasPrefix("account suspended") == true)
            await app.press(.char("u"))
            #expect(try await cockpit.accounts.get(a.account.id).isActive)
        }
    }
}
