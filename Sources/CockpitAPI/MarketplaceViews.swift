import CockpitCore
import Foundation

/// A marketplace listing as the wire shows it (V1_CONTRACT.md "Marketplace"): every column (`description` and
/// `author` written as null when unset), plus `grants` (`[{scope_type, scope_id}]`, oldest first) where the answer
/// embeds them and `visibility` in discover's answer; each is left out where the answer does not carry it.
public struct MarketplaceListingView: Codable, Sendable, Equatable {
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
    public var grants: [MarketplaceGrantScope]?
    public var visibility: MarketplaceVisibility?

    public init(_ l: MarketplaceListing, grants: [CatalogScope]? = nil, visibility: MarketplaceVisibility? = nil) {
        (id, accountID, entityType, entityID, title, description) = (
            l.id, l.accountID, l.entityType, l.entityID, l.title, l.description
        )
        (isPublished, isFeatured, isVerified, pricingModel, version, author) = (
            l.isPublished, l.isFeatured, l.isVerified, l.pricingModel, l.version, l.author
        )
        (installationCount, ratingAvg, ratingCount) = (l.installationCount, l.ratingAvg, l.ratingCount)
        (createdBy, createdAt, updatedAt) = (l.createdBy, l.createdAt, l.updatedAt)
        self.grants = grants.map { $0.map(MarketplaceGrantScope.init) }
        self.visibility = visibility
    }

    /// A listing with its grants (nil: left out).
    public init(_ item: MarketplaceItem) { self.init(item.listing, grants: item.grants) }

    /// A listing as discover shows it: with `visibility`, without grants.
    public init(_ d: MarketplaceDiscovery) { self.init(d.listing, visibility: MarketplaceVisibility(d.matchedScope)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(entityType, forKey: .entityType)
        try c.encode(entityID, forKey: .entityID)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try c.encode(isPublished, forKey: .isPublished)
        try c.encode(isFeatured, forKey: .isFeatured)
        try c.encode(isVerified, forKey: .isVerified)
        try c.encode(pricingModel, forKey: .pricingModel)
        try c.encode(version, forKey: .version)
        try c.encode(author, forKey: .author)
        try c.encode(installationCount, forKey: .installationCount)
        try c.encode(ratingAvg, forKey: .ratingAvg)
        try c.encode(ratingCount, forKey: .ratingCount)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(grants, forKey: .grants)
        try c.encodeIfPresent(visibility, forKey: .visibility)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, entityType, entityID, title, description, isPublished, isFeatured, isVerified
        case pricingModel, version, author, installationCount, ratingAvg, ratingCount, createdBy, createdAt
        case updatedAt, grants, visibility
    }
}

/// How discover found a listing: `{"mode": "global", "matched_scope": "global"}` for one without grants, else
/// `{"mode": "granted", "matched_scope": "<type>:<id>"}`.
public struct MarketplaceVisibility: Codable, Sendable, Equatable {
    public var mode: String
    public var matchedScope: String

    public init(_ matched: CatalogScope?) {
        (mode, matchedScope) = matched.map { ("granted", $0.key) } ?? ("global", "global")
    }
}

/// `{"items": [...], "total": n}`: the list and discover answers (`total` counts every match, not the page).
public struct MarketplaceListAnswer: Codable, Sendable, Equatable {
    public var items: [MarketplaceListingView]
    public var total: Int

    public init(items: [MarketplaceListingView], total: Int) { (self.items, self.total) = (items, total) }
}

/// A grant row: `{id, account_id, marketplace_id, scope_type, scope_id, created_by, created_at, updated_at}`.
public struct MarketplaceGrantView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var marketplaceID: UUID
    public var scopeType: String
    public var scopeID: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(_ g: MarketplaceGrant) {
        (id, accountID, marketplaceID, scopeType, scopeID) = (
            g.id, g.accountID, g.marketplaceID, g.scope.type.rawValue, g.scope.id
        )
        (createdBy, createdAt, updatedAt) = (g.createdBy, g.createdAt, g.updatedAt)
    }
}

/// `{"deleted": n}`: how many grants a delete removed (the original's integer, where a listing's delete answers a
/// boolean).
public struct MarketplaceGrantsDeleted: Codable, Sendable, Equatable {
    public var deleted: Int
    public init(_ deleted: Int) { self.deleted = deleted }
}

/// `{"item": listing, "installed": bool}`: the listing after an install and whether it counted (false: the user
/// had installed it already).
public struct MarketplaceInstallAnswer: Codable, Sendable, Equatable {
    public var item: MarketplaceListingView
    public var installed: Bool

    public init(item: MarketplaceListingView, installed: Bool) { (self.item, self.installed) = (item, installed) }
}
