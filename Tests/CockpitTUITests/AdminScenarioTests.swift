@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// Key-driven scenarios for edits, the accounts list's create / edit / hard delete, the models view and live refresh,
/// against a real store through the local backend; and the read-only guard for all of them.
@Suite struct AdminScenarioTests {
    static func rootApp(_ cockpit: Cockpit) -> CockpitApp { KeyHandlerTests.rootApp(cockpit) }
    static func type(_ s: CockpitState, _ text: String) -> CockpitState { KeyHandlerTests.type(s, text) }

    /// Empties the focused form field.
    static func clear(_ app: CockpitApp) async {
        guard case .form(let f) = app.state.mode else { return }
        for _ in f.fields[f.focus].value { await app.press(.backspace) }
    }

    @Test(arguments: StoreKind.available)
    func editRenamesNodesAndChangesAMember(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            for domain in ProductDomain.allCases {
                if app.state.session.focus != domain { await app.press(.tab) }
                await app.press(.char("g"))
                // The organization: e opens its name; a blank one is refused and nothing changes.
                await app.press(.char("e"))
                guard case .form(let form) = app.state.mode else {
                    Issue.record("e opened no form: \(app.state.mode)"); return
                }
                #expect(form.fields.first?.value == "Alpha \(domain) org")
                await Self.clear(app)
                await app.press(.enter)
                guard case .form(let refused) = app.state.mode else {
                    Issue.record("a blank name closed the form"); return
                }
                #expect(refused.error?.contains("name") == true)
                #expect(
                    try await cockpit.directory.organization(
                        account: a.account.id, domain: domain, id: a.orgs[domain]!.id
                    ).name == "Alpha \(domain) org")
                app.state = Self.type(app.state, "Core \(domain)")
                await app.press(.enter)
                #expect(app.state.mode == .trees && app.state.message == "renamed to Core \(domain)")
                #expect(app.state.rows(domain).first?.label == "Core \(domain)", "the tree shows the new name at once")
                // The member: name and role; a role that is neither member nor admin is refused.
                await app.press(.enter)
                await app.press(.down)
                await app.press(.enter)
                await app.press(.down)
                #expect(
                    app.state.session.panes[domain]?.selected
                        == .member(team: a.teams[domain]!.id, user: a.users[domain]!.id))
                await app.press(.char("e"))
                await Self.clear(app)
                app.state = Self.type(app.state, "Lead Person")
                await app.press(.tab)
                await Self.clear(app)
                app.state = Self.type(app.state, "boss")
                await app.press(.enter)
                guard case .form(let badRole) = app.state.mode else {
                    Issue.record("a bad role closed the form"); return
                }
                #expect(badRole.error?.contains("member or admin") == true)
                await Self.clear(app)
                app.state = Self.type(app.state, "admin")
                await app.press(.enter)
                let member = try #require(
                    try await cockpit.directory.members(
                        account: a.account.id, domain: domain, teamID: a.teams[domain]!.id
                    ).items.first)
                #expect(member.user.displayName == "Lead Person" && member.role == .admin, "\(domain)")
                #expect(app.state.rows(domain).contains { $0.detail == "admin" })
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func accountsAreCreatedEditedAndDeletedForGood(kind: StoreKind) async throws {
        try await KeyHandlerTests.withAlpha(kind) {
            (cockpit: Cockpit, _: TenantFixture, app: CockpitApp) async throws in
            await app.press(.char("a"))
            await app.press(.char("n"))
            for (i, text) in ["Beta", "beta.test", "admin@beta.test", "correct horse battery", "lots"].enumerated() {
                if i > 0 { await app.press(.tab) }
                app.state = Self.type(app.state, text)
            }
            let frame = MainView.render(app.state, width: 80, height: 24).lines.joined(separator: "\n")
            #expect(!frame.contains("correct horse") && frame.contains("•••••"), "the password is not shown")
            await app.press(.enter)
            guard case .form(let refused) = app.state.mode else { Issue.record("a bad budget closed the form"); return }
            #expect(refused.error?.contains("max_budget") == true)
            #expect(try await cockpit.accounts.list().items.count == 1, "nothing was created")
            await Self.clear(app)
            app.state = Self.type(app.state, "500")
            await app.press(.enter)
            let beta = try #require(try await cockpit.accounts.list().items.first { $0.name == "Beta" })
            #expect(
                beta.maxBudget == 500
                    && app.state.mode
                        == .screen(
                            ScreenState(name: "accounts", selected: app.state.accounts.firstIndex { $0.id == beta.id }!)
                        )
            )
            #expect(
                try await cockpit.admins.authenticate(email: "admin@beta.test", password: "correct horse battery")
                    != nil)
            // e: rename it.
            await app.press(.char("e"))
            await Self.clear(app)
            app.state = Self.type(app.state, "Beta Corp")
            for _ in 0..<3 { await app.press(.enter) }
            #expect(try await cockpit.accounts.get(beta.id).name == "Beta Corp")
            // d: for good, only after the exact name.
            await app.press(.char("d"))
            app.state = Self.type(app.state, "Beta")
            await app.press(.enter)
            #expect(try await cockpit.accounts.get(beta.id).name == "Beta Corp", "a partial name deletes nothing")
            app.state = Self.type(app.state, " Corp")
            await app.press(.enter)
            await #expect(throws: CockpitError.self) { try await cockpit.accounts.get(beta.id) }
            #expect(
                app.state.accounts.map(\.name) == ["Alpha"] && app.state.message == "account Beta Corp deleted for good"
            )
        }
    }

    @Test func modelsAndKeysAreEditedInTheirViews() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let settings = Settings(
                environment: ["STORE_MODEL_IN_DB": "true", "LITELLM_MASTER_KEY": "sk-master-models-0123456789"],
                dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let app = Self.rootApp(cockpit)
            try await app.prepare()
            await app.press(.char(":"))
            app.state = Self.type(app.state, "models")
            await app.press(.enter)
            #expect(app.state.mode == .screen(ScreenState(name: "models")) && ModelsScreen.models(app.state) == [])
            await app.press(.char("n"))
            for (i, text) in ["house", "openai", "", "sk-provider-secret"].enumerated() {
                if i > 0 { await app.press(.tab) }
                app.state = Self.type(app.state, text)
            }
            await app.press(.enter)
            guard case .form(let refused) = app.state.mode else {
                Issue.record("a route without a provider closed the form"); return
            }
            #expect(refused.error?.contains("provider/model") == true)
            for _ in 0..<2 { await app.press(.up) }
            await Self.clear(app)
            app.state = Self.type(app.state, "openai/gpt-4o-mini")
            for _ in 0..<3 { await app.press(.enter) }
            let model = try #require(try await cockpit.modelCatalog.list(account: a.account.id).items.first)
            #expect(
                model.modelName == "house" && model.hasCredentials
                    && app.state.mode == .screen(ScreenState(name: "models")))
            await app.press(.char("e"))
            await app.press(.tab)
            await Self.clear(app)
            app.state = Self.type(app.state, "anthropic/claude-3-5-haiku")
            for _ in 0..<3 { await app.press(.enter) }
            #expect(
                try await cockpit.modelCatalog.list(account: a.account.id).items.first?.providerModel
                    == "anthropic/claude-3-5-haiku")
            await app.press(.char("d"))
            app.state = Self.type(app.state, "house")
            await app.press(.enter)
            #expect(try await cockpit.modelCatalog.list(account: a.account.id).items.isEmpty)
            #expect(app.state.mode == .screen(ScreenState(name: "models")) && app.state.message == "model deleted")
            // A key: e changes its alias, models and budget; a budget that is not a number is refused.
            _ = try await cockpit.keys.generate(account: a.account.id, NewKey(alias: "ci", models: []))
            await app.press(.escape)
            await app.press(.char("K"))
            await app.press(.char("e"))
            await Self.clear(app)
            app.state = Self.type(app.state, "deploy")
            await app.press(.tab)
            app.state = Self.type(app.state, "gpt-4o-mini, claude")
            await app.press(.tab)
            app.state = Self.type(app.state, "ten")
            await KeyHandlerTests.submit(app)
            guard case .form(let badBudget) = app.state.mode else {
                Issue.record("a bad budget closed the key form"); return
            }
            #expect(badBudget.error?.contains("max_budget") == true)
            while case .form(let f) = app.state.mode, f.fields[f.focus].name != "max_budget" { await app.press(.up) }
            await Self.clear(app)
            app.state = Self.type(app.state, "10")
            await KeyHandlerTests.submit(app)
            let key = try #require(try await cockpit.keys.list(account: a.account.id).items.first)
            #expect(key.keyAlias == "deploy" && key.models == ["gpt-4o-mini", "claude"] && key.maxBudget == 10)
            #expect(app.state.mode == .screen(ScreenState(name: "keys")) && app.state.message == "saved key deploy")
        }
    }

    @Test func aRefreshShowsChangesFromElsewhereAndMarksThem() async throws {
        try await KeyHandlerTests.withAlpha(.sqlite) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            await app.press(.enter)  // open the console organization: its teams load
            let other = try await cockpit.directory.createTeam(
                account: a.account.id, domain: .console, orgID: a.orgs[.console]!.id,
                name: "Made elsewhere")
            #expect(!app.state.rows(.console).contains { $0.label == "Made elsewhere" })
            await app.press(.char("R"))
            #expect(app.state.rows(.console).contains { $0.label == "Made elsewhere" })
            app.state.now = Date()
            #expect(app.state.isChanged(.team(other.id)) && !app.state.isChanged(.team(a.teams[.console]!.id)))
            let frame = MainView.render(app.state, width: 160, height: 48)
            let row = try #require(frame.lines.firstIndex { $0.contains("Made elsewhere") })
            #expect(frame.styleMask[row].contains("C"), "the changed row is marked")
            app.state.now = Date().addingTimeInterval(CockpitState.changeMark + 1)
            #expect(!app.state.isChanged(.team(other.id)), "the mark fades")
        }
    }

    @Test(arguments: StoreKind.available)
    func longLevelsLoadPageByPage(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let page = LocalBackend.pageSize
            let big = DirectoryImport.ImportedTeamRef(org: "Big org", team: "Big team")
            let teams =
                [big]
                + (1...page).map {
                    DirectoryImport.ImportedTeamRef(org: "Big org", team: String(format: "team %04d", $0))
                }
            let users = (0..<(2 * page + 1)).map {
                DirectoryImport.ImportedUser(
                    email: String(format: "u%05d@alpha.test", $0), displayName: "U \($0)",
                    teams: [big])
            }
            _ = try await cockpit.directory.importTree(
                account: a.account.id, domain: .console,
                DirectoryImport(organizations: ["Big org"], teams: teams, users: users))
            let app = Self.rootApp(cockpit)
            try await app.prepare()
            // The organization opens on its first page of teams, with a row that loads the rest.
            let org = try #require(app.state.session.data[.console]?.orgs?.first { $0.name == "Big org" })
            var session = app.state.session
            session.panes[.console]?.selected = .org(org.id)
            app.state.session = session
            await app.press(.enter)
            #expect(app.state.session.data[.console]?.count(.teams(org.id)) == page)
            await app.press(.char("G"))
            #expect(app.state.session.panes[.console]?.selected == .more(.teams(org.id)))
            await app.press(.enter)
            #expect(app.state.session.data[.console]?.count(.teams(org.id)) == page + 1)
            #expect(
                app.state.session.data[.console]?.more[.teams(org.id)] == nil
                    && app.state.message == "\(page + 1) loaded, all of them")
            // The big team: three pages of members, all of them distinct.
            let team = try #require(app.state.session.data[.console]?.teams[org.id]?.first { $0.name == "Big team" })
            session = app.state.session
            session.panes[.console]?.selected = .team(team.id)
            app.state.session = session
            await app.press(.enter)
            for _ in 0..<2 {
                let more = app.state.rows(.console).firstIndex { $0.id == .more(.members(team.id)) }
                #expect(more != nil, "the members end with a row that loads more")
                session = app.state.session
                session.panes[.console]?.selected = .more(.members(team.id))
                app.state.session = session
                await app.press(.enter)
            }
            let members = app.state.session.data[.console]?.members[team.id] ?? []
            #expect(members.count == 2 * page + 1 && Set(members.map(\.user.id)).count == members.count)
            #expect(!app.state.rows(.console).contains { $0.isMore }, "nothing more to load")
            // A refresh keeps what was loaded beyond the first page.
            await app.press(.char("R"))
            #expect(app.state.session.data[.console]?.members[team.id]?.count == 2 * page + 1)
            #expect(app.state.session.data[.console]?.count(.teams(org.id)) == page + 1)
        }
    }

    @Test func readOnlyRefusesEveryNewChange() {
        var s = Fixture.state()
        s.readOnly = true
        for keys: [Key] in [
            [.char("e")], [.char("a"), .char("n")], [.char("a"), .char("e")], [.char("a"), .char("d")],
        ] {
            var state = s
            state.mode = .trees
            for key in keys { state = KeyHandler.handle(state, key).0 }
            #expect(state.message == KeyHandler.readOnlyMessage, "\(keys)")
            if case .form = state.mode { Issue.record("\(keys) opened a form in read-only mode") }
            if case .confirm = state.mode { Issue.record("\(keys) asked to confirm in read-only mode") }
        }
        s.mode = .screen(ScreenState(name: "models"))
        #expect(KeyHandler.handle(s, .char("n")).0.message == KeyHandler.readOnlyMessage)
        s.mode = .screen(ScreenState(name: "zitadel"))
        #expect(KeyHandler.handle(s, .char("b")).0.message == KeyHandler.readOnlyMessage)
    }
}
