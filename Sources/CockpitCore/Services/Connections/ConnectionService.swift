import Foundation

/// Copilot connections (V1_CONTRACT.md "Connections"; docs/COPILOT_CATALOG.md): OpenAPI services, MCP servers and
/// Composio integrations an account's agents may reach, with the original's checks in its order and words, and
/// cockpit's on top: URLs in `config_json` name public addresses unless allowed, no MCP commands, size limits, and
/// secrets sealed with the installation's key, never returned, logged or audited (`secret_json` reads
/// `{"masked": true}`). Every change runs in one transaction with its audit row.
public struct ConnectionService: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    /// Creates a connection. Checks, in order: 400 type → 400 visibility → 400 blank name → Composio's `auth_mode`
    /// and `api_key` → cockpit's limits and outbound rules (400 naming the field).
    public func create(account: UUID, type rawType: String, _ input: ConnectionInput) async throws -> Connection {
        let actor = try context.changing(.manageCopilot, in: account)
        let type = try ConnectionType.parse(rawType)
        let visibility = try ConnectionRules.original(
            type: type, visibility: input.credentialVisibility, name: input.name, config: input.config,
            secret: input.secret)
        let stores = ConnectionRules.storesSecret(input.secret)
        try ConnectionRules.limits(
            name: input.name, description: input.description, config: input.config,
            secret: stores ? input.secret : nil)
        try await checkOutbound(input.config, type: type)
        let sealed = stores ? try seal(input.secret) : nil
        let now = context.now()
        let connection = Connection(
            id: UUID(), accountID: account, type: type, name: input.name, description: input.description,
            credentialVisibility: visibility, allowUserSelfManage: input.allowUserSelfManage, config: input.config,
            secret: sealed, createdBy: actor.name, createdAt: now, updatedAt: now)
        return try await context.write(.account(account)) { tx in
            try ConnectionRepository(tx).insert(connection)
            try ConnectionAudit(tx, account, actor, now).record(
                "connection.create", "copilot_connection", connection.id.lowercased,
                after: ConnectionAudit.values(connection))
            return connection
        }
    }

    /// The account's connections, newest first; `type` (normalised as on create, blank: every type) filters.
    public func list(account: UUID, type rawType: String? = nil) async throws -> [Connection] {
        try context.reading(.manageCopilot, in: account)
        let type = try rawType.flatMap { $0.isEmpty ? nil : try ConnectionType.parse($0) }
        return try await context.read(.account(account)) {
            try ConnectionRepository($0).list(account: account, type: type)
        }
    }

    /// One connection of the account; 404 `Connection not found` otherwise.
    public func get(account: UUID, id: String) async throws -> Connection {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { try Self.require($0, id, account) }
    }

    /// Changes a connection: 404 → on the merged values, the original's checks (Composio's `api_key` read from the
    /// new `secret_json` when one is given, else from the stored secret) → cockpit's limits and outbound rules (a new
    /// `config_json` only). The type never changes; `{}` as `secret_json` keeps the stored secret.
    public func update(account: UUID, id: String, _ patch: ConnectionPatch) async throws -> Connection {
        let actor = try context.changing(.manageCopilot, in: account)
        let stored = try await context.read(.account(account)) { try Self.require($0, id, account) }
        let name = patch.name ?? stored.name
        let description = patch.description ?? stored.description
        let config = patch.config ?? stored.config
        let checkedSecret = try patch.secret ?? storedSecretForCheck(stored, config: config)
        let visibility = try ConnectionRules.original(
            type: stored.type, visibility: patch.credentialVisibility ?? stored.credentialVisibility.rawValue,
            name: name, config: config, secret: checkedSecret)
        let replaces = ConnectionRules.storesSecret(patch.secret)
        try ConnectionRules.limits(
            name: name, description: description, config: config, secret: replaces ? patch.secret : nil)
        if let given = patch.config { try await checkOutbound(given, type: stored.type) }
        let sealed = replaces ? try patch.secret.map(seal) : nil
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            let repo = ConnectionRepository(tx)
            let before = try Self.require(tx, id, account)
            var after = before
            (after.name, after.description, after.credentialVisibility) = (name, description, visibility)
            (after.allowUserSelfManage, after.config) = (
                patch.allowUserSelfManage ?? before.allowUserSelfManage, config
            )
            (after.secret, after.updatedAt) = (sealed ?? before.secret, now)
            try repo.update(after)
            try ConnectionAudit(tx, account, actor, now).record(
                "connection.update", "copilot_connection", before.id.lowercased,
                before: ConnectionAudit.values(before), after: ConnectionAudit.values(after))
            return after
        }
    }

    /// Deletes a connection and its grants; false when the account has no such connection.
    public func delete(account: UUID, id: String) async throws -> Bool {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            guard let uuid = UUID.fast(id), let before = try ConnectionRepository(tx).delete(uuid, account: account)
            else { return false }
            try ConnectionAudit(tx, account, actor, now).record(
                "connection.delete", "copilot_connection", before.id.lowercased,
                before: ConnectionAudit.values(before), after: .object(["id": .string(before.id.lowercased)]))
            return true
        }
    }

    // MARK: Support

    /// The connection `id` names in the account; 404 `Connection not found`.
    static func require(_ tx: Transaction, _ id: String, _ account: UUID) throws -> Connection {
        guard let uuid = UUID.fast(id), let found = try ConnectionRepository(tx).get(uuid, account: account) else {
            throw CockpitError.notFound("Connection")
        }
        return found
    }

    /// Cockpit's outbound rules on a `config_json` being saved (names resolved off the caller's thread).
    func checkOutbound(_ config: JSONValue, type: ConnectionType) async throws {
        let found = try ConnectionConfigPolicy.check(config, type: type)
        guard !found.isEmpty else { return }
        let policy = context.upstreamPolicy
        try await Blocking.run { try ConnectionConfigPolicy.checkAddresses(found, policy: policy) }
    }
}
