import Foundation

/// The account's copilot marketplace (V1_CONTRACT.md "Marketplace", the original's D(copilot) guard): listings of
/// agents and connections (or anything: the entity is free text), their grants to scopes of the copilot tree,
/// discovery, and cockpit's installs and ratings. The original's rules are kept, quirks included (a re-post of the
/// same entity updates its listing; discover matches grants exactly, without inheritance; `{deleted: n}` for grant
/// deletes); unlike the original, every change is one transaction with its audit row, so a refused grant list
/// writes nothing (docs/COPILOT_CATALOG.md "Marketplace").
public struct MarketplaceService: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    static let blankGrantMessage = "scope_id is required for marketplace grants"

    /// Creates a listing, or updates the account's listing of the same (entity type, entity id) (no 409, the
    /// original's quirk): the body's values replace the stored ones, defaults included, except that an omitted
    /// author is kept and an empty pricing model or version keeps the stored one (the original's `or`); the grants
    /// are replaced by the body's (none: cleared). Checks: 400 `entity_type, entity_id, and title are required` →
    /// the limits → the grant list. Returns the listing with its grants and whether it was created.
    public func post(account: UUID, _ post: MarketplacePost) async throws -> (item: MarketplaceItem, created: Bool) {
        let actor = try context.changing(.manageCopilot, in: account)
        try MarketplaceRules.check(post)
        let (installs, average, ratings) = (
            try MarketplaceRules.count(post.installationCount, "installation_count"),
            try MarketplaceRules.average(post.ratingAvg), try MarketplaceRules.count(post.ratingCount, "rating_count")
        )
        let (now, caller) = (context.now(), context.caller)
        return try await context.write(.account(account)) { tx in
            let repo = MarketplaceRepository(tx)
            let existing = try repo.find(account: account, entityType: post.entityType, entityID: post.entityID)
            let grants = try Self.resolve(tx, post.grants, account: account, caller: caller)
            var listing = MarketplaceListing(
                id: existing?.id ?? UUID(), accountID: account, entityType: post.entityType, entityID: post.entityID,
                title: post.title, description: post.description, isPublished: post.isPublished,
                isFeatured: post.isFeatured, isVerified: post.isVerified, pricingModel: post.pricingModel,
                version: post.version, author: post.author, installationCount: installs, ratingAvg: average,
                ratingCount: ratings, createdBy: existing?.createdBy ?? actor.name,
                createdAt: existing?.createdAt ?? now, updatedAt: now)
            if let existing {
                listing.author = post.author ?? existing.author
                if post.pricingModel.isEmpty { listing.pricingModel = existing.pricingModel }
                if post.version.isEmpty { listing.version = existing.version }
                try repo.update(listing)
            } else {
                try repo.insert(listing)
            }
            try MarketplaceGrantRepository(tx).replace(
                listing: listing.id, with: grants, account: account, by: actor.name, at: now)
            try MarketplaceAudit(tx, account, actor, now).listing(
                existing == nil ? "create" : "update", listing.id,
                before: existing.map { MarketplaceAudit.values($0) },
                after: MarketplaceAudit.values(listing, grants: grants))
            return (MarketplaceItem(listing: listing, grants: grants), existing == nil)
        }
    }

    /// The account's listings, newest first, filtered (`published_only`; `title` as the original's `ILIKE`, see
    /// `MarketplaceTitleFilter`; `entity_type` exact), with their grants when asked; `total` counts every match.
    public func list(
        account: UUID, publishedOnly: Bool = false, title: String? = nil, entityType: String? = nil,
        includeGrants: Bool = false, limit: Int = 100, offset: Int = 0
    ) async throws -> MarketplacePage<MarketplaceItem> {
        try context.reading(.manageCopilot, in: account)
        let filter = try MarketplaceTitleFilter(title)
        return try await context.read(.account(account)) { tx in
            let matches = try MarketplaceRepository(tx).candidates(
                account: account, publishedOnly: publishedOnly, entityType: entityType.flatMap { $0.isEmpty ? nil : $0 }
            ).filter { filter?.matches($0.title) ?? true }
            let page = Self.page(matches.map(\.id), limit: limit, offset: offset)
            let listings = try MarketplaceRepository(tx).listings(page, account: account)
            let grants = includeGrants ? try MarketplaceGrantRepository(tx).scopes(of: page) : [:]
            return MarketplacePage(
                items: listings.map { MarketplaceItem(listing: $0, grants: includeGrants ? grants[$0.id] ?? [] : nil) },
                total: matches.count)
        }
    }

    /// One listing with its grants; 404 `Marketplace listing not found`.
    public func listing(account: UUID, id: String) async throws -> MarketplaceItem {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            let listing = try Self.existing(tx, id, account: account)
            return MarketplaceItem(
                listing: listing, grants: try MarketplaceGrantRepository(tx).scopes(of: [listing.id])[listing.id] ?? [])
        }
    }

    /// Changes the given fields (nil keeps one) and refreshes `updated_at`; `grants`, when given, replaces every
    /// grant (checked as a grant list). Checks: the limits → 404 → the grant list.
    public func update(account: UUID, id: String, _ change: MarketplaceChange) async throws -> MarketplaceItem {
        let actor = try context.changing(.manageCopilot, in: account)
        try MarketplaceRules.check(change)
        let installs = try change.installationCount.map { try MarketplaceRules.count($0, "installation_count") }
        let average = try change.ratingAvg.map(MarketplaceRules.average)
        let ratings = try change.ratingCount.map { try MarketplaceRules.count($0, "rating_count") }
        let (now, caller) = (context.now(), context.caller)
        return try await context.write(.account(account)) { tx in
            let before = try Self.existing(tx, id, account: account)
            var after = before
            after.title = change.title ?? before.title
            after.description = change.description ?? before.description
            after.isPublished = change.isPublished ?? before.isPublished
            after.isFeatured = change.isFeatured ?? before.isFeatured
            after.isVerified = change.isVerified ?? before.isVerified
            after.pricingModel = change.pricingModel ?? before.pricingModel
            after.version = change.version ?? before.version
            after.author = change.author ?? before.author
            after.installationCount = installs ?? before.installationCount
            after.ratingAvg = average ?? before.ratingAvg
            after.ratingCount = ratings ?? before.ratingCount
            after.updatedAt = now
            let grantRepo = MarketplaceGrantRepository(tx)
            let grants: [CatalogScope]
            if let requested = change.grants {
                grants = try Self.resolve(tx, requested, account: account, caller: caller)
                try grantRepo.replace(listing: before.id, with: grants, account: account, by: actor.name, at: now)
            } else {
                grants = try grantRepo.scopes(of: [before.id])[before.id] ?? []
            }
            try MarketplaceRepository(tx).update(after)
            try MarketplaceAudit(tx, account, actor, now).listing(
                "update", before.id, before: MarketplaceAudit.values(before),
                after: MarketplaceAudit.values(after, grants: grants))
            return MarketplaceItem(listing: after, grants: grants)
        }
    }

    /// Publishes or withdraws a listing; `updated_at` is left alone (the original's). 404 when there is none.
    public func publish(account: UUID, id: String, _ published: Bool) async throws -> MarketplaceListing {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            let before = try Self.existing(tx, id, account: account)
            guard let after = try MarketplaceRepository(tx).setPublished(before.id, published, account: account)
            else { throw CockpitError.notFound("Marketplace listing") }
            try MarketplaceAudit(tx, account, actor, now).listing(
                "publish", before.id, before: MarketplaceAudit.values(before), after: MarketplaceAudit.values(after))
            return after
        }
    }

    /// Deletes a listing; false when there was none. Its grants, installs and ratings go with it (the original left
    /// its grant rows behind).
    public func delete(account: UUID, id: String) async throws -> Bool {
        let actor = try context.changing(.manageCopilot, in: account)
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            let repo = MarketplaceRepository(tx)
            guard let uuid = UUID.fast(id), let before = try repo.get(uuid, account: account),
                try repo.delete(uuid, account: account)
            else { return false }
            try MarketplaceAudit(tx, account, actor, now).listing(
                "delete", uuid, before: MarketplaceAudit.values(before), after: ["id": .string(uuid.lowercased)])
            return true
        }
    }

    /// The listing `id` names in the account; 404 `Marketplace listing not found` (a text that is no id names none).
    static func existing(
        _ tx: Transaction, _ id: String, account: UUID, locked: Bool = false
    ) throws
        -> MarketplaceListing
    {
        let repo = MarketplaceRepository(tx)
        guard let uuid = UUID.fast(id),
            let listing = try locked ? repo.locked(uuid, account: account) : repo.get(uuid, account: account)
        else { throw CockpitError.notFound("Marketplace listing") }
        return listing
    }

    /// A grant list checked in the original's order (org, team, user only).
    static func resolve(
        _ tx: Transaction, _ grants: [MarketplaceGrantInput], account: UUID, caller: Principal
    )
        throws -> [CatalogScope]
    {
        try CatalogScopes.resolveList(
            tx, grants.map { CatalogScopes.Requested(scopeType: $0.scopeType, scopeID: $0.scopeID) },
            account: account, caller: caller, allowingAccount: false, blankMessage: blankGrantMessage)
    }

    /// The ids of one page (`offset` past the end: none).
    static func page<T>(_ all: [T], limit: Int, offset: Int) -> [T] {
        guard offset < all.count, limit > 0 else { return [] }
        return Array(all[offset..<min(all.count, offset + min(limit, all.count))])
    }
}
