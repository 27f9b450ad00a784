import CockpitCore
import Foundation

/// One entry of a marketplace grant list, `{scope_type, scope_id}` (a missing or null value reads as empty, as the
/// original's `(grant or {}).get(…) or ""`: the core then answers its 400); also how answers show a listing's grants.
public struct MarketplaceGrantScope: Codable, Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }

    public init(_ scope: CatalogScope) { self.init(scopeType: scope.type.rawValue, scopeID: scope.id) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scopeType = try c.decodeIfPresent(String.self, forKey: .scopeType) ?? ""
        scopeID = try c.decodeIfPresent(String.self, forKey: .scopeID) ?? ""
    }

    /// The core's entry.
    public var input: MarketplaceGrantInput { MarketplaceGrantInput(scopeType: scopeType, scopeID: scopeID) }

    enum CodingKeys: String, CodingKey { case scopeType, scopeID }
}

/// `POST /v1/copilot/marketplace`: a listing of an entity, or new values for the account's listing of the same
/// entity (the original's re-post). Absent fields take the original's defaults (published, `free`, `1.0.0`,
/// counters 0, no grants); the counters are read as numbers so the core can name a field that is no whole number.
public struct MarketplaceCreate: Codable, Sendable {
    public var entityType: String
    public var entityID: String
    public var title: String
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
    public var grants: [MarketplaceGrantScope]?

    public init(entityType: String, entityID: String, title: String, description: String? = nil) {
        (self.entityType, self.entityID, self.title, self.description) = (entityType, entityID, title, description)
    }

    /// The core's post, defaults filled in.
    public var post: MarketplacePost {
        var p = MarketplacePost(entityType: entityType, entityID: entityID, title: title, description: description)
        p.isPublished = isPublished ?? true
        p.isFeatured = isFeatured ?? false
        p.isVerified = isVerified ?? false
        p.pricingModel = pricingModel ?? "free"
        p.version = version ?? "1.0.0"
        p.author = author
        p.installationCount = installationCount ?? 0
        p.ratingAvg = ratingAvg ?? 0
        p.ratingCount = ratingCount ?? 0
        p.grants = (grants ?? []).map(\.input)
        return p
    }
}

/// `PATCH /v1/copilot/marketplace/{id}`: every field optional, null or absent keeps it; `grants` replaces them all.
public struct MarketplaceUpdate: Codable, Sendable {
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
    public var grants: [MarketplaceGrantScope]?

    public init() {}

    /// The core's change.
    public var change: MarketplaceChange {
        var c = MarketplaceChange()
        (c.title, c.description, c.isPublished, c.isFeatured) = (title, description, isPublished, isFeatured)
        (c.isVerified, c.pricingModel, c.version, c.author) = (isVerified, pricingModel, version, author)
        (c.installationCount, c.ratingAvg, c.ratingCount) = (installationCount, ratingAvg, ratingCount)
        c.grants = grants?.map(\.input)
        return c
    }
}

/// `POST /v1/copilot/marketplace/{id}/grants`: one scope (both fields required).
public struct MarketplaceGrantCreate: Codable, Sendable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }
}

/// `POST /v1/copilot/marketplace/{id}/install` (cockpit's): the copilot user who installs the listing.
public struct MarketplaceInstall: Codable, Sendable {
    public var userID: String

    public init(userID: String) { self.userID = userID }
}

/// `POST /v1/copilot/marketplace/{id}/rate` (cockpit's): a copilot user's rating, a whole number from 1 to 5 (read
/// as a number so that 4.5 or 1e300 is the core's 400 naming `rating`).
public struct MarketplaceRate: Codable, Sendable {
    public var userID: String
    public var rating: Double

    public init(userID: String, rating: Double) { (self.userID, self.rating) = (userID, rating) }
}
