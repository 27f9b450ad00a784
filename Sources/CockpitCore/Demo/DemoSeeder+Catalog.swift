import Foundation

extension DemoSeeder {
    /// The copilot catalog of a demo account, through the core's services: three agents naming the guardrail presets
    /// `presets` (`seedGuardrails`), granted across the copilot tree (a team, an organization, a user), one connection of each type
    /// granted to a team — their dummy secrets sealed like real ones when the installation can seal (a salt or master
    /// key; `cockpit demo` makes one), left out otherwise — and a marketplace with featured, published and unpublished
    /// listings. Returns how many agents, connections and listings it made.
    func seedCatalog(
        account: UUID, owners: [CopilotOwner], presets: [String]
    ) async throws -> (agents: Int, connections: Int, listings: Int) {
        guard let first = owners.first else { return (0, 0, 0) }
        let last = owners.last ?? first
        let agents = try await seedAgents(account: account, presets: presets, first: first, last: last)
        let connections = try await seedConnections(account: account, team: first.team)
        let market = cockpit.marketplace
        var post = MarketplacePost(
            entityType: "agent", entityID: agents[0].lowercased, title: "Support triage",
            description: "Sorts incoming tickets and drafts first answers")
        (post.isFeatured, post.isVerified, post.author) = (true, true, "Platform team")
        _ = try await market.post(account: account, post)
        post = MarketplacePost(
            entityType: "connection", entityID: connections[0].lowercased, title: "Weather API",
            description: "Forecasts for any city, through the account's OpenAPI connection")
        post.grants = [MarketplaceGrantInput(scopeType: "org", scopeID: first.org.lowercased)]
        _ = try await market.post(account: account, post)
        post = MarketplacePost(
            entityType: "agent", entityID: agents[2].lowercased, title: "Code reviewer (beta)",
            description: "Reviews pull requests; not yet published")
        post.isPublished = false
        _ = try await market.post(account: account, post)
        return (agents.count, connections.count, 3)
    }

    private func seedAgents(
        account: UUID, presets: [String], first: CopilotOwner, last: CopilotOwner
    ) async throws
        -> [UUID]
    {
        let specs: [(String, String, AgentGrantInput, [String])] = [
            (
                "Support triage", "Sorts tickets by urgency and drafts first answers",
                AgentGrantInput(scopeType: "team", scopeID: first.team.lowercased), [presets[0], presets[1]]
            ),
            (
                "Sales research", "Summarises accounts before calls",
                AgentGrantInput(scopeType: "org", scopeID: first.org.lowercased), [presets[0]]
            ),
            (
                "Code reviewer", "Reviews pull requests against the style guide",
                AgentGrantInput(scopeType: "user", scopeID: last.user.lowercased), [presets[2]]
            ),
        ]
        var ids: [UUID] = []
        for (name, description, grant, presetIDs) in specs {
            let definition: JSONValue = [
                "model": "gpt-4o-mini", "instructions": .string(description + "."), "temperature": 0.2,
                "tools": ["search", "summarize"],
            ]
            let agent = try await cockpit.agents.create(
                account: account,
                AgentInput(
                    name: name, description: description, definitionJSON: definition, grants: [grant],
                    guardrailPresetIDs: presetIDs))
            ids.append(agent.agent.id)
        }
        return ids
    }

    private func seedConnections(account: UUID, team: UUID) async throws -> [UUID] {
        let seals = cockpit.context.secretBox != nil
        let dummy = { (prefix: String) -> JSONValue in
            seals ? [prefix: .string("demo-" + UUID().uuidString.lowercased())] : .emptyObject
        }
        let specs: [(String, String, JSONValue, JSONValue)] = [
            (
                "openapi", "Weather API",
                ["spec_url": "https://api.weather.example/openapi.json", "base_url": "https://api.weather.example"],
                dummy("api_key")
            ),
            (
                "mcp", "Docs search",
                ["server_url": "https://mcp.docs.example/mcp", "transport": "streamable_http"], dummy("token")
            ),
            (
                "composio", "GitHub via Composio",
                ["auth_mode": seals ? "api_key" : "oauth", "toolkit": "github"], dummy("api_key")
            ),
        ]
        var ids: [UUID] = []
        for (type, name, config, secret) in specs {
            let connection = try await cockpit.connections.create(
                account: account, type: type,
                ConnectionInput(name: name, description: "Demo \(type) connection", config: config, secret: secret))
            _ = try await cockpit.connections.grant(
                account: account, connectionID: connection.id.lowercased, scopeType: "team",
                scopeID: team.lowercased, canManage: false)
            ids.append(connection.id)
        }
        return ids
    }
}
