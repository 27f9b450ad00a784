import Foundation

/// A grant of a marketplace listing to an organization, team or user of the copilot tree (never the account: the
/// schema's check). A listing with no grants is visible to everyone in discover.
public struct MarketplaceGrant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var marketplaceID: UUID
    public var scope: CatalogScope
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, marketplaceID: UUID, scope: CatalogScope, createdBy: String, createdAt: Date,
        updatedAt: Date
    ) {
        (self.id, self.accountID, self.marketplaceID, self.scope) = (id, accountID, marketplaceID, scope)
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }
}

/// One entry of a grant list as the wire sends it (`{scope_type, scope_id}`, strings not yet checked).
public struct MarketplaceGrantInput: Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }
}
