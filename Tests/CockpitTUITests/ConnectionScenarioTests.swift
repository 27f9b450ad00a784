@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// `:connections` driven key by key on the local backend, every frame drawn at both sizes after every key and searched
/// for the secret: a connection created with a secret typed hidden (refused first for an internal URL, in the core's
/// words), "secret: set" in its details, edited with the secret left empty (the stored one kept, byte for byte),
/// granted to a team that may manage it, tested (the answer kept in its details), deleted behind its typed name.
@Suite struct ConnectionScenarioTests {
    static let secret = "sk-PLAINTEXT-cockpit-never-shows-7d2e"

    /// One key, then the frame at 80×24 and 160×48: neither may hold the secret or any 8 characters of it.
    static func press(_ app: CockpitApp, _ key: Key) async {
        await app.press(key)
        for size in [(80, 24), (160, 48)] {
            let text = Snapshot.text(ViewSnapshotTests.frame(app.state, size))
            let leaked = (0...(secret.count - 8)).contains { text.contains(secret.dropFirst($0).prefix(8)) }
            #expect(!leaked, "the secret is in a frame at \(size): \(text)")
        }
    }

    static func type(_ app: CockpitApp, _ text: String) async { for c in text { await press(app, .char(c)) } }

    /// Fills the open form from its first field, each cleared first, through `press`, and sends it.
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

    @Test(arguments: StoreKind.available)
    func aConnectionsSecretIsNeverInAnyFrame(kind: StoreKind) async throws {
        try await CatalogScenarioTests.withCatalog(kind) { (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) in
            let id = a.account.id, team = a.teams[.copilot]!.id
            await CatalogScenarioTests.command(app, "connections")
            #expect(ConnectionsScreen.overview(app.state)?.connections == [])
            await Self.press(app, .char("n"))
            // An internal address: the core's refusal, in its words; nothing stored.
            let privateURL = "{\"spec_url\": \"http://10.1.2.3/openapi.json\"}"
            await Self.fill(app, ["openapi", "Petstore", "Pets", "use_only", "no", privateURL, "api_key", Self.secret])
            let refused = try #require(CatalogScenarioTests.refusal(app))
            #expect(refused.hasPrefix("config_json.spec_url "), "\(refused)")
            #expect(try await cockpit.connections.list(account: id).isEmpty)
            let config = "{\"spec_url\": \"https://93.184.216.34/openapi.json\"}"
            await Self.fill(app, ["openapi", "Petstore", "Pets", "use_only", "no", config, "api_key", Self.secret])
            let created = try #require(try await cockpit.connections.list(account: id).first)
            #expect(created.hasSecret && created.config == ["spec_url": "https://93.184.216.34/openapi.json"])
            #expect(app.state.message == "created connection Petstore")
            let details = Snapshot.text(ViewSnapshotTests.frame(app.state, (160, 48)))
            #expect(details.contains("set (sealed; never shown)") && details.contains("spec_url https://93.184.216.34"))

            // Edited with the secret left empty: the stored one is kept as it was sealed.
            let sealed = try #require(created.secret)
            await Self.press(app, .char("e"))
            await Self.fill(app, ["Petstore", "Pets and owners", "use_only", "yes", config, "api_key", ""])
            let edited = try await cockpit.connections.get(account: id, id: created.id.lowercased)
            #expect(edited.secret == sealed && edited.description == "Pets and owners" && edited.allowUserSelfManage)

            // Granted to the team, which may manage it.
            try await CatalogScenarioTests.selectInCopilotTree(app, .team(team))
            await CatalogScenarioTests.command(app, "connections")
            await Self.press(app, .char("+"))
            await Self.fill(app, ["team Alpha team", "yes"])
            let grants = try await cockpit.connections.grants(account: id, connectionID: created.id.lowercased)
            #expect(grants.map(\.scope) == [CatalogScope(type: .team, id: team.lowercased)] && grants[0].canManage)
            #expect(Snapshot.text(ViewSnapshotTests.frame(app.state, (160, 48))).contains("team Alpha team (manages)"))

            try await Self.testAndDelete(cockpit, a, app, created.id)
        }
    }

    /// `t` on an MCP connection that names no server (no request leaves): the core's answer in the status line and
    /// the details; then `d` with the name typed.
    static func testAndDelete(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp, _ petstore: UUID) async throws
    {
        let id = a.account.id
        await press(app, .char("n"))
        await fill(app, ["mcp", "Tools", "", "use_only", "no", "{}", "api_key", ""])
        let tools = try #require(try await cockpit.connections.list(account: id).first { $0.name == "Tools" })
        #expect(!tools.hasSecret)
        guard case .screen(let screen) = app.state.mode else { Issue.record("not back in the view"); return }
        #expect(ConnectionsScreen.rows(app.state, screen)?[screen.selected].id == tools.id, "the new one is selected")
        await press(app, .char("t"))
        #expect(app.state.message == "connection Tools: error · 0 ms · config_json names no server_url to connect to")
        #expect(ConnectionsScreen.overview(app.state)?.probes[tools.id]?.status == .error)
        await app.press(.char("R"))
        #expect(ConnectionsScreen.overview(app.state)?.probes[tools.id] != nil, "a reload keeps the last test")

        await press(app, .char("d"))
        guard case .confirm(let question) = app.state.mode else { Issue.record("no question"); return }
        #expect(question.expected == "Tools")
        await type(app, "Tools")
        await press(app, .enter)
        #expect(try await cockpit.connections.list(account: id).map(\.id) == [petstore])
        #expect(app.state.message == "connection deleted")
    }
}
