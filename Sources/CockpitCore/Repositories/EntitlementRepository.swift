import Foundation

/// Feature entitlements by scope, with the same scope rules as model grants.
package struct EntitlementRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, domain, feature_code, scope, org_id, team_id, user_id, enabled, config, created_at, updated_at, "
        + "created_by"

    /// Sets a feature at a scope (insert, or update the existing row); returns the stored entitlement.
    @discardableResult
    package func upsert(_ e: FeatureEntitlement) throws -> FeatureEntitlement {
        guard try tx.writeAccount() == e.accountID else { throw CockpitError.notFound("Account") }
        if var existing = try list(domain: e.domain, scopes: [e.scope], featureCode: e.featureCode).first {
            try tx.execute(
                "UPDATE feature_entitlements SET enabled = $2, config = $3, updated_at = $4 WHERE id = $1",
                [.uuid(existing.id), .bool(e.enabled), .json(e.config), .timestamp(e.updatedAt)])
            existing.enabled = e.enabled
            existing.config = e.config
            existing.updatedAt = e.updatedAt
            return existing
        }
        let s = e.scope.columnValues
        try tx.execute(
            "INSERT INTO feature_entitlements (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            [
                .uuid(e.id), .uuid(e.accountID), .text(e.domain.rawValue), .text(e.featureCode), .text(e.scope.kind),
                s.org, s.team, s.user,
                .bool(e.enabled), .json(e.config), .timestamp(e.createdAt), .timestamp(e.updatedAt), .text(e.createdBy),
            ])
        return e
    }

    /// One entitlement by id.
    package func get(_ id: UUID) throws -> FeatureEntitlement? {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM feature_entitlements WHERE id = $1 AND \(cond)", p).map(
            Self.decode)
    }

    /// Entitlements of one domain, optionally only at the given scopes and for one feature.
    package func list(
        domain: ProductDomain, scopes: [GrantScope]? = nil, featureCode: String? = nil
    ) throws -> [FeatureEntitlement] {
        var p: [SQLValue] = [.text(domain.rawValue)]
        var conditions = ["domain = $1", tx.tenantCondition("account_id", &p)]
        if let scopes { conditions.append(GrantScopeSQL.condition(scopes, tx, &p)) }
        if let featureCode { conditions.append("feature_code = \(tx.bind(.text(featureCode), &p))") }
        return try tx.query(
            "SELECT \(Self.columns) FROM feature_entitlements WHERE \(conditions.joined(separator: " AND ")) ORDER BY created_at DESC, id DESC",
            p
        )
        .map(Self.decode)
    }

    /// Deletes an entitlement.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM feature_entitlements WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("feature entitlement")
        }
    }

    static func decode(_ r: SQLRow) throws -> FeatureEntitlement {
        FeatureEntitlement(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r),
            featureCode: try r.string("feature_code"), scope: try RowDecoding.scope(r), enabled: try r.bool("enabled"),
            config: try r.json("config"), createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            createdBy: try r.string("created_by"))
    }
}
