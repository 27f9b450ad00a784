import Foundation

extension AgentRepository {
    /// Replaces an agent's grants with `scopes`, created in that order (each a millisecond after the previous, so
    /// "oldest first" reads them back in it).
    package func replaceGrants(
        agent: UUID, scopes: [CatalogScope], account: UUID, by actor: String, at now: Date
    )
        throws -> [AgentGrant]
    {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "DELETE FROM copilot_agent_grants WHERE account_id = $1 AND agent_id = $2", [.uuid(account), .uuid(agent)])
        return try scopes.enumerated().map { i, scope in
            let grant = AgentGrant(
                id: UUID(), accountID: account, agentID: agent, scope: scope, createdBy: actor,
                createdAt: now.addingTimeInterval(Double(i) / 1000))
            try insertGrant(grant)
            return grant
        }
    }

    /// Inserts a grant unless the agent already has one on that scope; true when it was inserted.
    @discardableResult
    package func insertGrant(_ g: AgentGrant) throws -> Bool {
        guard try tx.writeAccount() == g.accountID else { throw CockpitError.notFound("Account") }
        let tree = CatalogReach.treeColumns(g.scope)
        return try tx.execute(
            """
            INSERT INTO copilot_agent_grants (\(Self.grantColumns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (agent_id, scope_type, scope_id) DO NOTHING
            """,
            [
                .uuid(g.id), .uuid(g.accountID), .uuid(g.agentID), .text(g.scope.type.rawValue), .text(g.scope.id),
                .text(g.createdBy), .timestamp(g.createdAt), tree.org, tree.team, tree.user,
            ]) > 0
    }

    /// The agent's grant on one scope.
    package func grant(agent: UUID, scope: CatalogScope, account: UUID) throws -> AgentGrant? {
        var p: [SQLValue] = [.uuid(account), .uuid(agent), .text(scope.type.rawValue), .text(scope.id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            """
            SELECT \(Self.grantColumns) FROM copilot_agent_grants
            WHERE account_id = $1 AND agent_id = $2 AND scope_type = $3 AND scope_id = $4 AND \(cond)
            """, p
        ).map(Self.decodeGrant)
    }

    /// Deletes the agent's grant on one scope; returns it when there was one.
    package func deleteGrant(agent: UUID, scope: CatalogScope, account: UUID) throws -> AgentGrant? {
        guard try tx.writeAccount() == account, let before = try grant(agent: agent, scope: scope, account: account)
        else { return nil }
        try tx.execute(
            "DELETE FROM copilot_agent_grants WHERE id = $1 AND account_id = $2", [.uuid(before.id), .uuid(account)])
        return before
    }

    /// Every grant of the account's agents, oldest first.
    package func grants(account: UUID) throws -> [AgentGrant] {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.grantColumns) FROM copilot_agent_grants WHERE account_id = $1 AND \(cond) ORDER BY created_at, id",
            p
        ).map(Self.decodeGrant)
    }

    /// The grants' scopes of `agents` (nil: every agent of the account), oldest first, in one query.
    package func grantScopes(of agents: [UUID]?, account: UUID) throws -> [UUID: [CatalogScope]] {
        guard agents?.isEmpty != true else { return [:] }
        var p: [SQLValue] = [.uuid(account)]
        var filter = ""
        if let agents {
            filter = " AND agent_id IN (\(agents.map { tx.bind(.uuid($0), &p) }.joined(separator: ", ")))"
        }
        let cond = tx.tenantCondition("account_id", &p)
        var result: [UUID: [CatalogScope]] = [:]
        for row in try tx.query(
            """
            SELECT agent_id, scope_type, scope_id FROM copilot_agent_grants WHERE account_id = $1\(filter) AND \(cond)
            ORDER BY created_at, id
            """, p)
        {
            result[try row.uuid("agent_id"), default: []].append(try Self.scope(row))
        }
        return result
    }

    /// The agents whose grants reach `user` of the account's copilot tree (on the user, their teams, their teams'
    /// organizations, the organizations they are members of, or the account), newest first, each with the grants
    /// that reach the user (oldest first): one query.
    package func reaching(user: UUID, account: UUID) throws -> [(agent: Agent, via: [CatalogScope])] {
        var p: [SQLValue] = [.uuid(account)]
        let reach = CatalogReach.reachesUser(user, account: account, &p)
        let cond = tx.tenantCondition("g.account_id", &p)
        let columns = Self.columns.split(separator: ",").map { "a.\($0.trimmingCharacters(in: .whitespaces))" }
        var order: [UUID] = []
        var found: [UUID: (agent: Agent, via: [CatalogScope])] = [:]
        for row in try tx.query(
            """
            SELECT \(columns.joined(separator: ", ")), g.scope_type, g.scope_id
            FROM copilot_agent_grants g JOIN copilot_agents a ON a.id = g.agent_id AND a.account_id = g.account_id
            WHERE g.account_id = $1 AND \(reach) AND \(cond)
            ORDER BY a.created_at DESC, a.id, g.created_at, g.id
            """, p)
        {
            let id = try row.uuid("id")
            if found[id] == nil {
                found[id] = (try Self.decode(row), [])
                order.append(id)
            }
            found[id]?.via.append(try Self.scope(row))
        }
        return order.compactMap { found[$0] }
    }

    static func scope(_ r: SQLRow) throws -> CatalogScope {
        CatalogScope(
            type: CatalogScopeType(rawValue: try r.string("scope_type")) ?? .account, id: try r.string("scope_id"))
    }

    static func decodeGrant(_ r: SQLRow) throws -> AgentGrant {
        AgentGrant(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), agentID: try r.uuid("agent_id"),
            scope: try scope(r), createdBy: try r.string("created_by"), createdAt: try r.date("created_at"))
    }
}
