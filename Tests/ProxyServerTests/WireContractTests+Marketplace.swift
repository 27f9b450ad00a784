import CockpitAPI
@testable import CockpitCore
import Foundation

extension WireContractTests {
    static let listing = MarketplaceListing(
        id: id, accountID: id, entityType: "agent", entityID: "a", title: "t", description: nil, isPublished: true,
        isFeatured: false, isVerified: false, pricingModel: "free", version: "1.0.0", author: nil,
        installationCount: 0, ratingAvg: 0, ratingCount: 0, createdBy: "a", createdAt: now, updatedAt: now)
    static let scope = CatalogScope(type: .team, id: id.lowercased)

    /// The marketplace's bodies and answers (V1_CONTRACT.md "Marketplace" and cockpit's installs and ratings).
    nonisolated(unsafe) static let marketplace: [(String, Any, Place)] = [
        (
            "MarketplaceCreate", MarketplaceCreate(entityType: "agent", entityID: "a", title: "t"),
            .component("MarketplaceCreate")
        ),
        ("MarketplaceUpdate", MarketplaceUpdate(), .component("MarketplaceUpdate")),
        ("MarketplaceGrantScope", MarketplaceGrantScope(scope), .component("MarketplaceGrantScope")),
        (
            "MarketplaceGrantCreate", MarketplaceGrantCreate(scopeType: "team", scopeID: "t"),
            .component("MarketplaceGrantCreate")
        ),
        ("MarketplaceInstall", MarketplaceInstall(userID: "u"), .component("MarketplaceInstall")),
        ("MarketplaceRate", MarketplaceRate(userID: "u", rating: 5), .component("MarketplaceRate")),
        (
            "MarketplaceListingView", MarketplaceListingView(listing, grants: [scope], visibility: .init(scope)),
            .component("MarketplaceListing")
        ),
        ("MarketplaceVisibility", MarketplaceVisibility(nil), .component("MarketplaceVisibility")),
        ("MarketplaceListAnswer", MarketplaceListAnswer(items: [], total: 0), .component("MarketplaceList")),
        (
            "MarketplaceGrantView",
            MarketplaceGrantView(
                MarketplaceGrant(
                    id: id, accountID: id, marketplaceID: id, scope: scope, createdBy: "a", createdAt: now,
                    updatedAt: now)), .component("MarketplaceGrant")
        ),
        ("MarketplaceGrantsDeleted", MarketplaceGrantsDeleted(1), .component("MarketplaceGrantsDeleted")),
        (
            "MarketplaceInstallAnswer",
            MarketplaceInstallAnswer(item: MarketplaceListingView(listing), installed: true),
            .component("MarketplaceInstallAnswer")
        ),
    ]
}
