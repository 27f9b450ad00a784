@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The demo data shows the copilot catalog: in every demo account, guardrail presets, three agents granted across
/// the copilot tree, one connection of each type with a sealed dummy secret (never stored in clear), and a
/// marketplace with featured, published and unpublished listings; without a salt key the connections carry no secret.
@Suite struct CatalogDemoTests {
    @Test func demoAccountsHaveAgentsConnectionsAndAMarketplace() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let settings = Settings(environment: ["LITELLM_SALT_KEY": "demo-test-salt"], dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let summary = try await DemoSeeder(cockpit: cockpit).seed()
            #expect(summary.agents == 9 && summary.connections == 9 && summary.listings == 9)
            for company in DemoData.companies {
                let account = try await cockpit.accounts.resolve(company.name).id
                let agents = try await cockpit.agents.list(account: account, includeGrants: true)
                #expect(agents.count == 3 && agents.allSatisfy { !$0.presetIDs.isEmpty })
                #expect(Set(agents.flatMap { $0.grants ?? [] }.map(\.type)) == [.team, .org, .user])
                let connections = try await cockpit.connections.list(account: account)
                #expect(Set(connections.map(\.type)) == [.openapi, .mcp, .composio])
                #expect(connections.allSatisfy { $0.secret != nil }, "each dummy secret is sealed")
                for connection in connections {
                    let grants = try await cockpit.connections.grants(
                        account: account, connectionID: connection.id.lowercased)
                    #expect(grants.map(\.scope.type) == [.team])
                }
                let listings = try await cockpit.marketplace.list(account: account).items.map(\.listing)
                #expect(listings.contains { $0.isFeatured && $0.isPublished })
                #expect(listings.contains { !$0.isFeatured && $0.isPublished })
                #expect(listings.contains { !$0.isPublished })
                // Somebody in the tree can use each agent.
                let users = try await db.read(.account(account)) { tx in
                    try tx.query(
                        "SELECT CAST(user_id AS TEXT) AS id FROM team_memberships WHERE domain = 'copilot' AND account_id = $1",
                        [.uuid(account)]
                    ).map { try $0.string("id") }
                }
                var reached = Set<UUID>()
                for user in users {
                    reached.formUnion(
                        try await cockpit.agents.effective(account: account, userID: user).map(\.detail.agent.id))
                }
                #expect(reached == Set(agents.map(\.agent.id)))
            }
            let stored = try await db.read(.superAdmin) { tx in
                try tx.query("SELECT secret_sealed FROM copilot_connections").map { try $0.string("secret_sealed") }
            }
            #expect(stored.count == 9 && stored.allSatisfy { $0.hasPrefix("enc:v2:") && !$0.contains("demo-") })
        }
    }

    @Test func withoutASaltKeyTheDemoConnectionsHaveNoSecret() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            try await DemoSeeder(cockpit: cockpit).seed()
            let account = try await cockpit.accounts.resolve(DemoData.companies[0].name).id
            let connections = try await cockpit.connections.list(account: account)
            #expect(connections.count == 3 && connections.allSatisfy { $0.secret == nil })
        }
    }
}
