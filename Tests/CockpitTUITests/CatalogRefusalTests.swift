import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// What the catalog views may not do: read-only mode offers no change in any of the three views (reads, the filter,
/// the core's answer and a connection's test go on); a console-only admin is refused by the core, whose words the
/// status line shows; a read-only principal's backend changes nothing through any catalog call.
@Suite struct CatalogRefusalTests {
    @Test(arguments: StoreKind.available)
    func readOnlyModeOffersNoChange(kind: StoreKind) async throws {
        try await CatalogScenarioTests.withCatalog(kind) { (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) in
            let id = a.account.id
            let preset = try await cockpit.guardrails.upsertPreset(
                account: id, code: "pii", name: "PII", presetJSON: nil)
            let agent = try await cockpit.agents.create(
                account: id, AgentInput(name: "Bot", guardrailPresetIDs: [preset.id.lowercased]))
            _ = try await cockpit.connections.create(account: id, type: "mcp", ConnectionInput(name: "Tools"))
            _ = try await cockpit.marketplace.post(
                account: id, MarketplacePost(entityType: "agent", entityID: agent.agent.id.lowercased, title: "Bot"))
            app.state.readOnly = true
            for view in [AgentsScreen.name, ConnectionsScreen.name, MarketplaceScreen.name] {
                await CatalogScenarioTests.command(app, view)
                for key in ["n", "e", "+", "-", "p", "d"] {
                    app.state.message = nil
                    await app.press(.char(Character(key)))
                    #expect(
                        app.state.message == KeyHandler.readOnlyMessage, "\(view) \(key): \(app.state.message ?? "")")
                    #expect(app.state.mode.isScreen, "\(view) \(key) opened nothing")
                }
                // Reading goes on: the filter narrows the list.
                await app.press(.char("/"))
                CatalogScenarioTests.type(app, "zzz")
                await app.press(.enter)
                #expect(
                    Snapshot.text(ViewSnapshotTests.frame(app.state, (80, 24))).contains("matching /zzz"), "\(view)")
                await app.press(.escape)
                #expect(app.state.mode == .screen(ScreenState(name: view)), "esc clears a kept filter first")
                await app.press(.escape)
            }
            // A test is a read: it runs (this one names nothing to reach, so nothing leaves).
            await CatalogScenarioTests.command(app, "connections")
            await app.press(.char("t"))
            #expect(app.state.message?.hasPrefix("connection Tools: error") == true, "\(app.state.message ?? "")")
            #expect(try await cockpit.agents.list(account: id, includeGrants: true).map(\.grants) == [[]])
            #expect(try await cockpit.marketplace.list(account: id).items.map(\.listing.isPublished) == [true])
        }
    }

    @Test(arguments: StoreKind.available)
    func aConsoleOnlyAdminIsRefusedInTheCoresWords(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let admin = Principal(
                method: .zitadel, name: "c@alpha.test", accountID: a.account.id, roles: [.consoleOrgAdmin],
                domains: [.console])
            let backend = LocalBackend(cockpit: cockpit, principal: admin, identity: "c@alpha.test")
            // The core decides: each view's load is refused, and the status line says why in the core's words.
            await #expect(throws: CockpitError.self) { _ = try await backend.agents(account: a.account.id) }
            let refusal: String
            do {
                _ = try await backend.connections(account: a.account.id)
                refusal = ""
            } catch let error as CockpitError { refusal = error.message }
            // Its cockpit shows its account (whose list it may not read: the core refuses that too).
            let app = CockpitApp(backend: backend)
            app.state.accounts = [a.account]
            app.state.accountID = a.account.id
            app.state.sessions[a.account.id] = AccountSession()
            for view in [AgentsScreen.name, ConnectionsScreen.name, MarketplaceScreen.name] {
                await CatalogScenarioTests.command(app, view)
                #expect(app.state.message == "could not load: \(refusal)", "\(view): \(app.state.message ?? "")")
                #expect(CatalogOverview.of(app.state, view) == nil, "nothing of the catalog is shown")
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func aReadOnlyPrincipalChangesNothingThroughTheBackend(kind: StoreKind) async throws {
        try await CatalogScenarioTests.withCatalog(kind) { (cockpit: Cockpit, a: TenantFixture, _: CockpitApp) in
            let account = a.account.id
            let preset = try await cockpit.guardrails.upsertPreset(
                account: account, code: "pii", name: "PII", presetJSON: nil)
            let agent = try await cockpit.agents.create(
                account: account, AgentInput(name: "Bot", guardrailPresetIDs: [preset.id.lowercased])
            ).agent.id
            let connection = try await cockpit.connections.create(
                account: account, type: "mcp", ConnectionInput(name: "Tools")
            ).id
            let listing = try await cockpit.marketplace.post(
                account: account, MarketplacePost(entityType: "agent", entityID: agent.lowercased, title: "Bot")
            ).item.listing.id
            let backend = LocalBackend(
                cockpit: cockpit, principal: Principal.superAdmin(method: .local, name: "root").readingOnly(),
                identity: "root")
            let team = CatalogScope(type: .team, id: a.teams[.copilot]!.id.lowercased)
            let attempts: [(String, @Sendable () async throws -> Void)] = [
                ("create agent", { _ = try await backend.createAgent(account: account, AgentInput(name: "X")) }),
                (
                    "edit agent",
                    { _ = try await backend.updateAgent(account: account, id: agent, AgentChange(name: "Y")) }
                ),
                ("grant agent", { try await backend.grantAgent(account: account, id: agent, to: team) }),
                ("delete agent", { _ = try await backend.deleteAgent(account: account, id: agent) }),
                (
                    "create connection",
                    {
                        _ = try await backend.createConnection(
                            account: account, type: "mcp", ConnectionInput(name: "Z"))
                    }
                ),
                (
                    "grant connection",
                    {
                        try await backend.grantConnection(account: account, id: connection, to: team, canManage: true)
                    }
                ),
                ("delete connection", { _ = try await backend.deleteConnection(account: account, id: connection) }),
                ("publish", { _ = try await backend.publishListing(account: account, id: listing, false) }),
                ("grant listing", { try await backend.grantListing(account: account, id: listing, to: team) }),
                ("delete listing", { _ = try await backend.deleteListing(account: account, id: listing) }),
            ]
            for (name, attempt) in attempts {
                await #expect(throws: ReadOnlyDatabase.refusal, "\(name)") { try await attempt() }
            }
            #expect(try await backend.agents(account: account).map(\.agent.name) == ["Bot"], "reads go on")
            #expect(try await backend.connections(account: account).map(\.id) == [connection])
            #expect(try await backend.listings(account: account).map(\.listing.isPublished) == [true])
        }
    }
}
