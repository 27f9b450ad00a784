import Foundation

/// Copilot connections (their secrets only sealed) and their grants to scopes of the copilot tree.
package struct ConnectionRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = [
        "id", "account_id", "connection_type", "name", "description", "credential_visibility",
        "allow_user_self_manage", "config_json", "secret_sealed", "secret_key_id", "created_by", "created_at",
        "updated_at",
    ]
    static let list = columns.joined(separator: ", ")
    static let grantColumns = "id, account_id, connection_id, scope_type, scope_id, can_manage, created_by, created_at"

    /// Inserts a new connection.
    package func insert(_ c: Connection) throws {
        guard try tx.writeAccount() == c.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO copilot_connections (\(Self.list)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            [
                .uuid(c.id), .uuid(c.accountID), .text(c.type.rawValue), .text(c.name), .optional(c.description),
                .text(c.credentialVisibility.rawValue), .bool(c.allowUserSelfManage), .json(c.config),
                .optional(c.secret?.sealed), .optional(c.secret?.keyID), .text(c.createdBy), .timestamp(c.createdAt),
                .timestamp(c.updatedAt),
            ])
    }

    /// Replaces a connection's changeable fields (everything but its id, account, type and creation); false when it
    /// is not in the account.
    @discardableResult
    package func update(_ c: Connection) throws -> Bool {
        guard try tx.writeAccount() == c.accountID else { throw CockpitError.notFound("Account") }
        return try tx.execute(
            """
            UPDATE copilot_connections SET name = $3, description = $4, credential_visibility = $5,
                allow_user_self_manage = $6, config_json = $7, secret_sealed = $8, secret_key_id = $9, updated_at = $10
            WHERE account_id = $1 AND id = $2
            """,
            [
                .uuid(c.accountID), .uuid(c.id), .text(c.name), .optional(c.description),
                .text(c.credentialVisibility.rawValue), .bool(c.allowUserSelfManage), .json(c.config),
                .optional(c.secret?.sealed), .optional(c.secret?.keyID), .timestamp(c.updatedAt),
            ]) > 0
    }

    /// One connection of the account.
    package func get(_ id: UUID, account: UUID) throws -> Connection? {
        var p: [SQLValue] = [.uuid(account), .uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.list) FROM copilot_connections WHERE account_id = $1 AND id = $2 AND \(cond)", p
        ).map { try Self.decode($0) }
    }

    /// The account's connections, newest first, optionally of one type only.
    package func list(account: UUID, type: ConnectionType? = nil) throws -> [Connection] {
        var p: [SQLValue] = [.uuid(account)]
        let filter = type.map { " AND connection_type = \(tx.bind(.text($0.rawValue), &p))" } ?? ""
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.list) FROM copilot_connections WHERE account_id = $1\(filter) AND \(cond) ORDER BY created_at DESC, id",
            p
        ).map { try Self.decode($0) }
    }

    /// Deletes a connection (its grants go with it, by foreign key); the deleted row, nil when there was none.
    package func delete(_ id: UUID, account: UUID) throws -> Connection? {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        return try tx.queryOne(
            "DELETE FROM copilot_connections WHERE account_id = $1 AND id = $2 RETURNING \(Self.list)",
            [.uuid(account), .uuid(id)]
        ).map { try Self.decode($0) }
    }

    // MARK: Grants

    /// Grants a connection to a scope, or replaces `can_manage` of the existing grant (its id kept). Returns the
    /// stored grant.
    @discardableResult
    package func upsertGrant(_ g: ConnectionGrant) throws -> ConnectionGrant {
        guard try tx.writeAccount() == g.accountID else { throw CockpitError.notFound("Account") }
        let tree = CatalogReach.treeColumns(g.scope)
        let rows = try tx.query(
            """
            INSERT INTO copilot_connection_grants (\(Self.grantColumns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (connection_id, scope_type, scope_id) DO UPDATE SET can_manage = excluded.can_manage
            RETURNING \(Self.grantColumns)
            """,
            [
                .uuid(g.id), .uuid(g.accountID), .uuid(g.connectionID), .text(g.scope.type.rawValue),
                .text(g.scope.id), .bool(g.canManage), .text(g.createdBy), .timestamp(g.createdAt), tree.org,
                tree.team, tree.user,
            ])
        return try rows.first.map(Self.decodeGrant) ?? g
    }

    /// The grant of a connection to one scope.
    package func grant(connection: UUID, scope: CatalogScope) throws -> ConnectionGrant? {
        var p: [SQLValue] = [.uuid(connection), .text(scope.type.rawValue), .text(scope.id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.grantColumns) FROM copilot_connection_grants WHERE connection_id = $1 AND scope_type = $2 AND scope_id = $3 AND \(cond)",
            p
        ).map(Self.decodeGrant)
    }

    /// A connection's grants, oldest first.
    package func grants(connection: UUID) throws -> [ConnectionGrant] {
        var p: [SQLValue] = [.uuid(connection)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.grantColumns) FROM copilot_connection_grants WHERE connection_id = $1 AND \(cond) ORDER BY created_at, id",
            p
        ).map(Self.decodeGrant)
    }

    /// Removes the grant of a connection to one scope; the removed grant, nil when there was none.
    package func deleteGrant(connection: UUID, scope: CatalogScope, account: UUID) throws -> ConnectionGrant? {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        return try tx.queryOne(
            """
            DELETE FROM copilot_connection_grants
            WHERE account_id = $1 AND connection_id = $2 AND scope_type = $3 AND scope_id = $4
            RETURNING \(Self.grantColumns)
            """,
            [.uuid(account), .uuid(connection), .text(scope.type.rawValue), .text(scope.id)]
        ).map(Self.decodeGrant)
    }

    /// The connections that reach `user` of the account's copilot tree through a grant on the user, one of their
    /// teams or organizations, or the account, newest first, each with the grants that reach the user (oldest
    /// first): one query.
    package func effective(user: UUID, account: UUID) throws -> [EffectiveConnection] {
        var p: [SQLValue] = [.uuid(account)]
        let reach = CatalogReach.reachesUser(user, account: account, &p)
        let cond = tx.tenantCondition("c.account_id", &p)
        let rows = try tx.query(
            """
            SELECT \(Self.columns.map { "c.\($0)" }.joined(separator: ", ")), g.scope_type AS via_type,
                g.scope_id AS via_id
            FROM copilot_connections c
            JOIN copilot_connection_grants g ON g.connection_id = c.id AND g.account_id = c.account_id
            WHERE c.account_id = $1 AND \(reach) AND \(cond)
            ORDER BY c.created_at DESC, c.id, g.created_at, g.id
            """, p)
        var result: [EffectiveConnection] = []
        for row in rows {
            let via = CatalogScope(
                type: CatalogScopeType(rawValue: try row.string("via_type")) ?? .account, id: try row.string("via_id"))
            let id = try row.uuid("id")
            if result.last?.connection.id == id {
                result[result.count - 1].grantedVia.append(via)
            } else {
                result.append(EffectiveConnection(connection: try Self.decode(row), grantedVia: [via]))
            }
        }
        return result
    }

    static func decode(_ r: SQLRow) throws -> Connection {
        let sealed = r.optionalString("secret_sealed")
        return Connection(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"),
            type: ConnectionType(rawValue: try r.string("connection_type")) ?? .openapi, name: try r.string("name"),
            description: r.optionalString("description"),
            credentialVisibility: CredentialVisibility(rawValue: try r.string("credential_visibility")) ?? .useOnly,
            allowUserSelfManage: try r.bool("allow_user_self_manage"), config: try r.json("config_json"),
            secret: sealed.map { SealedSecret(sealed: $0, keyID: r.optionalString("secret_key_id") ?? "") },
            createdBy: try r.string("created_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }

    static func decodeGrant(_ r: SQLRow) throws -> ConnectionGrant {
        ConnectionGrant(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), connectionID: try r.uuid("connection_id"),
            scope: CatalogScope(
                type: CatalogScopeType(rawValue: try r.string("scope_type")) ?? .account,
                id: try r.string("scope_id")),
            canManage: try r.bool("can_manage"), createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"))
    }
}
