import Foundation

/// The grants of marketplace listings (table `marketplace_grants`): scopes of the copilot tree, each with its tree
/// column so deleting an organization, team or user removes its grants.
package struct MarketplaceGrantRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "id, account_id, marketplace_id, scope_type, scope_id, created_by, created_at, updated_at"

    /// Replaces every grant of a listing with `scopes`, in that order (each a millisecond after the previous, so
    /// "oldest first" reads them back in the order given).
    package func replace(
        listing: UUID, with scopes: [CatalogScope], account: UUID, by actor: String, at now: Date
    )
        throws
    {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        _ = try delete(listing: listing, scope: nil)
        for (i, scope) in scopes.enumerated() {
            let at = now.addingTimeInterval(Double(i) / 1000)
            _ = try upsert(
                MarketplaceGrant(
                    id: UUID(), accountID: account, marketplaceID: listing, scope: scope, createdBy: actor,
                    createdAt: at, updatedAt: at))
        }
    }

    /// Adds a grant, or refreshes the `updated_at` of the listing's grant to the same scope (its id kept). Returns
    /// the stored row.
    package func upsert(_ g: MarketplaceGrant) throws -> MarketplaceGrant {
        guard try tx.writeAccount() == g.accountID else { throw CockpitError.notFound("Account") }
        let tree = CatalogReach.treeColumns(g.scope)
        let rows = try tx.query(
            """
            INSERT INTO marketplace_grants (\(Self.columns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (marketplace_id, scope_type, scope_id) DO UPDATE SET updated_at = excluded.updated_at
            RETURNING \(Self.columns)
            """,
            [
                .uuid(g.id), .uuid(g.accountID), .uuid(g.marketplaceID), .text(g.scope.type.rawValue),
                .text(g.scope.id), .text(g.createdBy), .timestamp(g.createdAt), .timestamp(g.updatedAt), tree.org,
                tree.team, tree.user,
            ])
        return try rows.first.map(Self.decode) ?? g
    }

    /// The listing's grant to `scope`, if any.
    package func find(listing: UUID, scope: CatalogScope) throws -> MarketplaceGrant? {
        var p: [SQLValue] = [.uuid(listing), .text(scope.type.rawValue), .text(scope.id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            """
            SELECT \(Self.columns) FROM marketplace_grants
            WHERE marketplace_id = $1 AND scope_type = $2 AND scope_id = $3 AND \(cond)
            """, p
        ).map(Self.decode)
    }

    /// The listing's grant rows, newest first.
    package func grants(listing: UUID) throws -> [MarketplaceGrant] {
        var p: [SQLValue] = [.uuid(listing)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            """
            SELECT \(Self.columns) FROM marketplace_grants WHERE marketplace_id = $1 AND \(cond)
            ORDER BY created_at DESC, id DESC
            """, p
        ).map(Self.decode)
    }

    /// The granted scopes of each of `listings`, oldest grant first (listings without grants are left out).
    package func scopes(of listings: [UUID]) throws -> [UUID: [CatalogScope]] {
        var result: [UUID: [CatalogScope]] = [:]
        for start in stride(from: 0, to: listings.count, by: 500) {
            var p: [SQLValue] = []
            let list = listings[start..<min(listings.count, start + 500)].map { tx.bind(.uuid($0), &p) }
            let cond = tx.tenantCondition("account_id", &p)
            for row in try tx.query(
                """
                SELECT marketplace_id, scope_type, scope_id FROM marketplace_grants
                WHERE marketplace_id IN (\(list.joined(separator: ", "))) AND \(cond) ORDER BY created_at, id
                """, p)
            {
                guard let type = CatalogScopeType(rawValue: try row.string("scope_type")) else { continue }
                result[try row.uuid("marketplace_id"), default: []].append(
                    CatalogScope(type: type, id: try row.string("scope_id")))
            }
        }
        return result
    }

    /// Deletes the listing's grant to `scope`, or all its grants (nil). Returns how many went.
    package func delete(listing: UUID, scope: CatalogScope?) throws -> Int {
        var p: [SQLValue] = [.uuid(listing)]
        var filter = ""
        if let scope {
            filter = " AND scope_type = \(tx.bind(.text(scope.type.rawValue), &p))"
            filter += " AND scope_id = \(tx.bind(.text(scope.id), &p))"
        }
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute("DELETE FROM marketplace_grants WHERE marketplace_id = $1\(filter) AND \(cond)", p)
    }

    static func decode(_ r: SQLRow) throws -> MarketplaceGrant {
        MarketplaceGrant(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), marketplaceID: try r.uuid("marketplace_id"),
            scope: CatalogScope(
                type: CatalogScopeType(rawValue: try r.string("scope_type")) ?? .org, id: try r.string("scope_id")),
            createdBy: try r.string("created_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
