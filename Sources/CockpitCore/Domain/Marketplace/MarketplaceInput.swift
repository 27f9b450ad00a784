import Foundation

/// `POST /v1/copilot/marketplace` as sent, with the original's defaults: published, not featured or verified,
/// `free`, `1.0.0`, no author, counters 0, no grants. Numbers arrive as sent (the core refuses what is not a whole
/// number, NaN, out of range, naming the field).
public struct MarketplacePost: Sendable, Equatable {
    public var entityType: String
    public var entityID: String
    public var title: String
    public var description: String?
    public var isPublished = true
    public var isFeatured = false
    public var isVerified = false
    public var pricingModel = "free"
    public var version = "1.0.0"
    public var author: String?
    public var installationCount: Double = 0
    public var ratingAvg: Double = 0
    public var ratingCount: Double = 0
    public var grants: [MarketplaceGrantInput] = []

    public init(entityType: String, entityID: String, title: String, description: String? = nil) {
        (self.entityType, self.entityID, self.title, self.description) = (entityType, entityID, title, description)
    }
}

/// `PATCH /v1/copilot/marketplace/{id}`: nil keeps a field (so `description` and `author` cannot be cleared, as in
/// the original); `grants`, when given, replaces every grant.
public struct MarketplaceChange: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var isPublished: Bool?
    public var isFeatured: Bool?
    public var isVerified: Bool?
    public var pricingModel: String?
    public var version: String?
    public var author: String?
    public var installationCount: Double?
    public var ratingAvg: Double?
    public var ratingCount: Double?
    public var grants: [MarketplaceGrantInput]?

    public init() {}
}
