import Foundation

/// The audit rows of connection changes, written in the change's transaction, in the `copilot` domain as the original
/// did. Values are the rows as the wire shows them: `secret_json` is `{"masked": true}`, whatever is stored; the
/// sealed text is never written either.
struct ConnectionAudit {
    let tx: Transaction
    let account: UUID
    let actor: Actor
    let now: Date

    init(_ tx: Transaction, _ account: UUID, _ actor: Actor, _ now: Date) {
        (self.tx, self.account, self.actor, self.now) = (tx, account, actor, now)
    }

    func record(
        _ action: String, _ type: String, _ id: String, before: JSONValue? = nil, after: JSONValue? = nil
    )
        throws
    {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: .copilot, action: action, objectType: type, objectID: id,
            before: before, after: after, at: now)
    }

    static func time(_ date: Date) -> JSONValue { .string(Timestamp.format(date)) }

    /// A connection as its answers show it (masked secret).
    static func values(_ c: Connection) -> JSONValue {
        .object([
            "id": .string(c.id.lowercased), "account_id": .string(c.accountID.lowercased),
            "connection_type": .string(c.type.rawValue), "name": .string(c.name),
            "description": c.description.map(JSONValue.string) ?? .null,
            "credential_visibility": .string(c.credentialVisibility.rawValue),
            "allow_user_self_manage": .bool(c.allowUserSelfManage), "config_json": c.config,
            "secret_json": Connection.maskedSecret, "created_by": .string(c.createdBy),
            "created_at": time(c.createdAt), "updated_at": time(c.updatedAt),
        ])
    }

    /// A grant row.
    static func values(_ g: ConnectionGrant) -> JSONValue {
        .object([
            "id": .string(g.id.lowercased), "account_id": .string(g.accountID.lowercased),
            "connection_id": .string(g.connectionID.lowercased), "scope_type": .string(g.scope.type.rawValue),
            "scope_id": .string(g.scope.id), "can_manage": .bool(g.canManage), "created_by": .string(g.createdBy),
            "created_at": time(g.createdAt),
        ])
    }
}
