import Foundation

extension MarketplaceService {
    /// Grants a listing to one scope, in the original's order: 400 scope type (org, team or user) → 404 `copilot
    /// <type> not found` → 404 `Marketplace listing not found`. An existing grant to the scope keeps its id and gets
    /// a new `updated_at`. Returns the grant row.
    public func addGrant(
        account: UUID, listingID: String, scopeType: String, scopeID: String
    ) async throws
        -> MarketplaceGrant
    {
        let actor = try context.changing(.manageCopilot, in: account)
        let type = try CatalogScopeType.parse(scopeType, allowingAccount: false)
        let (now, caller) = (context.now(), context.caller)
        return try await context.write(.account(account)) { tx in
            let scope = try CatalogScopes.resolve(
                tx, CatalogScope(type: type, id: CatalogScopes.normalized(type, scopeID)), account: account,
                caller: caller)
            let listing = try Self.existing(tx, listingID, account: account)
            let repo = MarketplaceGrantRepository(tx)
            let before = try repo.find(listing: listing.id, scope: scope)
            let grant = try repo.upsert(
                MarketplaceGrant(
                    id: UUID(), accountID: account, marketplaceID: listing.id, scope: scope, createdBy: actor.name,
                    createdAt: now, updatedAt: now))
            try MarketplaceAudit(tx, account, actor, now).grant(
                "upsert", grant.id.lowercased, before: before.map(MarketplaceAudit.values),
                after: MarketplaceAudit.values(grant))
            return grant
        }
    }

    /// A listing's grant rows, newest first; 404 `Marketplace listing not found`.
    public func grants(account: UUID, listingID: String) async throws -> [MarketplaceGrant] {
        try context.reading(.manageCopilot, in: account)
        return try await context.read(.account(account)) { tx in
            try MarketplaceGrantRepository(tx).grants(listing: try Self.existing(tx, listingID, account: account).id)
        }
    }

    /// Deletes a listing's grant to one scope (both given) or all its grants (neither), in the original's order: 404
    /// `Marketplace listing not found` → 400 `scope_type and scope_id must be provided together` → 400 scope type.
    /// Returns how many went (the wire's `{"deleted": <count>}`); audited when any did.
    public func deleteGrants(
        account: UUID, listingID: String, scopeType: String?, scopeID: String?
    ) async throws
        -> Int
    {
        let actor = try context.changing(.manageCopilot, in: account)
        let (type, id) = (scopeType.flatMap { $0.isEmpty ? nil : $0 }, scopeID.flatMap { $0.isEmpty ? nil : $0 })
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            let listing = try Self.existing(tx, listingID, account: account)
            guard (type == nil) == (id == nil) else {
                throw CockpitError.badRequest("scope_type and scope_id must be provided together")
            }
            var scope: CatalogScope?
            if let type, let id {
                let parsed = try CatalogScopeType.parse(type, allowingAccount: false)
                scope = CatalogScope(type: parsed, id: CatalogScopes.normalized(parsed, id))
            }
            let deleted = try MarketplaceGrantRepository(tx).delete(listing: listing.id, scope: scope)
            if deleted > 0 {
                let values: [String: JSONValue] = [
                    "deleted_count": .number(Double(deleted)), "scope_type": MarketplaceAudit.text(type),
                    "scope_id": MarketplaceAudit.text(id),
                ]
                try MarketplaceAudit(tx, account, actor, now).grant(
                    "delete", listing.id.lowercased, before: ["deleted_count": .number(Double(deleted))],
                    after: .object(values))
            }
            return deleted
        }
    }
}
