import Foundation

/// Copilot agents (V1_CONTRACT.md "Agents", the original's D(copilot) guard; docs/COPILOT_CATALOG.md): what copilot
/// users may run, each with at least one mandatory guardrail preset and its grants to scopes of the copilot tree.
/// Cockpit writes an agent, its preset assignments, its grants and the audit row in one transaction (the original
/// wrote them in steps, so a refused grant list left the agent behind).
public struct AgentService: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    /// Creates an agent, in the original's order of checks: 400 `name is required` → the preset list (400 none,
    /// 404 `Guardrail preset not found: <ids>`) → the grant list (400 scope type, 400 blank id, 404 scope).
    public func create(account: UUID, _ input: AgentInput) async throws -> AgentDetail {
        let actor = try context.changing(.manageCopilot, in: account)
        let name = try AgentRules.name(input.name)
        let description = try AgentRules.description(input.description)
        let definition = try AgentRules.definition(input.definitionJSON)
        let now = context.now()
        let caller = context.caller
        return try await context.writeAdmission(account) { tx in
            let presets = try AgentRules.presets(tx, input.guardrailPresetIDs, account: account)
            let agent = Agent(
                id: UUID(), accountID: account, name: name, description: description, definitionJSON: definition,
                createdBy: actor.name, createdAt: now, updatedAt: now)
            let repo = AgentRepository(tx)
            try repo.insert(agent)
            let scopes = try AgentRules.grants(tx, input.grants, account: account, caller: caller)
            _ = try repo.replaceGrants(agent: agent.id, scopes: scopes, account: account, by: actor.name, at: now)
            try GuardrailRepository(tx).replaceAgentPresets(
                agent: agent.id, presets: presets, account: account, by: actor.name, at: now)
            let detail = AgentDetail(agent: agent, presetIDs: presets, grants: scopes)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .copilot, action: "agent.create", objectType: "copilot_agent",
                objectID: agent.id.lowercased, after: AgentRules.values(detail), at: now)
            return detail
        }
    }

    /// The account's agents, newest first, each with its preset ids and, with `includeGrants`, its grants.
    public func list(account: UUID, includeGrants: Bool) async throws -> [AgentDetail] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            let repo = AgentRepository(tx)
            return try repo.details(try repo.agents(account: account), account: account, grants: includeGrants)
        }
    }

    /// One agent with its preset ids and grants; 404 `Agent not found`.
    public func get(account: UUID, id: String) async throws -> AgentDetail {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            let repo = AgentRepository(tx)
            return try repo.details([try Self.agent(tx, id, account: account)], account: account, grants: true)[0]
        }
    }

    /// Changes an agent: 404 `Agent not found` → the given fields (nil keeps one) → the preset list, if given,
    /// checked and replacing the agent's → the grant list, if given, replacing its grants. One transaction.
    public func update(account: UUID, id: String, _ change: AgentChange) async throws -> AgentDetail {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        let caller = context.caller
        return try await context.writeAdmission(account) { tx in
            let before = try Self.agent(tx, id, account: account)
            var agent = before
            if let name = change.name { agent.name = try AgentRules.name(name) }
            if let description = change.description { agent.description = try AgentRules.description(description) }
            if let definition = change.definitionJSON { agent.definitionJSON = try AgentRules.definition(definition) }
            agent.updatedAt = now
            let repo = AgentRepository(tx)
            try repo.update(agent)
            if let ids = change.guardrailPresetIDs {
                let presets = try AgentRules.presets(tx, ids, account: account)
                try GuardrailRepository(tx).replaceAgentPresets(
                    agent: agent.id, presets: presets, account: account, by: actor.name, at: now)
            }
            if let grants = change.grants {
                let scopes = try AgentRules.grants(tx, grants, account: account, caller: caller)
                _ = try repo.replaceGrants(agent: agent.id, scopes: scopes, account: account, by: actor.name, at: now)
            }
            let detail = try repo.details([agent], account: account, grants: true)[0]
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .copilot, action: "agent.update", objectType: "copilot_agent",
                objectID: agent.id.lowercased, before: AgentRules.values(before), after: AgentRules.values(detail),
                at: now)
            return detail
        }
    }

    /// Deletes an agent with its grants; its guardrail assignments and marketplace listings remain, as in the
    /// original. False when there was none.
    public func delete(account: UUID, id: String) async throws -> Bool {
        let actor = try context.changing(.manageCopilot, in: account)
        guard let agentID = UUID.fast(id) else { return false }
        let now = context.now()
        return try await context.writeAdmission(account) { tx in
            guard let before = try AgentRepository(tx).delete(agentID, account: account) else { return false }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .copilot, action: "agent.delete", objectType: "copilot_agent",
                objectID: agentID.lowercased, before: AgentRules.values(before),
                after: .object(["id": .string(agentID.lowercased)]), at: now)
            return true
        }
    }

    /// The agent `id` names in the account, else `missing` (the routes' 404s differ: `Agent not found` on the agent's
    /// own routes, `Copilot agent not found` on its grants).
    static func agent(
        _ tx: Transaction, _ id: String, account: UUID, missing: CockpitError = .nothingFound("Agent not found")
    ) throws -> Agent {
        guard let uuid = UUID.fast(id),
            let agent = try AgentRepository(tx).agent(uuid, account: account)
        else { throw missing }
        return agent
    }
}
