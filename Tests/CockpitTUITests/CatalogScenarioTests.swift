import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// `:agents` and `:marketplace` driven key by key on the local backend: an agent created with a preset (refused first
/// without one, in the core's words, and with a definition that is no JSON object, before anything is sent), granted
/// to the team selected in the copilot tree, its users seen in the details and in the core's effective answer for a
/// member; a grant removed; listed in the marketplace, withdrawn and published again; discovered; deleted behind its
/// typed name.
@Suite struct CatalogScenarioTests {
    static let saltKey = "catalog-cockpit-test-salt-key-0123456789"

    /// A core that seals secrets (and allows `allow` as an upstream), the Alpha fixture with a second copilot user in
    /// its team, and the cockpit over the local backend as a super-admin.
    static func withCatalog(
        _ kind: StoreKind, allow: String? = nil,
        _ body: @escaping @Sendable (Cockpit, TenantFixture, CockpitApp) async throws -> Void
    ) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            var environment = ["LITELLM_SALT_KEY": saltKey]
            if let allow { environment["COCKPIT_UPSTREAM_ALLOW"] = allow }
            let cockpit = Cockpit(settings: Settings(environment: environment, dotenvPath: nil), database: db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            _ = try await cockpit.directory.upsertUser(
                account: a.account.id, domain: .copilot,
                UserInput(email: "second@alpha.test", teamIDs: [a.teams[.copilot]!.id]))
            let app = KeyHandlerTests.rootApp(cockpit)
            try await app.prepare()
            try await body(cockpit, a, app)
        }
    }

    static func command(_ app: CockpitApp, _ text: String) async { await ControlViewScenarioTests.command(app, text) }
    static func type(_ app: CockpitApp, _ text: String) { ControlViewScenarioTests.type(app, text) }

    /// Fills the open form from its first field (each cleared first) and sends it.
    static func fill(_ app: CockpitApp, _ values: [String]) async {
        while case .form(let f) = app.state.mode, f.focus > 0 { await app.press(.backTab) }
        await CreditScenarioTests.fill(app, values)
    }

    /// The form's refusal, when the form is still open.
    static func refusal(_ app: CockpitApp) -> String? {
        if case .form(let f) = app.state.mode { return f.error }
        return nil
    }

    /// Leaves the view for the trees and selects `target` in the copilot tree, opening what is above it.
    static func selectInCopilotTree(_ app: CockpitApp, _ target: NodeID) async throws {
        if case .screen = app.state.mode { await app.press(.escape) }
        if app.state.session.focus != .copilot { await app.press(.tab) }
        await app.press(.char("g"))
        for _ in 0..<20 where app.state.session.panes[.copilot]?.selected != target {
            let rows = app.state.rows(.copilot)
            if let row = rows.first(where: { $0.id == app.state.session.panes[.copilot]?.selected }), row.expandable,
                !row.expanded
            {
                await app.press(.enter)
            } else {
                await app.press(.down)
            }
        }
        #expect(app.state.session.panes[.copilot]?.selected == target, "selected in the copilot tree")
    }

    @Test(arguments: StoreKind.available)
    func anAgentIsCreatedGrantedToATeamAndPublished(kind: StoreKind) async throws {
        try await Self.withCatalog(kind) { (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            try await Self.agentScenario(cockpit, a, app)
        }
    }

    static func agentScenario(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id, user = a.users[.copilot]!.id
        let pii = try await cockpit.guardrails.upsertPreset(account: id, code: "pii", name: "PII", presetJSON: nil)
        _ = try await cockpit.guardrails.upsertPreset(account: id, code: "tox", name: "Toxicity", presetJSON: nil)
        await command(app, "agents")
        #expect(AgentsScreen.overview(app.state)?.agents == [], "\(app.state.message ?? "")")

        // Without a preset: the core's refusal, in its words; a definition that is no object: refused in the form.
        await app.press(.char("n"))
        await fill(app, ["Support bot", "Answers tickets", "{\"model\": \"gpt-4o-mini\"}", ""])
        #expect(refusal(app) == "At least one guardrail preset is required for agent creation/update")
        await fill(app, ["Support bot", "Answers tickets", "[1, 2]", "pii"])
        #expect(refusal(app) == "definition is not a JSON object: must be a JSON object, {…}, not a list")
        #expect(try await cockpit.agents.list(account: id, includeGrants: false).isEmpty, "nothing was created")
        await fill(app, ["Support bot", "Answers tickets", "{\"model\": \"gpt-4o-mini\"}", "pii"])
        let agent = try #require(try await cockpit.agents.list(account: id, includeGrants: true).first)
        #expect(agent.presetIDs == [pii.id] && agent.agent.definitionJSON == ["model": "gpt-4o-mini"])
        #expect(app.state.message == "created agent Support bot" && agent.grants == [])

        // Grant it to the team selected in the copilot tree; its users show in the details.
        try await selectInCopilotTree(app, .team(team))
        await command(app, "agents")
        await app.press(.char("+"))
        guard case .form(let grant) = app.state.mode else { Issue.record("no grant form"); return }
        #expect(grant.value("scope") == "team Alpha team")
        await KeyHandlerTests.submit(app)
        #expect(
            try await cockpit.agents.grants(account: id, agentID: agent.agent.id.lowercased)
                == [CatalogScope(type: .team, id: team.lowercased)])
        #expect(app.state.message == "granted agent Support bot to team Alpha team")
        let frame = Snapshot.text(ViewSnapshotTests.frame(app.state, (160, 48)))
        #expect(frame.contains("2 users: second@alpha.test, user@alpha.test"), "\(frame)")

        // What the member selected in the tree may use: the core's answer, with the grant that reaches them.
        try await selectInCopilotTree(app, .member(team: team, user: user))
        await command(app, "agents")
        await app.press(.char("c"))
        let answer = try #require(AgentsScreen.overview(app.state)?.answer)
        #expect(answer.items == [agent.agent.id: [CatalogScope(type: .team, id: team.lowercased)]])
        #expect(
            Snapshot.text(ViewSnapshotTests.frame(app.state, (80, 24))).contains(
                "agents user user@alpha.test may use (1 of 1)"))
        await app.press(.char("c"))
        #expect(AgentsScreen.overview(app.state)?.answer == nil, "again: every agent")

        // Remove the grant (the form starts from the agent's grant: the member is not one), then grant it again.
        await app.press(.char("-"))
        guard case .form(let revoke) = app.state.mode else { Issue.record("no revoke form"); return }
        #expect(revoke.value("scope") == "team Alpha team")
        await KeyHandlerTests.submit(app)
        #expect(try await cockpit.agents.grants(account: id, agentID: agent.agent.id.lowercased) == [])
        await app.press(.char("+"))
        await fill(app, ["team Alpha team"])

        // Edit: a second preset and a new description.
        await app.press(.char("e"))
        await fill(app, ["Support bot", "Answers every ticket", "{\"model\": \"gpt-4o\"}", "pii, tox"])
        let edited = try await cockpit.agents.get(account: id, id: agent.agent.id.lowercased)
        #expect(edited.presetIDs.count == 2 && edited.agent.description == "Answers every ticket")
        #expect(edited.agent.definitionJSON == ["model": "gpt-4o"] && edited.grants?.count == 1)

        try await marketplace(cockpit, a, app, agent: agent.agent.id)

        // Delete behind its typed name: a wrong word deletes nothing.
        await command(app, "agents")
        await app.press(.char("d"))
        guard case .confirm(let question) = app.state.mode else { Issue.record("no question"); return }
        #expect(question.expected == "Support bot")
        type(app, "Support")
        await app.press(.enter)
        #expect(try await cockpit.agents.list(account: id, includeGrants: false).count == 1)
        type(app, " bot")
        await app.press(.enter)
        #expect(try await cockpit.agents.list(account: id, includeGrants: false).isEmpty)
        #expect(app.state.message == "agent deleted" && AgentsScreen.overview(app.state)?.agents == [])
    }

    /// `p` lists the agent, withdraws and publishes it; `:marketplace` shows it and what a member discovers.
    static func marketplace(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp, agent: UUID) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id
        await app.press(.char("p"))
        await fill(app, ["Support bot", "For the support desk", "yes"])
        let listed = try #require(try await cockpit.marketplace.list(account: id).items.first?.listing)
        #expect(listed.entityType == "agent" && listed.entityID == agent.lowercased && listed.isPublished)
        #expect(app.state.message == "listed “Support bot”, published")
        await app.press(.char("p"))
        guard case .confirm(let withdraw) = app.state.mode else { Issue.record("no question"); return }
        #expect(withdraw.title.hasPrefix("withdraw “Support bot”"))
        type(app, "y")
        await app.press(.enter)
        #expect(
            try await cockpit.marketplace.listing(account: id, id: listed.id.lowercased).listing.isPublished == false)

        await command(app, "marketplace")
        let rows = try #require(MarketplaceScreen.rows(app.state, ScreenState(name: MarketplaceScreen.name)))
        #expect(rows.map(\.listing.id) == [listed.id])
        await app.press(.char("p"))
        type(app, "y")
        await app.press(.enter)
        #expect(app.state.message == "“Support bot” is published")
        // Granted to the team, the listing is what the member discovers (through their team).
        await app.press(.char("+"))
        await fill(app, ["team Alpha team"])
        #expect(try await cockpit.marketplace.grants(account: id, listingID: listed.id.lowercased).count == 1)
        try await selectInCopilotTree(app, .member(team: team, user: a.users[.copilot]!.id))
        await command(app, "marketplace")
        await app.press(.char("c"))
        let found = try #require(MarketplaceScreen.overview(app.state)?.answer)
        #expect(found.items == [listed.id: [CatalogScope(type: .team, id: team.lowercased)]])
        await app.press(.char("c"))
    }
}
