import Foundation

extension AccessService {
    /// Feature entitlements of one tree, newest first, optionally at one scope and for one feature.
    public func entitlements(
        account: UUID, domain: ProductDomain, scope: GrantScope? = nil, featureCode: String? = nil
    ) async throws -> [FeatureEntitlement] {
        try context.reading(.manageGrants(domain), in: account)
        return try await context.read(.account(account)) {
            try EntitlementRepository($0).list(domain: domain, scopes: scope.map { [$0] }, featureCode: featureCode)
        }
    }

    /// Switches a feature on or off at a scope, with optional configuration.
    public func setEntitlement(
        account: UUID, domain: ProductDomain, featureCode raw: String, scope: GrantScope, enabled: Bool,
        config: JSONValue? = nil
    ) async throws -> FeatureEntitlement {
        let actor = try context.changing(.manageGrants(domain), in: account)
        let code = try Validation.name(raw, field: "feature_code")
        guard code.count <= 100 else {
            throw CockpitError.invalid(field: "feature_code", reason: "must be at most 100 characters")
        }
        let config = try Validation.metadata(config, field: "config")
        let now = context.now()
        let entitlement = FeatureEntitlement(
            id: UUID(), accountID: account, domain: domain, featureCode: code, scope: scope, enabled: enabled,
            config: config, createdAt: now, updatedAt: now, createdBy: actor.name)
        return try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            try Self.checkScope(tx, scope, domain)
            let repo = EntitlementRepository(tx)
            let before = try repo.list(domain: domain, scopes: [scope], featureCode: code).first
            let stored = try repo.upsert(entitlement)
            try audit(
                tx, account, domain, actor, "entitlement.set", "feature_entitlement", stored.id,
                before: before.map { try .snapshot($0) }, after: .snapshot(stored))
            return stored
        }
    }

    /// Removes an entitlement.
    public func deleteEntitlement(account: UUID, domain: ProductDomain, id: UUID) async throws {
        let actor = try context.changing(.manageGrants(domain), in: account)
        try await context.write(.account(account)) { tx in
            let repo = EntitlementRepository(tx)
            guard let before = try repo.get(id), before.domain == domain else {
                throw CockpitError.notFound("feature entitlement")
            }
            try repo.delete(id)
            try audit(
                tx, account, domain, actor, "entitlement.delete", "feature_entitlement", id, before: .snapshot(before))
        }
    }

    /// Whether a feature is enabled at a point of the tree; with no entitlement anywhere it is disabled.
    public func effectiveFeature(
        account: UUID, domain: ProductDomain, featureCode: String, orgID: UUID? = nil, teamID: UUID? = nil,
        userID: UUID? = nil
    ) async throws -> EffectiveAccess {
        try context.reading(.manageGrants(domain), in: account)
        let code = try Validation.name(featureCode, field: "feature_code")
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            if let userID { try Self.checkScope(tx, .user(userID), domain) }
            if let orgID { try Self.checkScope(tx, .org(orgID), domain) }
            let org = try orgID ?? Self.organization(ofTeam: teamID, tx, domain)
            let path = AccessResolution.path(orgID: org, teamID: teamID, userID: userID)
            let rows = try EntitlementRepository(tx).list(domain: domain, scopes: path, featureCode: code).map {
                AccessCandidate(
                    id: $0.id, allowed: $0.enabled, scope: $0.scope, createdAt: $0.createdAt, config: $0.config)
            }
            return AccessResolution.resolve(path: path, rows: rows, fallback: false)
        }
    }
}
