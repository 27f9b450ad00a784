import Foundation

extension ConnectionService {
    /// Grants a connection to a scope (the original's order: 400 scope type → 404 scope → 404 `Connection not
    /// found`). Cockpit also takes the `account` scope (its id: the account's). Granting again replaces `can_manage`
    /// and keeps the grant's id.
    public func grant(
        account: UUID, connectionID: String, scopeType: String, scopeID: String, canManage: Bool
    ) async throws -> ConnectionGrant {
        let actor = try context.changing(.manageCopilot, in: account)
        let type = try CatalogScopeType.parse(scopeType, allowingAccount: true)
        let now = context.now()
        let caller = context.caller
        return try await context.write(.account(account)) { tx in
            let scope = try CatalogScopes.resolve(
                tx, CatalogScope(type: type, id: CatalogScopes.normalized(type, scopeID)), account: account,
                caller: caller)
            let connection = try Self.require(tx, connectionID, account)
            let repo = ConnectionRepository(tx)
            let before = try repo.grant(connection: connection.id, scope: scope)
            let stored = try repo.upsertGrant(
                ConnectionGrant(
                    id: UUID(), accountID: account, connectionID: connection.id, scope: scope, canManage: canManage,
                    createdBy: actor.name, createdAt: now))
            try ConnectionAudit(tx, account, actor, now).record(
                "connection.grant_upsert", "copilot_connection_grant", stored.id.lowercased,
                before: before.map(ConnectionAudit.values), after: ConnectionAudit.values(stored))
            return stored
        }
    }

    /// A connection's grants, oldest first (cockpit's addition; the original has no such route); 404 `Connection
    /// not found`.
    public func grants(account: UUID, connectionID: String) async throws -> [ConnectionGrant] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            try ConnectionRepository(tx).grants(connection: try Self.require(tx, connectionID, account).id)
        }
    }

    /// Removes a connection's grant to one scope (cockpit's addition), checked as the agents' grant removal is: 400
    /// scope type → 404 `Connection not found`; false when there was no such grant. A team admin removes only
    /// grants they could make.
    public func revoke(account: UUID, connectionID: String, scopeType: String, scopeID: String) async throws -> Bool {
        let actor = try context.changing(.manageCopilot, in: account)
        let type = try CatalogScopeType.parse(scopeType, allowingAccount: true)
        let now = context.now()
        let caller = context.caller
        return try await context.write(.account(account)) { tx in
            let connection = try Self.require(tx, connectionID, account)
            let scope = CatalogScope(type: type, id: CatalogScopes.normalized(type, scopeID))
            try CatalogScopes.requireAdministration(tx, scope, caller: caller)
            guard
                let removed = try ConnectionRepository(tx).deleteGrant(
                    connection: connection.id, scope: scope, account: account)
            else { return false }
            try ConnectionAudit(tx, account, actor, now).record(
                "connection.grant_delete", "copilot_connection_grant", removed.id.lowercased,
                before: ConnectionAudit.values(removed))
            return true
        }
    }

    /// The connections a copilot user of the account may use: those granted to the user, one of their teams or
    /// organizations, or the account (a union, in one query), newest first, each with the grants that reach the
    /// user. 404 `copilot user not found` for a user not in the account's copilot tree.
    public func effective(account: UUID, userID: String) async throws -> [EffectiveConnection] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            guard let user = UUID.fast(userID), try UserRepository(tx).get(user, domain: .copilot) != nil else {
                throw CockpitError.notFound("copilot user")
            }
            return try ConnectionRepository(tx).effective(user: user, account: account)
        }
    }
}
