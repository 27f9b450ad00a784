import CockpitAPI
import CockpitCore
import Foundation

/// The copilot marketplace over `/v1/copilot/marketplace`, read back with the wire's own types.
extension RemoteBackend {
    static let marketplacePath = "/v1/copilot/marketplace"

    public func listings(account: UUID) async throws -> [MarketplaceItem] {
        var items: [MarketplaceItem] = []
        for _ in 0..<LocalBackend.listingPages {
            let answer = try decode(
                MarketplaceListAnswer.self,
                try await get(
                    "\(Self.marketplacePath)?include_grants=true&limit=\(LocalBackend.listingPage)&offset=\(items.count)",
                    account: account))
            items += try answer.items.map { MarketplaceItem(listing: $0.listing, grants: try $0.scopes()) }
            if answer.items.isEmpty || items.count >= answer.total { break }
        }
        return items
    }

    public func postListing(account: UUID, _ post: MarketplacePost) async throws -> MarketplaceItem {
        var body = MarketplaceCreate(
            entityType: post.entityType, entityID: post.entityID, title: post.title, description: post.description)
        (body.isPublished, body.isFeatured, body.isVerified) = (post.isPublished, post.isFeatured, post.isVerified)
        (body.pricingModel, body.version, body.author) = (post.pricingModel, post.version, post.author)
        body.installationCount = post.installationCount == 0 ? nil : post.installationCount
        body.ratingAvg = post.ratingAvg == 0 ? nil : post.ratingAvg
        body.ratingCount = post.ratingCount == 0 ? nil : post.ratingCount
        body.grants = post.grants.map { MarketplaceGrantScope(scopeType: $0.scopeType, scopeID: $0.scopeID) }
        let answer = try await send("POST", Self.marketplacePath, body: body, account: account)
        return try decode(MarketplaceListingView.self, answer["item"]).item()
    }

    public func updateListing(account: UUID, id: UUID, _ change: MarketplaceChange) async throws -> MarketplaceItem {
        var body = MarketplaceUpdate()
        (body.title, body.description, body.isPublished, body.isFeatured) = (
            change.title, change.description, change.isPublished, change.isFeatured
        )
        (body.isVerified, body.pricingModel, body.version, body.author) = (
            change.isVerified, change.pricingModel, change.version, change.author
        )
        (body.installationCount, body.ratingAvg, body.ratingCount) = (
            change.installationCount, change.ratingAvg, change.ratingCount
        )
        body.grants = change.grants?.map { MarketplaceGrantScope(scopeType: $0.scopeType, scopeID: $0.scopeID) }
        let answer = try await send("PATCH", "\(Self.marketplacePath)/\(id.lowercased)", body: body, account: account)
        return try decode(MarketplaceListingView.self, answer["item"]).item()
    }

    public func publishListing(account: UUID, id: UUID, _ published: Bool) async throws -> MarketplaceListing {
        let answer = try await send(
            "POST", "\(Self.marketplacePath)/\(id.lowercased)/publish?publish=\(published)", nil, account: account)
        return try decode(MarketplaceListingView.self, answer["item"]).listing
    }

    public func deleteListing(account: UUID, id: UUID) async throws -> Bool {
        let answer = try await send("DELETE", "\(Self.marketplacePath)/\(id.lowercased)", nil, account: account)
        return try decode(DeletedAnswer.self, answer).deleted
    }

    public func grantListing(account: UUID, id: UUID, to scope: CatalogScope) async throws {
        _ = try await send(
            "POST", "\(Self.marketplacePath)/\(id.lowercased)/grants",
            body: MarketplaceGrantCreate(scopeType: scope.type.rawValue, scopeID: scope.id), account: account)
    }

    public func revokeListing(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Int {
        let path = "\(Self.marketplacePath)/\(id.lowercased)/grants?\(Self.scopeQuery(scope))"
        return try decode(MarketplaceGrantsDeleted.self, try await send("DELETE", path, nil, account: account)).deleted
    }

    public func discover(account: UUID, org: UUID?, team: UUID?, user: UUID?) async throws -> [MarketplaceDiscovery] {
        let asked = [("org_id", org), ("team_id", team), ("user_id", user)].compactMap { name, id in
            id.map { "&\(name)=\($0.lowercased)" }
        }.joined()
        var found: [MarketplaceDiscovery] = []
        for _ in 0..<LocalBackend.listingPages {
            let answer = try decode(
                MarketplaceListAnswer.self,
                try await get(
                    "\(Self.marketplacePath)/discover?limit=\(LocalBackend.listingPage)&offset=\(found.count)\(asked)",
                    account: account))
            found += try answer.items.map { view in
                let matched = view.visibility?.matchedScope ?? "global"
                guard matched != "global", let colon = matched.firstIndex(of: ":") else {
                    return MarketplaceDiscovery(listing: view.listing, matchedScope: nil)
                }
                return MarketplaceDiscovery(
                    listing: view.listing,
                    matchedScope: try Self.scope(
                        String(matched[..<colon]), String(matched[matched.index(after: colon)...])))
            }
            if answer.items.isEmpty || found.count >= answer.total { break }
        }
        return found
    }
}

extension MarketplaceListingView {
    /// The listing as the core holds it.
    var listing: MarketplaceListing {
        MarketplaceListing(
            id: id, accountID: accountID, entityType: entityType, entityID: entityID, title: title,
            description: description, isPublished: isPublished, isFeatured: isFeatured, isVerified: isVerified,
            pricingModel: pricingModel, version: version, author: author, installationCount: installationCount,
            ratingAvg: ratingAvg, ratingCount: ratingCount, createdBy: createdBy, createdAt: createdAt,
            updatedAt: updatedAt)
    }

    /// The scopes it is granted to, where the answer carries them.
    func scopes() throws -> [CatalogScope]? { try grants?.map { try RemoteBackend.scope($0.scopeType, $0.scopeID) } }

    /// The listing with its grants.
    func item() throws -> MarketplaceItem { MarketplaceItem(listing: listing, grants: try scopes()) }
}
