import Foundation

/// A listing of the account's copilot marketplace (V1_CONTRACT.md "Marketplace"): one per (account, entity type,
/// entity id), so a re-post of the same entity updates it. `entity_type` is free text (the cockpit's clients send
/// `agent` and `connection`) and `entity_id` is not checked. The counters are figures an admin may set; cockpit's
/// installs and ratings move them (docs/COPILOT_CATALOG.md "Marketplace").
public struct MarketplaceListing: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var entityType: String
    public var entityID: String
    public var title: String
    public var description: String?
    public var isPublished: Bool
    public var isFeatured: Bool
    public var isVerified: Bool
    public var pricingModel: String
    public var version: String
    public var author: String?
    public var installationCount: Int64
    public var ratingAvg: Double
    public var ratingCount: Int64
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, entityType: String, entityID: String, title: String, description: String?,
        isPublished: Bool, isFeatured: Bool, isVerified: Bool, pricingModel: String, version: String, author: String?,
        installationCount: Int64, ratingAvg: Double, ratingCount: Int64, createdBy: String, createdAt: Date,
        updatedAt: Date
    ) {
        (self.id, self.accountID, self.entityType, self.entityID, self.title) = (
            id, accountID, entityType, entityID, title
        )
        (self.description, self.isPublished, self.isFeatured, self.isVerified) = (
            description, isPublished, isFeatured, isVerified
        )
        (self.pricingModel, self.version, self.author) = (pricingModel, version, author)
        (self.installationCount, self.ratingAvg, self.ratingCount) = (installationCount, ratingAvg, ratingCount)
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }
}

/// A listing with the scopes it is granted to (oldest grant first); `grants` is nil where the answer leaves them out
/// (a list without `include_grants`, publish, install, rate).
public struct MarketplaceItem: Sendable, Equatable {
    public var listing: MarketplaceListing
    public var grants: [CatalogScope]?

    public init(listing: MarketplaceListing, grants: [CatalogScope]?) {
        (self.listing, self.grants) = (listing, grants)
    }
}

/// A page of listings and how many match in all (`total`).
public struct MarketplacePage<Item: Sendable & Equatable>: Sendable, Equatable {
    public var items: [Item]
    public var total: Int

    public init(items: [Item], total: Int) { (self.items, self.total) = (items, total) }
}

/// A listing as discover shows it: visible to everyone (no grants: `matchedScope` nil, the wire's `global`) or
/// through the first of its grants (oldest first) that equals one of the scopes asked about.
public struct MarketplaceDiscovery: Sendable, Equatable {
    public var listing: MarketplaceListing
    public var matchedScope: CatalogScope?

    public init(listing: MarketplaceListing, matchedScope: CatalogScope?) {
        (self.listing, self.matchedScope) = (listing, matchedScope)
    }
}
