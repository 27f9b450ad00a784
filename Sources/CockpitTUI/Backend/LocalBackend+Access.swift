import CockpitCore
import Foundation

/// Grants and entitlements through CockpitCore's access service (which checks each call).
extension LocalBackend {
    public func grants(account: UUID, domain: ProductDomain) async throws -> [ModelGrant] {
        try await cockpit.access.modelGrants(account: account, domain: domain)
    }

    public func setGrant(
        account: UUID, domain: ProductDomain, model: String, scope: GrantScope, effect: GrantEffect
    ) async throws -> ModelGrant {
        try await cockpit.access.addModelGrant(
            account: account, domain: domain, modelName: model, scope: scope, effect: effect)
    }

    public func deleteGrant(account: UUID, domain: ProductDomain, id: UUID) async throws {
        try await cockpit.access.deleteModelGrant(account: account, domain: domain, id: id)
    }

    public func effectiveModel(
        account: UUID, domain: ProductDomain, model: String, at p: TreePoint
    ) async throws -> EffectiveAccess {
        try await cockpit.access.effectiveModel(
            account: account, domain: domain, modelName: model, orgID: p.org, teamID: p.team, userID: p.user)
    }

    public func entitlements(account: UUID, domain: ProductDomain) async throws -> [FeatureEntitlement] {
        try await cockpit.access.entitlements(account: account, domain: domain)
    }

    public func setEntitlement(
        account: UUID, domain: ProductDomain, feature: String, scope: GrantScope, enabled: Bool
    ) async throws -> FeatureEntitlement {
        try await cockpit.access.setEntitlement(
            account: account, domain: domain, featureCode: feature, scope: scope, enabled: enabled)
    }

    public func deleteEntitlement(account: UUID, domain: ProductDomain, id: UUID) async throws {
        try await cockpit.access.deleteEntitlement(account: account, domain: domain, id: id)
    }

    public func effectiveFeature(
        account: UUID, domain: ProductDomain, feature: String, at p: TreePoint
    ) async throws -> EffectiveAccess {
        try await cockpit.access.effectiveFeature(
            account: account, domain: domain, featureCode: feature, orgID: p.org, teamID: p.team, userID: p.user)
    }
}
