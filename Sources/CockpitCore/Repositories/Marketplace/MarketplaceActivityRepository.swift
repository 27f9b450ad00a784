import Foundation

/// Cockpit's installs and ratings of marketplace listings (tables `marketplace_installs`, `marketplace_ratings`):
/// one of each per copilot user and listing.
package struct MarketplaceActivityRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    /// Records that `user` installed the listing; false when they had already.
    package func install(listing: UUID, user: UUID, account: UUID, at now: Date) throws -> Bool {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        return try tx.execute(
            """
            INSERT INTO marketplace_installs (account_id, marketplace_id, user_id, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (marketplace_id, user_id) DO NOTHING
            """, [.uuid(account), .uuid(listing), .uuid(user), .timestamp(now)]) > 0
    }

    /// Sets `user`'s rating of the listing (a repeat replaces it).
    package func rate(listing: UUID, user: UUID, rating: Int64, account: UUID, at now: Date) throws {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        try tx.execute(
            """
            INSERT INTO marketplace_ratings (account_id, marketplace_id, user_id, rating, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (marketplace_id, user_id) DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at
            """, [.uuid(account), .uuid(listing), .uuid(user), .int(rating), .timestamp(now)])
    }

    /// How many users rated the listing and the sum of their ratings (whole numbers: the average is exact from them).
    package func ratingTotals(listing: UUID) throws -> (count: Int64, sum: Int64) {
        var p: [SQLValue] = [.uuid(listing)]
        let cond = tx.tenantCondition("account_id", &p)
        let row = try tx.queryOne(
            """
            SELECT COUNT(*) AS n, COALESCE(SUM(rating), 0) AS total FROM marketplace_ratings
            WHERE marketplace_id = $1 AND \(cond)
            """, p)
        return (row?.optionalInt("n") ?? 0, row?.optionalInt("total") ?? 0)
    }

    /// Every install of the account's listings as (listing, user), and every rating as (listing, user, rating), in
    /// a stable order: what tests and the tenant walker compare.
    package func snapshot() throws -> (installs: [String], ratings: [String]) {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        let installs = try tx.query(
            "SELECT marketplace_id, user_id FROM marketplace_installs WHERE \(cond) ORDER BY marketplace_id, user_id", p
        ).map { "\(try $0.string("marketplace_id")) \(try $0.string("user_id"))" }
        let ratings = try tx.query(
            """
            SELECT marketplace_id, user_id, rating FROM marketplace_ratings WHERE \(cond)
            ORDER BY marketplace_id, user_id
            """, p
        ).map { "\(try $0.string("marketplace_id")) \(try $0.string("user_id")) \(try $0.int("rating"))" }
        return (installs, ratings)
    }
}
