import Foundation

/// The audit rows of marketplace changes (domain `copilot`, written in the change's transaction): listings as
/// `marketplace_listing` (the original's `Alchemi_CopilotMarketplaceTable`), grants as `marketplace_grant`
/// (`Alchemi_CopilotMarketplaceGrantTable`). Values are the rows as the wire shows them.
struct MarketplaceAudit {
    let tx: Transaction
    let account: UUID
    let actor: Actor
    let now: Date

    init(_ tx: Transaction, _ account: UUID, _ actor: Actor, _ now: Date) {
        (self.tx, self.account, self.actor, self.now) = (tx, account, actor, now)
    }

    /// A listing's row: `action` is `marketplace.<verb>`, the object its id.
    func listing(_ action: String, _ id: UUID, before: JSONValue?, after: JSONValue?) throws {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: .copilot, action: "marketplace.\(action)",
            objectType: "marketplace_listing", objectID: id.lowercased, before: before, after: after, at: now)
    }

    /// A grant's row: `action` is `marketplace_grant.<verb>`.
    func grant(_ action: String, _ objectID: String, before: JSONValue?, after: JSONValue?) throws {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: .copilot, action: "marketplace_grant.\(action)",
            objectType: "marketplace_grant", objectID: objectID, before: before, after: after, at: now)
    }

    static func time(_ date: Date) -> JSONValue { .string(Timestamp.format(date)) }
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// A listing's fields, with its grants (`[{scope_type, scope_id}]`) when given.
    static func values(
        _ l: MarketplaceListing, grants: [CatalogScope]? = nil, extra: [String: JSONValue] = [:]
    )
        -> JSONValue
    {
        var fields: [String: JSONValue] = [
            "id": .string(l.id.lowercased), "account_id": .string(l.accountID.lowercased),
            "entity_type": .string(l.entityType), "entity_id": .string(l.entityID), "title": .string(l.title),
            "description": text(l.description), "is_published": .bool(l.isPublished),
            "is_featured": .bool(l.isFeatured), "is_verified": .bool(l.isVerified),
            "pricing_model": .string(l.pricingModel), "version": .string(l.version), "author": text(l.author),
            "installation_count": .number(Double(l.installationCount)), "rating_avg": .number(l.ratingAvg),
            "rating_count": .number(Double(l.ratingCount)), "created_by": .string(l.createdBy),
            "created_at": time(l.createdAt), "updated_at": time(l.updatedAt),
        ]
        if let grants { fields["grants"] = .array(grants.map(values)) }
        return .object(fields.merging(extra) { $1 })
    }

    static func values(_ scope: CatalogScope) -> JSONValue {
        .object(["scope_type": .string(scope.type.rawValue), "scope_id": .string(scope.id)])
    }

    static func values(_ g: MarketplaceGrant) -> JSONValue {
        .object([
            "id": .string(g.id.lowercased), "account_id": .string(g.accountID.lowercased),
            "marketplace_id": .string(g.marketplaceID.lowercased), "scope_type": .string(g.scope.type.rawValue),
            "scope_id": .string(g.scope.id), "created_by": .string(g.createdBy), "created_at": time(g.createdAt),
            "updated_at": time(g.updatedAt),
        ])
    }
}
