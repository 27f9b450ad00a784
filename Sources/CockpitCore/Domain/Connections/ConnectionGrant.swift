import Foundation

/// A grant of a connection to a scope of the copilot tree (an organization, team or user, or, cockpit's addition,
/// the whole account), with whether that scope may manage it. One per (connection, scope): granting again replaces
/// `can_manage` and keeps the id.
public struct ConnectionGrant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var connectionID: UUID
    public var scope: CatalogScope
    public var canManage: Bool
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID, accountID: UUID, connectionID: UUID, scope: CatalogScope, canManage: Bool, createdBy: String,
        createdAt: Date
    ) {
        (self.id, self.accountID, self.connectionID, self.scope, self.canManage) = (
            id, accountID, connectionID, scope, canManage
        )
        (self.createdBy, self.createdAt) = (createdBy, createdAt)
    }
}

/// A connection a copilot user may use, with the grants that reach them (`granted_via`, oldest first).
public struct EffectiveConnection: Sendable, Equatable {
    public var connection: Connection
    public var grantedVia: [CatalogScope]

    public init(connection: Connection, grantedVia: [CatalogScope]) {
        (self.connection, self.grantedVia) = (connection, grantedVia)
    }
}
