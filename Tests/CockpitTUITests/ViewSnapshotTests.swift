@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// Every view at 80×24 and 160×48, text and style, wide-character names included.
@Suite struct ViewSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    static func frame(_ s: CockpitState, _ size: (Int, Int)) -> ScreenBuffer {
        var s = s
        s.paneRows = MainView.paneRows(height: size.1)
        return MainView.render(s, width: size.0, height: size.1)
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func trees(size: String) {
        let (w, h) = Self.parse(size)
        Snapshot.check("trees-\(size)", Self.frame(Fixture.state(), (w, h)))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func copilotFocusedAndFiltered(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        (s, _) = KeyHandler.handle(s, .tab)
        (s, _) = KeyHandler.handle(s, .char("/"))
        for c in "sup" { (s, _) = KeyHandler.handle(s, .char(c)) }
        Snapshot.check("filter-\(size)", Self.frame(s, (w, h)))
    }

    @Test func zoomGivesTheFocusedTreeTheWholeWidth() {
        var s = Fixture.state()
        (s, _) = KeyHandler.handle(s, .char("z"))
        #expect(s.zoomed)
        Snapshot.check("trees-zoomed-160x48", Self.frame(s, (160, 48)))
        (s, _) = KeyHandler.handle(s, .char("z"))
        #expect(!s.zoomed && Snapshot.text(Self.frame(s, (160, 48))).contains("copilot ▸"), "z again: both trees")
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func help(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        (s, _) = KeyHandler.handle(s, .char("?"))
        Snapshot.check("help-\(size)", Self.frame(s, (w, h)))
        if w == 80 {
            (s, _) = KeyHandler.handle(s, .pageDown)
            (s, _) = KeyHandler.handle(s, .pageDown)
            Snapshot.check("help-scrolled-\(size)", Self.frame(s, (w, h)))
        }
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func accounts(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        (s, _) = KeyHandler.handle(s, .char("a"))
        (s, _) = KeyHandler.handle(s, .down)
        Snapshot.check("accounts-\(size)", Self.frame(s, (w, h)))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func commandLineAndReadOnlyBadge(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        s.readOnly = true
        (s, _) = KeyHandler.handle(s, .char(":"))
        for c in "acc" { (s, _) = KeyHandler.handle(s, .char(c)) }
        Snapshot.check("command-\(size)", Self.frame(s, (w, h)))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func formWithARefusal(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        (s, _) = KeyHandler.handle(s, .char("n"))
        for c in "x@" { (s, _) = KeyHandler.handle(s, .char(c)) }
        if case .form(var f) = s.mode { f.error = "email is not a valid email address"; s.mode = .form(f) }
        Snapshot.check("form-\(size)", Self.frame(s, (w, h)))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func accountFormHidesThePassword(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        s.mode = .screen(ScreenState(name: "accounts"))
        for key in [Key.char("n")] + "Beta".map(Key.char) + [.tab] + "beta.test".map(Key.char) + [.tab]
            + "admin@beta.test".map(Key.char)
            + [.tab] + "hunter2hunter2".map(Key.char)
        {
            (s, _) = KeyHandler.handle(s, key)
        }
        Snapshot.check("account-form-\(size)", Self.frame(s, (w, h)))
        #expect(!Snapshot.text(Self.frame(s, (w, h))).contains("hunter2"))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func keysConfirmAndSecret(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        var session = s.session
        session.keys = [Fixture.key(50, "ci-deploy", blocked: false), Fixture.key(51, "old laptop", blocked: true)]
        s.session = session
        (s, _) = KeyHandler.handle(s, .char("K"))
        Snapshot.check("keys-\(size)", Self.frame(s, (w, h)))
        (s, _) = KeyHandler.handle(s, .char("r"))
        for c in "ci" { (s, _) = KeyHandler.handle(s, .char(c)) }
        Snapshot.check("confirm-\(size)", Self.frame(s, (w, h)))
        s.mode = .secret(alias: "ci-deploy", secret: "sk-TEST-not-a-real-key-0123456789abcdef")
        Snapshot.check("secret-\(size)", Self.frame(s, (w, h)))
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func reports(size: String) {
        let (w, h) = Self.parse(size)
        var s = Fixture.state()
        var session = s.session
        let day = { (n: Int) in Timestamp.day(Fixture.epoch.addingTimeInterval(-Double(n) * 86_400)) }
        session.screenData["spend"] = ScreenData(
            SpendReport(
                days: 30,
                byDay: (0..<30).map {
                    SpendTotal(
                        group: day($0), requests: 5, promptTokens: 1, completionTokens: 1, cost: Double($0 % 7))
                },
                byModel: [
                    SpendTotal(
                        group: "gpt-4o-mini", requests: 120, promptTokens: 1, completionTokens: 1, cost: 41.2),
                    SpendTotal(
                        group: "claude", requests: 40, promptTokens: 1, completionTokens: 1, cost: 12.5),
                ],
                byTeam: [
                    SpendTotal(
                        group: Fixture.uuid(20).lowercased, requests: 100, promptTokens: 1, completionTokens: 1,
                        cost: 30)
                ]))
        session.audit = [
            AuditEntry(
                id: 1, accountID: Fixture.uuid(1), at: Fixture.epoch, actor: "admin@acme.io", authMethod: "session",
                domain: .console,
                action: "team.create", objectType: "team", objectID: Fixture.uuid(20).lowercased, before: nil,
                after: nil, requestID: nil)
        ]
        session.screenData["models"] = ScreenData([
            ModelDeployment(
                id: Fixture.uuid(60), accountID: nil, modelName: "gpt-4o-mini", providerModel: "openai/gpt-4o-mini",
                apiBase: nil,
                apiVersion: nil, hasCredentials: true, params: .emptyObject, modelInfo: .emptyObject,
                visibleToAll: true,
                createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
        ])
        var plan = ProvisioningReport(dryRun: true, projectID: "31337")
        plan.created = ["role copilot_team_admin"]
        plan.found = ["project cockpit (31337)", "role account_admin"]
        plan.unresolved = ["grant for admin@acme.io: no Zitadel user with this email"]
        session.screenData["zitadel"] = ScreenData(
            ZitadelOverview(
                status: [
                    "configured": true, "issuer": "https://acme.zitadel.cloud", "jwks": ["reachable": true, "keys": 2],
                ],
                config: ZitadelAccountConfig(enabled: true, projectID: "31337", organizationID: "4242"), plan: plan))
        s.session = session
        for (name, mode) in [
            ("spend", Mode.screen(ScreenState(name: "spend", argument: "30d"))),
            ("audit", .screen(ScreenState(name: "audit"))),
            ("models", .screen(ScreenState(name: "models"))), ("zitadel", .screen(ScreenState(name: "zitadel"))),
        ] {
            s.mode = mode
            Snapshot.check("\(name)-\(size)", Self.frame(s, (w, h)))
        }
        var account = s
        account.session.panes[.console]?.selected = nil
        account.mode = .trees
        Snapshot.check("account-details-\(size)", Self.frame(account, (w, h)))
    }

    @Test func tooSmall() {
        let b = MainView.render(Fixture.state(), width: 50, height: 10)
        #expect(b.lines[5].hasPrefix("terminal too small: 50×10"))
    }

    @Test func wideCharactersTakeTwoCellsAndStayAligned() {
        let b = Self.frame(Fixture.state(), (160, 48))
        let row = b.lines.first { $0.contains("小林") }!
        let plain = b.lines.first { $0.contains("bob@acme.io") }!
        // Same number of cells: each wide character is one string of two cells (its continuation cell is empty).
        let cells = { (line: String) in line.reduce(0) { $0 + TextWidth.of($1) } }
        #expect(cells(row) == 160 && cells(plain) == 160)
        #expect(
            TextWidth.of("研究所") == 6 && TextWidth.of("é") == 1 && TextWidth.of("e\u{301}") == 1
                && TextWidth.of("👩‍💻") == 2)
        #expect(TextWidth.truncate("研究所 Research", to: 6) == "研究…")
    }

    static func parse(_ size: String) -> (Int, Int) {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        return (parts[0], parts[1])
    }
}
