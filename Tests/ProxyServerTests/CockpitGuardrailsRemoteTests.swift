import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// `:guardrails` in remote mode: the cockpit over a live server (`cockpit tui --api`), driven key by key, changes the
/// store through `/v1/<tree>/guardrails/…` as the local cockpit does: a preset created, a regex that does not compile
/// refused by the server into the form (which stays open), then saved; a guard type's pattern through the pattern
/// routes; the preset assigned to the tree's team, whose effective presets name it; a trial that masks an e-mail; and
/// the console tree's own preset through the console routes.
@Suite struct CockpitGuardrailsRemoteTests {
    static func command(_ app: CockpitApp, _ text: String) async { await CockpitCreditsRemoteTests.command(app, text) }
    static func fill(_ app: CockpitApp, _ values: [String]) async {
        while case .form(let f) = app.state.mode, f.focus > 0 { await app.press(.backTab) }
        await CockpitCreditsRemoteTests.fill(app, values)
    }

    static func refusal(_ app: CockpitApp) -> String? {
        if case .form(let f) = app.state.mode { return f.error }
        return nil
    }

    @Test func guardrailsThroughTheServer() async throws {
        try await TestStores.with(.sqlite) { db in
            let settings = Settings(
                environment: [
                    "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                    "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                ], dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let authenticator = Authenticator(
                cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
            let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
            let server = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await server.test(.live) { client in
                let http = CurlHTTPClient()
                defer { http.shutdown() }
                let remote = try await RemoteBackend(
                    api: "http://127.0.0.1:\(client.port!)", credential: ServerHarness.masterKey, http: http)
                let app = CockpitApp(backend: remote)
                try await app.prepare(account: "Alpha")
                try await Self.copilot(app, cockpit, a)
                try await Self.console(app, cockpit, a)
            }
        }
    }

    static func copilot(_ app: CockpitApp, _ cockpit: Cockpit, _ a: TenantFixture) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id, service = cockpit.guardrails(.copilot)
        await app.press(.tab)
        await app.press(.enter)  // the organization opens; its team is loaded
        await app.press(.down)
        #expect(app.state.session.panes[.copilot]?.selected == .team(team))
        await command(app, "guardrails")
        #expect(GuardrailsScreen.overview(app.state)?.presets == [], "\(app.state.message ?? "")")

        await app.press(.char("n"))
        await fill(app, ["support-safe", "Support desk"])
        #expect(app.state.message == "created preset support-safe", "\(refusal(app) ?? "")")
        await app.press(.char("p"))
        await fill(app, ["support-safe", "ticket ids", "(a", "block", "refuse", "yes", "output"])
        #expect(refusal(app)?.hasPrefix("pattern 'ticket ids': ") == true, "\(refusal(app) ?? "closed")")
        await fill(app, ["support-safe", "ticket ids", "TICKET-[0-9]+", "block", "refuse", "yes", "output"])
        #expect(app.state.message == "saved pattern ticket ids of preset support-safe", "\(refusal(app) ?? "")")
        let saved = try await service.presets(account: id).first { $0.code == "support-safe" }
        #expect(saved?.presetJSON["custom_patterns"]?.arrayValue?.count == 1)

        await app.press(.char("p"))
        await fill(app, ["pii", "email", "builtin:email", "block", "mask", "yes", "both"])
        #expect(try await service.patterns(account: id, guardType: "pii").items.map(\.patternName) == ["email"])

        // Assigned to the team selected in the tree; the effective presets name it.
        let o = try #require(GuardrailsScreen.overview(app.state))
        let pii = try #require(o.rows.firstIndex { o.presets[$0.preset].code == "pii" })
        await app.press(.char("g"))
        for _ in 0..<pii { await app.press(.down) }
        await app.press(.char("+"))
        await fill(app, ["team Alpha team"])
        #expect(app.state.message == "assigned preset pii to team Alpha team", "\(refusal(app) ?? "")")
        #expect(try await service.assignments(account: id, scopeType: "team", scopeID: team.lowercased).count == 1)
        let effective = GuardrailsScreen.overview(app.state)?.effective?.answer?.items ?? []
        #expect(effective.map { "\($0.code) \($0.sourceScopeType)" } == ["pii team"])
        #expect(app.state.session.guardrailScopes[.copilot] == ["team:\(team.lowercased)"])

        await app.press(.char("t"))
        await fill(app, ["mail me at a@b.co", ""])
        let trial = try #require(GuardrailsScreen.overview(app.state)?.trial, "\(refusal(app) ?? "")")
        #expect(trial.answer.text == "mail me at [EMAIL]")
        #expect(trial.answer.hits.map { "\($0.patternName) \($0.start)–\($0.end)" } == ["email 11–17"])
        await app.press(.escape)
        await app.press(.escape)
    }

    /// The console tree's presets are its own, through `/v1/console/guardrails`.
    static func console(_ app: CockpitApp, _ cockpit: Cockpit, _ a: TenantFixture) async throws {
        let id = a.account.id
        await command(app, "guardrails console")
        #expect(GuardrailsScreen.overview(app.state)?.presets == [], "\(app.state.message ?? "")")
        await app.press(.char("n"))
        await fill(app, ["console-safe", "Console"])
        #expect(app.state.message == "created preset console-safe", "\(refusal(app) ?? "")")
        #expect(try await cockpit.guardrails(.console).presets(account: id).map(\.code) == ["console-safe"])
        #expect(
            try await cockpit.guardrails(.copilot).presets(account: id).map(\.code).sorted() == ["pii", "support-safe"])
    }
}
