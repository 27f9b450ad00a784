import Foundation

/// Copilot agents and their grants. Lists read the agents, their mandatory preset ids and their grants in three
/// queries whatever their number; effective visibility is one query (`CatalogReach.reachesUser`).
package struct AgentRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "id, account_id, name, description, definition_json, created_by, created_at, updated_at"
    static let grantColumns = "id, account_id, agent_id, scope_type, scope_id, created_by, created_at"

    /// Inserts an agent.
    package func insert(_ a: Agent) throws {
        guard try tx.writeAccount() == a.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO copilot_agents (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [
                .uuid(a.id), .uuid(a.accountID), .text(a.name), .optional(a.description), .json(a.definitionJSON),
                .text(a.createdBy), .timestamp(a.createdAt), .timestamp(a.updatedAt),
            ])
    }

    /// Replaces an agent's name, description, definition and `updated_at`.
    package func update(_ a: Agent) throws {
        guard try tx.writeAccount() == a.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            """
            UPDATE copilot_agents SET name = $1, description = $2, definition_json = $3, updated_at = $4
            WHERE id = $5 AND account_id = $6
            """,
            [
                .text(a.name), .optional(a.description), .json(a.definitionJSON), .timestamp(a.updatedAt),
                .uuid(a.id), .uuid(a.accountID),
            ])
    }

    /// One agent of the account.
    package func agent(_ id: UUID, account: UUID) throws -> Agent? {
        var p: [SQLValue] = [.uuid(id), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM copilot_agents WHERE id = $1 AND account_id = $2 AND \(cond)", p
        ).map(Self.decode)
    }

    /// The account's agents, newest first.
    package func agents(account: UUID) throws -> [Agent] {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM copilot_agents WHERE account_id = $1 AND \(cond) ORDER BY created_at DESC, id",
            p
        ).map(Self.decode)
    }

    /// Deletes an agent (its grants go with it: foreign key); returns the row deleted.
    package func delete(_ id: UUID, account: UUID) throws -> Agent? {
        guard try tx.writeAccount() == account, let before = try agent(id, account: account) else { return nil }
        try tx.execute("DELETE FROM copilot_agents WHERE id = $1 AND account_id = $2", [.uuid(id), .uuid(account)])
        return before
    }

    /// `agents` with their mandatory preset ids and, with `grants`, their grants: two more queries in all. One agent
    /// or a few read theirs only; more read the account's (one query either way, no list of thousands of ids).
    package func details(_ agents: [Agent], account: UUID, grants withGrants: Bool) throws -> [AgentDetail] {
        guard !agents.isEmpty else { return [] }
        let some = agents.count <= 200 ? agents.map(\.id) : nil
        let presets = try GuardrailRepository(tx).agentPresetIDs(some, account: account)
        let grants = withGrants ? try grantScopes(of: some, account: account) : [:]
        return agents.map { a in
            AgentDetail(agent: a, presetIDs: presets[a.id] ?? [], grants: withGrants ? grants[a.id] ?? [] : nil)
        }
    }

    static func decode(_ r: SQLRow) throws -> Agent {
        Agent(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), name: try r.string("name"),
            description: r.optionalString("description"), definitionJSON: try r.json("definition_json"),
            createdBy: try r.string("created_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
