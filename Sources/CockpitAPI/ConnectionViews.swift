import CockpitCore
import Foundation

/// A connection as every answer shows it (V1_CONTRACT.md "Connections"): its row with `description` written as null
/// when none and `secret_json` always `{"masked": true}` (nothing of the secret, not even whether one is stored,
/// as in the original); on the effective view also `granted_via`, the grants that reach the user asked about.
public struct ConnectionView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var connectionType: String
    public var name: String
    public var description: String?
    public var credentialVisibility: String
    public var allowUserSelfManage: Bool
    public var configJson: JSONValue
    public var secretJson: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var grantedVia: [ConnectionScopeView]?

    public init(_ c: Connection, grantedVia: [CatalogScope]? = nil) {
        (id, accountID, connectionType, name, description) = (
            c.id, c.accountID, c.type.rawValue, c.name, c.description
        )
        (credentialVisibility, allowUserSelfManage, configJson) = (
            c.credentialVisibility.rawValue, c.allowUserSelfManage, c.config
        )
        secretJson = Connection.maskedSecret
        (createdBy, createdAt, updatedAt) = (c.createdBy, c.createdAt, c.updatedAt)
        self.grantedVia = grantedVia?.map(ConnectionScopeView.init)
    }

    /// A connection a user may use, with the grants that reach them.
    public init(_ e: EffectiveConnection) { self.init(e.connection, grantedVia: e.grantedVia) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(connectionType, forKey: .connectionType)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(credentialVisibility, forKey: .credentialVisibility)
        try c.encode(allowUserSelfManage, forKey: .allowUserSelfManage)
        try c.encode(configJson, forKey: .configJson)
        try c.encode(secretJson, forKey: .secretJson)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(grantedVia, forKey: .grantedVia)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, connectionType, name, description, credentialVisibility, allowUserSelfManage
        case configJson, secretJson, createdBy, createdAt, updatedAt, grantedVia
    }
}

/// `{scope_type, scope_id}`: a scope a grant names.
public struct ConnectionScopeView: Codable, Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(_ scope: CatalogScope) { (scopeType, scopeID) = (scope.type.rawValue, scope.id) }
}

/// One grant of a connection: `{id, account_id, connection_id, scope_type, scope_id, can_manage, created_by,
/// created_at}`.
public struct ConnectionGrantView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var connectionID: UUID
    public var scopeType: String
    public var scopeID: String
    public var canManage: Bool
    public var createdBy: String
    public var createdAt: Date

    public init(_ g: ConnectionGrant) {
        (id, accountID, connectionID, scopeType, scopeID) = (
            g.id, g.accountID, g.connectionID, g.scope.type.rawValue, g.scope.id
        )
        (canManage, createdBy, createdAt) = (g.canManage, g.createdBy, g.createdAt)
    }
}

/// `POST /v1/copilot/connections/{connection_id}/test`: `{"status": "reachable"|"refused"|"timed_out"|"error",
/// "latency_ms", "detail"}` (the detail never carries the secret).
public struct ConnectionHealthView: Codable, Sendable, Equatable {
    public var status: String
    public var latencyMs: Int
    public var detail: String

    public init(_ h: ConnectionHealth) { (status, latencyMs, detail) = (h.status.rawValue, h.latencyMs, h.detail) }
}
