import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// `:agents`, `:connections` and `:marketplace` in remote mode: the cockpit over a live server (`cockpit tui --api`),
/// driven key by key, changes the store through the `/v1/copilot` routes as the local cockpit does: an agent refused
/// without a preset in the core's words, created, granted to the tree's team, asked about for a member, listed; a
/// connection with a secret (no frame ever holds it; the server does not even say whether one is set) tested against a
/// fake OpenAPI service, granted, deleted; the listing withdrawn and discovered by nobody.
@Suite struct CockpitCatalogRemoteTests {
    static let secret = "sk-REMOTE-plaintext-never-shown-91ab"

    static func type(_ app: CockpitApp, _ text: String) async { for c in text { await press(app, .char(c)) } }

    static func command(_ app: CockpitApp, _ text: String) async {
        await press(app, .char(":"))
        await type(app, text)
        await press(app, .enter)
    }

    /// One key, then the frames at 80×24 and 160×48, which may never hold the secret.
    static func press(_ app: CockpitApp, _ key: Key) async {
        await app.press(key)
        for size in [(80, 24), (160, 48)] {
            let b = MainView.render(app.state, width: size.0, height: size.1)
            #expect(!b.lines.joined().contains(secret.prefix(12)), "the secret is in a frame at \(size)")
        }
    }

    /// Fills the open form from its first field (each cleared first) and sends it.
    static func fill(_ app: CockpitApp, _ values: [String]) async {
        while case .form(let f) = app.state.mode, f.focus > 0 { await press(app, .backTab) }
        for (i, value) in values.enumerated() {
            if case .form(let f) = app.state.mode { for _ in f.fields[f.focus].value { await press(app, .backspace) } }
            await type(app, value)
            if i < values.count - 1 { await press(app, .tab) }
        }
        while case .form(let f) = app.state.mode, f.focus < f.fields.count - 1 { await press(app, .tab) }
        await press(app, .enter)
    }

    /// Leaves the view and selects `target` in the copilot tree, opening what is above it.
    static func select(_ app: CockpitApp, _ target: NodeID) async {
        if case .screen = app.state.mode { await press(app, .escape) }
        if app.state.session.focus != .copilot { await press(app, .tab) }
        await press(app, .char("g"))
        for _ in 0..<20 where app.state.session.panes[.copilot]?.selected != target {
            let row = app.state.rows(.copilot).first { $0.id == app.state.session.panes[.copilot]?.selected }
            await press(app, row.map { $0.expandable && !$0.expanded } == true ? .enter : .down)
        }
    }

