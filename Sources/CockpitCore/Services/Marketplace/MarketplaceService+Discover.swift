import Foundation

extension MarketplaceService {
    /// The published listings that the scopes passed may see, newest first (V1_CONTRACT.md "Marketplace", the
    /// original's rules): a listing without grants is visible to everyone (`matchedScope` nil: `global`); one with
    /// grants only when a grant equals a scope passed exactly (its oldest such grant is the match). **No
    /// inheritance** (the original's quirk, kept): an organization's grant is not seen by its teams or users unless
    /// `orgID` is passed too. The ids passed must name the account's copilot organization, team and user (404
    /// `copilot org not found`, … in that order; empty is none). `title` and `entityType` filter as in `list`.
    public func discover(
        account: UUID, orgID: String? = nil, teamID: String? = nil, userID: String? = nil, title: String? = nil,
        entityType: String? = nil, limit: Int = 100, offset: Int = 0
    ) async throws -> MarketplacePage<MarketplaceDiscovery> {
        try context.reading(.manageCopilot, in: account)
        let filter = try MarketplaceTitleFilter(title)
        return try await context.read(.account(account)) { tx in
            var asked: [CatalogScope] = []
            for (type, id) in [(CatalogScopeType.org, orgID), (.team, teamID), (.user, userID)] {
                guard let id, !id.isEmpty else { continue }
                asked.append(CatalogScope(type: type, id: try Self.treeID(tx, type, id).lowercased))
            }
            let candidates = try MarketplaceRepository(tx).candidates(
                account: account, publishedOnly: true, entityType: entityType.flatMap { $0.isEmpty ? nil : $0 }
            ).filter { filter?.matches($0.title) ?? true }
            let grants = try MarketplaceGrantRepository(tx).scopes(of: candidates.map(\.id))
            var visible: [(id: UUID, match: CatalogScope?)] = []
            for candidate in candidates {
                guard let granted = grants[candidate.id], !granted.isEmpty else {
                    visible.append((candidate.id, nil))
                    continue
                }
                if let match = granted.first(where: asked.contains) { visible.append((candidate.id, match)) }
            }
            let page = Self.page(visible, limit: limit, offset: offset)
            let listings = try MarketplaceRepository(tx).listings(page.map(\.id), account: account)
            let matches = Dictionary(page.map { ($0.id, $0.match) }, uniquingKeysWith: { first, _ in first })
            return MarketplacePage(
                items: listings.map { MarketplaceDiscovery(listing: $0, matchedScope: matches[$0.id] ?? nil) },
                total: visible.count)
        }
    }

    /// The copilot organization, team or user `id` names, else 404 `copilot <type> not found`. Existence only:
    /// discover reads, so a team admin may ask about any scope of the account.
    static func treeID(
        _ tx: Transaction, _ type: CatalogScopeType, _ id: String, domain: ProductDomain = .copilot
    ) throws -> UUID {
        let uuid = UUID.fast(id)
        guard try CatalogScopes.treeObjectExists(tx, type, uuid, domain: domain), let uuid else {
            throw CockpitError.notFound("\(domain.rawValue) \(type.rawValue)")
        }
        return uuid
    }
}
