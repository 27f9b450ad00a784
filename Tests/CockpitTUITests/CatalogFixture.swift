@testable import CockpitCore
@testable import CockpitTUI
import Foundation

/// The fixture's Acme with a copilot catalog loaded in its three views: two organizations with teams and members,
/// two guardrail presets, three agents (granted to a team and a user, to the account, to nobody), three connections
/// (one of each type; a stored secret on one), two listings (one published and featured with ratings, one withdrawn)
/// and a connection's last test. The copilot tree's selection is team Support.
enum CatalogFixture {
    static func state() -> CockpitState {
        var s = Fixture.state()
        let acme = s.accounts[0], global = Fixture.uuid(30), support = Fixture.uuid(31)
        var tree = s.session.data[.copilot]!
        let research = Fixture.org(32, acme, .copilot, "Research")
        let lab = Fixture.team(33, research, "Lab")
        tree.orgs = [tree.orgs![0], research]
        tree.teams[research.id] = [lab]
        let supportTeam = tree.teams[global]![0]
        tree.members[support] = [
            Fixture.member(34, supportTeam, "ana@acme.io", .admin),
            Fixture.member(35, supportTeam, "bob@acme.io", .member),
        ]
        tree.members[lab.id] = [Fixture.member(36, lab, "carol@acme.io", .member)]
        var o = CatalogOverview()
        o.tree = tree
        o.presets = [preset(80, "pii", "PII redaction"), preset(81, "tox", "Toxicity")]
        o.agents = [
            agent(
                90, "Support bot", "Answers support tickets from the knowledge base", presets: [80, 81],
                grants: [scope(.team, 31), scope(.user, 36)],
                definition: ["model": "gpt-4o-mini", "prompt": "Be brief.", "tools": ["search", "jira"]]),
            agent(
                91, "Code reviewer", nil, presets: [80], grants: [CatalogScope(type: .account, id: acme.id.lowercased)]),
            agent(92, "Draft agent", "Not granted yet", presets: [81], grants: []),
        ]
        o.connections = [
            connection(
                100, .openapi, "Jira",
                [
                    "base_url": "https://jira.acme.example/rest", "spec_url": "https://jira.acme.example/openapi.json",
                    "timeout": 30,
                ], secret: true),
            connection(
                101, .mcp, "GitHub MCP", ["mcpServers": ["github": ["url": "https://mcp.github.example/sse"]]],
                secret: false),
            connection(102, .composio, "Composio", ["auth_mode": "oauth"], secret: false),
        ]
        o.connectionGrants[Fixture.uuid(100)] = [
            grant(120, 100, scope(.team, 31), manage: true), grant(121, 100, scope(.org, 32), manage: false),
        ]
        o.listings = [
            listing(110, "agent", 90, "Support bot", published: true, featured: true, grants: [scope(.team, 31)]),
            listing(111, "connection", 100, "Jira for support", published: false, featured: false, grants: []),
        ]
        o.probes[Fixture.uuid(100)] = ConnectionHealth(
            status: .reachable, latencyMs: 123, detail: "HTTP 200 · OpenAPI 3.0.3")
        var session = s.session
        session.data[.copilot] = tree
        session.panes[.copilot]?.selected = .team(support)
        for name in [AgentsScreen.name, ConnectionsScreen.name, MarketplaceScreen.name] {
            session.screenData[name] = ScreenData(o)
        }
        s.session = session
        return s
    }

    static func scope(_ type: CatalogScopeType, _ n: Int) -> CatalogScope {
        CatalogScope(type: type, id: Fixture.uuid(n).lowercased)
    }

    static func preset(_ n: Int, _ code: String, _ name: String) -> GuardrailPreset {
        GuardrailPreset(
            id: Fixture.uuid(n), accountID: Fixture.uuid(1), code: code, name: name, presetJSON: [:],
            createdBy: "admin@acme.io", createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
    }

    static func agent(
        _ n: Int, _ name: String, _ description: String?, presets: [Int], grants: [CatalogScope],
        definition: JSONValue = [:]
    ) -> AgentDetail {
        AgentDetail(
            agent: Agent(
                id: Fixture.uuid(n), accountID: Fixture.uuid(1), name: name, description: description,
                definitionJSON: definition, createdBy: "admin@acme.io", createdAt: Fixture.epoch,
                updatedAt: Fixture.epoch),
            presetIDs: presets.map(Fixture.uuid), grants: grants)
    }

    static func connection(
        _ n: Int, _ type: ConnectionType, _ name: String, _ config: JSONValue, secret: Bool?
    ) -> CatalogConnection {
        CatalogConnection(
            id: Fixture.uuid(n), type: type, name: name, description: type == .openapi ? "The support desk's API" : nil,
            credentialVisibility: .useOnly, allowUserSelfManage: type == .mcp, config: config, secretStored: secret,
            createdBy: "admin@acme.io", createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
    }

    static func grant(_ n: Int, _ connection: Int, _ scope: CatalogScope, manage: Bool) -> ConnectionGrant {
        ConnectionGrant(
            id: Fixture.uuid(n), accountID: Fixture.uuid(1), connectionID: Fixture.uuid(connection), scope: scope,
            canManage: manage, createdBy: "admin@acme.io", createdAt: Fixture.epoch)
    }

    static func listing(
        _ n: Int, _ type: String, _ entity: Int, _ title: String, published: Bool, featured: Bool,
        grants: [CatalogScope]
    ) -> MarketplaceItem {
        MarketplaceItem(
            listing: MarketplaceListing(
                id: Fixture.uuid(n), accountID: Fixture.uuid(1), entityType: type,
                entityID: Fixture.uuid(entity).lowercased, title: title, description: "Listed for the support teams",
                isPublished: published, isFeatured: featured, isVerified: featured, pricingModel: "free",
                version: "1.2.0", author: "Acme platform", installationCount: featured ? 12 : 0,
                ratingAvg: featured ? 4.5 : 0, ratingCount: featured ? 3 : 0, createdBy: "admin@acme.io",
                createdAt: Fixture.epoch, updatedAt: Fixture.epoch),
            grants: grants)
    }
}
