import Foundation

/// The account's marketplace listings (table `marketplace_listings`; their grants, installs and ratings cascade with
/// them).
package struct MarketplaceRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = """
        id, account_id, entity_type, entity_id, title, description, is_published, is_featured, is_verified, \
        pricing_model, version, author, installation_count, rating_avg, rating_count, created_by, created_at, updated_at
        """

    /// Inserts a listing.
    package func insert(_ l: MarketplaceListing) throws {
        guard try tx.writeAccount() == l.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            """
            INSERT INTO marketplace_listings (\(Self.columns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            """,
            [
                .uuid(l.id), .uuid(l.accountID), .text(l.entityType), .text(l.entityID), .text(l.title),
                .optional(l.description), .bool(l.isPublished), .bool(l.isFeatured), .bool(l.isVerified),
                .text(l.pricingModel), .text(l.version), .optional(l.author), .int(l.installationCount),
                .double(l.ratingAvg), .int(l.ratingCount), .text(l.createdBy), .timestamp(l.createdAt),
                .timestamp(l.updatedAt),
            ])
    }

    /// Writes every field a change may set (not the entity, the creator or the creation time).
    package func update(_ l: MarketplaceListing) throws {
        var p: [SQLValue] = [
            .uuid(l.id), .text(l.title), .optional(l.description), .bool(l.isPublished), .bool(l.isFeatured),
            .bool(l.isVerified), .text(l.pricingModel), .text(l.version), .optional(l.author),
            .int(l.installationCount), .double(l.ratingAvg), .int(l.ratingCount), .timestamp(l.updatedAt),
        ]
        let cond = tx.tenantCondition("account_id", &p)
        try tx.execute(
            """
            UPDATE marketplace_listings SET title = $2, description = $3, is_published = $4, is_featured = $5,
                is_verified = $6, pricing_model = $7, version = $8, author = $9, installation_count = $10,
                rating_avg = $11, rating_count = $12, updated_at = $13
            WHERE id = $1 AND \(cond)
            """, p)
    }

    /// One listing of the account.
    package func get(_ id: UUID, account: UUID) throws -> MarketplaceListing? {
        var p: [SQLValue] = [.uuid(id), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM marketplace_listings WHERE id = $1 AND account_id = $2 AND \(cond)", p
        ).map(Self.decode)
    }

    /// One listing, its row locked until the transaction ends (PostgreSQL; SQLite's writes are serial anyway), so
    /// counters recomputed from installs and ratings see every committed one.
    package func locked(_ id: UUID, account: UUID) throws -> MarketplaceListing? {
        var p: [SQLValue] = [.uuid(id), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        let lock = tx.dialect == .postgres ? " FOR UPDATE" : ""
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM marketplace_listings WHERE id = $1 AND account_id = $2 AND \(cond)\(lock)", p
        ).map(Self.decode)
    }

    /// The account's listing of an entity (type and id compared as sent).
    package func find(account: UUID, entityType: String, entityID: String) throws -> MarketplaceListing? {
        var p: [SQLValue] = [.uuid(account), .text(entityType), .text(entityID)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            """
            SELECT \(Self.columns) FROM marketplace_listings
            WHERE account_id = $1 AND entity_type = $2 AND entity_id = $3 AND \(cond)
            """, p
        ).map(Self.decode)
    }

    /// Sets `is_published` only (`updated_at` untouched, as in the original). Returns the row after.
    package func setPublished(_ id: UUID, _ published: Bool, account: UUID) throws -> MarketplaceListing? {
        var p: [SQLValue] = [.uuid(id), .uuid(account), .bool(published)]
        let cond = tx.tenantCondition("account_id", &p)
        try tx.execute(
            "UPDATE marketplace_listings SET is_published = $3 WHERE id = $1 AND account_id = $2 AND \(cond)", p)
        return try get(id, account: account)
    }

    /// Deletes a listing (its grants, installs and ratings go with it). True when there was one.
    package func delete(_ id: UUID, account: UUID) throws -> Bool {
        var p: [SQLValue] = [.uuid(id), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute("DELETE FROM marketplace_listings WHERE id = $1 AND account_id = $2 AND \(cond)", p) > 0
    }

    /// The id and title of every listing that passes the store-side filters, newest first: what the title filter
    /// and the page are taken from.
    package func candidates(
        account: UUID, publishedOnly: Bool, entityType: String?
    ) throws
        -> [(id: UUID, title: String)]
    {
        var p: [SQLValue] = [.uuid(account)]
        var filters = ""
        if publishedOnly { filters += " AND is_published = \(tx.bind(.bool(true), &p))" }
        if let entityType { filters += " AND entity_type = \(tx.bind(.text(entityType), &p))" }
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            """
            SELECT id, title FROM marketplace_listings WHERE account_id = $1\(filters) AND \(cond)
            ORDER BY created_at DESC, id
            """, p
        ).map { (try $0.uuid("id"), try $0.string("title")) }
    }

    /// The listings of `ids`, in that order (ids that name none are left out).
    package func listings(_ ids: [UUID], account: UUID) throws -> [MarketplaceListing] {
        var found: [UUID: MarketplaceListing] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            var p: [SQLValue] = [.uuid(account)]
            let list = ids[start..<min(ids.count, start + 500)].map { tx.bind(.uuid($0), &p) }
            let cond = tx.tenantCondition("account_id", &p)
            for row in try tx.query(
                """
                SELECT \(Self.columns) FROM marketplace_listings
                WHERE account_id = $1 AND id IN (\(list.joined(separator: ", "))) AND \(cond)
                """, p)
            {
                let listing = try Self.decode(row)
                found[listing.id] = listing
            }
        }
        return ids.compactMap { found[$0] }
    }

    static func decode(_ r: SQLRow) throws -> MarketplaceListing {
        MarketplaceListing(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), entityType: try r.string("entity_type"),
            entityID: try r.string("entity_id"), title: try r.string("title"),
            description: r.optionalString("description"),
            isPublished: try r.bool("is_published"), isFeatured: try r.bool("is_featured"),
            isVerified: try r.bool("is_verified"), pricingModel: try r.string("pricing_model"),
            version: try r.string("version"), author: r.optionalString("author"),
            installationCount: try r.int("installation_count"), ratingAvg: try r.double("rating_avg"),
            ratingCount: try r.int("rating_count"), createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
