import CockpitCore
import Foundation

/// A point of a tree where an effective answer is asked: a user, a team, an organization, or the account (all nil).
public struct TreePoint: Sendable, Equatable {
    public var org: UUID?
    public var team: UUID?
    public var user: UUID?

    public init(org: UUID? = nil, team: UUID? = nil, user: UUID? = nil) {
        self.org = org
        self.team = team
        self.user = user
    }
}

/// Model grants and feature entitlements of the trees, and their effective answers (`:grants`, `:features`).
public protocol AccessBackend: Sendable {
    /// The model grants of one tree.
    func grants(account: UUID, domain: ProductDomain) async throws -> [ModelGrant]
    /// Allows or denies a model (`*`: every model) at a scope; replaces the effect of the grant already there.
    func setGrant(
        account: UUID, domain: ProductDomain, model: String, scope: GrantScope, effect: GrantEffect
    ) async throws -> ModelGrant
    /// Removes a model grant.
    func deleteGrant(account: UUID, domain: ProductDomain, id: UUID) async throws
    /// May the point of the tree use `model`, and which grant (or policy) says so.
    func effectiveModel(
        account: UUID, domain: ProductDomain, model: String, at point: TreePoint
    ) async throws -> EffectiveAccess
    /// The feature entitlements of one tree.
    func entitlements(account: UUID, domain: ProductDomain) async throws -> [FeatureEntitlement]
    /// Turns a feature on or off at a scope.
    func setEntitlement(
        account: UUID, domain: ProductDomain, feature: String, scope: GrantScope, enabled: Bool
    ) async throws -> FeatureEntitlement
    /// Removes an entitlement (what is above it applies again).
    func deleteEntitlement(account: UUID, domain: ProductDomain, id: UUID) async throws
    /// Is the feature on at the point of the tree, and which entitlement says so.
    func effectiveFeature(
        account: UUID, domain: ProductDomain, feature: String, at point: TreePoint
    ) async throws -> EffectiveAccess
}
