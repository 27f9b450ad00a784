import Foundation

extension AgentService {
    static let agentMissing = CockpitError.nothingFound("Copilot agent not found")

    /// Grants an agent to a scope, in the original's order: 404 `Copilot agent not found` → 400 scope type → 404
    /// scope. Idempotent: an existing grant comes back unchanged (same id). Audited `upsert` each time, with the
    /// existing grant as `before`, as in the original.
    public func grant(account: UUID, agentID: String, scopeType: String, scopeID: String) async throws -> AgentGrant {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        let caller = context.caller
        return try await context.write(.account(account)) { tx in
            let agent = try Self.agent(tx, agentID, account: account, missing: Self.agentMissing)
            let type = try CatalogScopeType.parse(scopeType, allowingAccount: true)
            let scope = try CatalogScopes.resolve(
                tx, CatalogScope(type: type, id: CatalogScopes.normalized(type, scopeID)), account: account,
                caller: caller)
            let repo = AgentRepository(tx)
            let existing = try repo.grant(agent: agent.id, scope: scope, account: account)
            let grant =
                existing
                ?? AgentGrant(
                    id: UUID(), accountID: account, agentID: agent.id, scope: scope, createdBy: actor.name,
                    createdAt: now)
            if existing == nil { try repo.insertGrant(grant) }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .copilot, action: "agent_grant.upsert",
                objectType: "copilot_agent_grant", objectID: grant.id.lowercased,
                before: existing.map(AgentRules.values), after: AgentRules.values(grant), at: now)
            return grant
        }
    }

    /// An agent's grants' scopes, oldest first; 404 `Copilot agent not found`.
    public func grants(account: UUID, agentID: String) async throws -> [CatalogScope] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            let agent = try Self.agent(tx, agentID, account: account, missing: Self.agentMissing)
            return try AgentRepository(tx).grantScopes(of: [agent.id], account: account)[agent.id] ?? []
        }
    }

    /// Removes an agent's grant on a scope: 400 scope type (before the agent, as in the original) → 404 `Copilot
    /// agent not found`. False when the agent had no such grant.
    public func revoke(account: UUID, agentID: String, scopeType: String, scopeID: String) async throws -> Bool {
        let actor = try context.changing(.manageCopilot, in: account)
        let type = try CatalogScopeType.parse(scopeType, allowingAccount: true)
        let scope = CatalogScope(type: type, id: CatalogScopes.normalized(type, scopeID))
        let now = context.now()
        let caller = context.caller
        return try await context.write(.account(account)) { tx in
            let agent = try Self.agent(tx, agentID, account: account, missing: Self.agentMissing)
            let repo = AgentRepository(tx)
            guard let before = try repo.grant(agent: agent.id, scope: scope, account: account) else { return false }
            try CatalogScopes.requireAdministration(tx, scope, caller: caller)
            _ = try repo.deleteGrant(agent: agent.id, scope: scope, account: account)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .copilot, action: "agent_grant.delete",
                objectType: "copilot_agent_grant", objectID: before.id.lowercased, before: AgentRules.values(before),
                after: .object([
                    "agent_id": .string(agent.id.lowercased), "scope_type": .string(scope.type.rawValue),
                    "scope_id": .string(scope.id),
                ]), at: now)
            return true
        }
    }

    /// The agents a copilot user of the account may use: those granted to the user, their teams, their teams'
    /// organizations, the organizations they are members of, or the account; newest first, each with the grants that
    /// reach the user. 404 `copilot user not found` for an id that names no copilot user of the account.
    public func effective(account: UUID, userID: String) async throws -> [EffectiveAgent] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            guard let user = UUID.fast(userID), try UserRepository(tx).get(user, domain: .copilot) != nil else {
                throw CockpitError.notFound("copilot user")
            }
            let repo = AgentRepository(tx)
            let reached = try repo.reaching(user: user, account: account)
            let details = try repo.details(reached.map(\.agent), account: account, grants: false)
            return zip(details, reached).map { EffectiveAgent(detail: $0, grantedVia: $1.via) }
        }
    }
}
