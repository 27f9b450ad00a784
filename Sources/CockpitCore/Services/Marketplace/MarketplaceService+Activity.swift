import Foundation

/// Cockpit's additions beside the original: installs and ratings by copilot users, one of each per user and
/// listing. Both leave `updated_at` alone (it tells when an admin last changed the listing).
extension MarketplaceService {
    /// Counts `userID`'s installation of the listing once: a new install adds one to `installation_count` (the
    /// figure a post or change set is the base it counts from); a repeat changes nothing and is not audited. 404
    /// `Marketplace listing not found` → 404 `copilot user not found`. Returns the listing and whether it counted.
    public func install(
        account: UUID, listingID: String, userID: String
    ) async throws
        -> (listing: MarketplaceListing, installed: Bool)
    {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            var listing = try Self.existing(tx, listingID, account: account, locked: true)
            let user = try Self.treeID(tx, .user, userID)
            guard
                try MarketplaceActivityRepository(tx).install(
                    listing: listing.id, user: user, account: account, at: now)
            else { return (listing, false) }
            let before = listing
            listing.installationCount += 1
            try MarketplaceRepository(tx).update(listing)
            try MarketplaceAudit(tx, account, actor, now).listing(
                "install", listing.id, before: MarketplaceAudit.values(before),
                after: MarketplaceAudit.values(listing, extra: ["user_id": .string(user.lowercased)]))
            return (listing, true)
        }
    }

    /// Sets `userID`'s rating of the listing (a whole number from 1 to 5, else 400 naming `rating`; a repeat
    /// replaces it), then recomputes `rating_count` and `rating_avg` from the ratings alone (sum / count, exact): the
    /// figures a post or change set before are replaced once users rate. 400 → 404 listing → 404 user.
    public func rate(
        account: UUID, listingID: String, userID: String, rating: Double
    ) async throws
        -> MarketplaceListing
    {
        let actor = try context.changing(.manageCopilot, in: account)
        let value = try MarketplaceRules.rating(rating)
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            var listing = try Self.existing(tx, listingID, account: account, locked: true)
            let user = try Self.treeID(tx, .user, userID)
            let activity = MarketplaceActivityRepository(tx)
            try activity.rate(listing: listing.id, user: user, rating: value, account: account, at: now)
            let (count, sum) = try activity.ratingTotals(listing: listing.id)
            let before = listing
            listing.ratingCount = count
            listing.ratingAvg = count == 0 ? 0 : Double(sum) / Double(count)
            try MarketplaceRepository(tx).update(listing)
            try MarketplaceAudit(tx, account, actor, now).listing(
                "rate", listing.id, before: MarketplaceAudit.values(before),
                after: MarketplaceAudit.values(
                    listing, extra: ["user_id": .string(user.lowercased), "rating": .number(Double(value))]))
            return listing
        }
    }
}