    @Test func theCatalogThroughTheServer() async throws {
        let upstream = FakeUpstream()
        let fake = Application(
            router: upstream.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await fake.test(.live) { fakeClient in
            try await TestStores.with(.sqlite) { db in
                let settings = Settings(
                    environment: [
                        "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                        "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret, "COCKPIT_UPSTREAM_ALLOW": "127.0.0.1",
                    ], dotenvPath: nil)
                let cockpit = Cockpit(settings: settings, database: db)
                let a = try await TenantFixture.make(cockpit, name: "Alpha")
                _ = try await cockpit.directory.upsertUser(
                    account: a.account.id, domain: .copilot,
                    UserInput(email: "second@alpha.test", teamIDs: [a.teams[.copilot]!.id]))
                let authenticator = Authenticator(
                    cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
                let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
                let server = Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                try await server.test(.live) { client in
                    let http = CurlHTTPClient()
                    defer { http.shutdown() }
                    let remote = try await RemoteBackend(
                        api: "http://127.0.0.1:\(client.port!)", credential: ServerHarness.masterKey, http: http)
                    let app = CockpitApp(backend: remote)
                    try await app.prepare(account: "Alpha")
                    try await Self.agents(app, cockpit, a)
                    try await Self.connections(app, cockpit, a, upstream: "http://127.0.0.1:\(fakeClient.port!)")
                }
            }
        }
    }

    static func agents(_ app: CockpitApp, _ cockpit: Cockpit, _ a: TenantFixture) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id
        let pii = try await cockpit.guardrails.upsertPreset(account: id, code: "pii", name: "PII", presetJSON: nil)
        await command(app, "agents")
        #expect(AgentsScreen.overview(app.state)?.agents == [], "\(app.state.message ?? "")")
        await press(app, .char("n"))
        await fill(app, ["Support bot", "", "{\"model\": \"m\"}", ""])
        guard case .form(let refused) = app.state.mode else { Issue.record("the refusal closed the form"); return }
        #expect(refused.error == "At least one guardrail preset is required for agent creation/update")
        await fill(app, ["Support bot", "", "{\"model\": \"m\"}", "pii"])
        let agent = try #require(try await cockpit.agents.list(account: id, includeGrants: false).first)
        #expect(agent.presetIDs == [pii.id] && agent.agent.definitionJSON == ["model": "m"])

        await select(app, .team(team))
        await command(app, "agents")
        await press(app, .char("+"))
        await fill(app, ["team Alpha team"])
        #expect(
            try await cockpit.agents.grants(account: id, agentID: agent.agent.id.lowercased)
                == [CatalogScope(type: .team, id: team.lowercased)])
        #expect(
            MainView.render(app.state, width: 160, height: 48).lines.joined().contains(
                "2 users: second@alpha.test, user@alpha.test"))
        await select(app, .member(team: team, user: a.users[.copilot]!.id))
        await command(app, "agents")
        await press(app, .char("c"))
        #expect(
            AgentsScreen.overview(app.state)?.answer?.items
                == [agent.agent.id: [CatalogScope(type: .team, id: team.lowercased)]], "\(app.state.message ?? "")")
        await press(app, .char("c"))
        await press(app, .char("p"))
        await fill(app, ["Support bot", "For the desk", "yes"])
        #expect(try await cockpit.marketplace.list(account: id).items.map(\.listing.isPublished) == [true])
    }

    static func connections(_ app: CockpitApp, _ cockpit: Cockpit, _ a: TenantFixture, upstream: String) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id
        await command(app, "connections")
        await press(app, .char("n"))
        let config = "{\"spec_url\": \"\(upstream)/openapi.json\"}"
        await fill(app, ["openapi", "Petstore", "", "use_only", "no", config, "api_key", secret])
        let created = try #require(try await cockpit.connections.list(account: id).first)
        #expect(created.hasSecret && app.state.message == "created connection Petstore", "\(app.state.message ?? "")")
        let frame = MainView.render(app.state, width: 160, height: 48).lines.joined()
        #expect(frame.contains("masked by the server"), "the server does not say whether a secret is set")
        await press(app, .char("t"))
        let tested = app.state.message ?? ""
        #expect(
            tested.hasPrefix("connection Petstore: reachable · ") && tested.hasSuffix(" ms · HTTP 200 · OpenAPI 3.0.3"),
            "\(tested)")
        #expect(ConnectionsScreen.overview(app.state)?.probes[created.id]?.status == .reachable)

        await select(app, .team(team))
        await command(app, "connections")
        await press(app, .char("+"))
        await fill(app, ["team Alpha team", "yes"])
        #expect(
            try await cockpit.connections.grants(account: id, connectionID: created.id.lowercased).first?.canManage
                == true)

        // The agent's listing withdrawn; a member discovers nothing.
        await command(app, "marketplace")
        await press(app, .char("p"))
        await type(app, "y")
        await press(app, .enter)
        #expect(try await cockpit.marketplace.list(account: id).items.map(\.listing.isPublished) == [false])
        await select(app, .member(team: team, user: a.users[.copilot]!.id))
        await command(app, "marketplace")
        await press(app, .char("c"))
        #expect(MarketplaceScreen.overview(app.state)?.answer?.items == [:], "\(app.state.message ?? "")")
        await press(app, .char("c"))

        await command(app, "connections")
        await press(app, .char("d"))
        await type(app, "Petstore")
        await press(app, .enter)
        #expect(try await cockpit.connections.list(account: id).isEmpty && app.state.message == "connection deleted")
    }
}
