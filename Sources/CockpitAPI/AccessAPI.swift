import CockpitCore
import Foundation

/// `POST /v1/{domain}/models/grants`: allow or deny a model at a scope. The original's fields (`domain`,
/// `scope_type`, `scope_id`, `access_mode`) and cockpit's earlier names (`scope`, `effect`) are both read; where both
/// are sent they must agree.
public struct GrantCreate: Codable, Sendable {
    public var domain: String?
    public var modelName: String
    /// `account`, `org`, `team` or `user` (the original's name; `account` when neither this nor `scope` is sent).
    public var scopeType: String?
    public var scope: String?
    public var scopeID: String?
    /// `allow` (when absent) or `deny` (the original's name; `effect` is cockpit's).
    public var accessMode: String?
    public var effect: String?

    /// The request the cockpit sends: the original's names.
    public init(domain: ProductDomain? = nil, modelName: String, scope: GrantScope, effect: GrantEffect) {
        (self.domain, self.modelName, self.scopeType) = (domain?.rawValue, modelName, scope.kind)
        (self.scopeID, self.accessMode) = (scope.subjectID?.lowercased, effect.rawValue)
    }

    /// The scope and effect, checked in the original's order: the body's domain against the route's, the scope
    /// type, the effect (the scope's existence is the core's check).
    public func checked(route domain: ProductDomain, account: UUID) throws -> (GrantScope, GrantEffect) {
        try WireScope.checkDomain(self.domain, route: domain)
        let scope = try WireScope.parse(type: scopeType, legacy: scope, id: scopeID, account: account, domain: domain)
        let mode = try WireScope.agreeing(accessMode, effect, "access_mode", "effect") ?? "allow"
        guard let effect = GrantEffect(rawValue: mode) else {
            throw CockpitError.invalid(field: "access_mode", reason: "must be allow|deny")
        }
        return (scope, effect)
    }
}

/// `POST /v1/features/entitlements`: a feature on or off at a scope of one tree; `config_json` (the original's name)
/// or `config` (cockpit's) is its configuration.
public struct EntitlementCreate: Codable, Sendable {
    public var domain: String
    public var featureCode: String
    public var scopeType: String?
    public var scope: String?
    public var scopeID: String?
    /// On when absent, as in the original.
    public var enabled: Bool?
    public var configJson: JSONValue?
    public var config: JSONValue?

    /// The request the cockpit sends: the original's names.
    public init(domain: ProductDomain, featureCode: String, scope: GrantScope, enabled: Bool, config: JSONValue? = nil)
    {
        (self.domain, self.featureCode, self.scopeType) = (domain.rawValue, featureCode, scope.kind)
        (self.scopeID, self.enabled, self.configJson) = (scope.subjectID?.lowercased, enabled, config)
    }

    /// The tree, scope and configuration, checked as the original does.
    public func checked(account: UUID) throws -> (ProductDomain, GrantScope, JSONValue?) {
        let tree = try ProductDomain.parse(domain)
        let scope = try WireScope.parse(type: scopeType, legacy: scope, id: scopeID, account: account, domain: tree)
        if configJson != nil, config != nil, configJson != config {
            throw CockpitError.invalid(field: "config_json", reason: "and config differ; send one of them")
        }
        return (tree, scope, configJson ?? config)
    }
}

/// A model grant as the original's clients read it (`scope_type`, `scope_id`, `access_mode`, `created_by`), with
/// cockpit's names (`scope`, `effect`) beside. The account scope's `scope_id` is the account's id.
public struct GrantView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var modelName: String
    public var scopeType: String
    public var scopeID: String
    public var accessMode: GrantEffect
    public var createdBy: String
    public var createdAt: Date
    public var scope: String
    public var effect: GrantEffect

    public init(_ g: ModelGrant) {
        (id, accountID, domain, modelName, createdBy, createdAt) = (
            g.id, g.accountID, g.domain, g.modelName, g.createdBy, g.createdAt
        )
        (scopeType, scope, scopeID) = (g.scope.kind, g.scope.kind, WireScope.id(g.scope, account: g.accountID))
        (accessMode, effect) = (g.effect, g.effect)
    }

    /// The core's grant.
    public func grant() throws -> ModelGrant {
        ModelGrant(
            id: id, accountID: accountID, domain: domain, modelName: modelName,
            scope: try WireScope.scope(scopeType, scopeID), effect: accessMode, createdAt: createdAt,
            createdBy: createdBy)
    }
}

/// A feature entitlement as the original's clients read it (`scope_type`, `scope_id`, `config_json`, `created_by`),
/// with cockpit's names (`scope`, `config`, `updated_at`) beside.
public struct EntitlementView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var featureCode: String
    public var scopeType: String
    public var scopeID: String
    public var enabled: Bool
    public var configJson: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var scope: String
    public var config: JSONValue
    public var updatedAt: Date

    public init(_ e: FeatureEntitlement) {
        (id, accountID, domain, featureCode, enabled) = (e.id, e.accountID, e.domain, e.featureCode, e.enabled)
        (scopeType, scope, scopeID) = (e.scope.kind, e.scope.kind, WireScope.id(e.scope, account: e.accountID))
        (configJson, config, createdBy, createdAt, updatedAt) = (
            e.config, e.config, e.createdBy, e.createdAt, e.updatedAt
        )
    }

    /// The core's entitlement.
    public func entitlement() throws -> FeatureEntitlement {
        FeatureEntitlement(
            id: id, accountID: accountID, domain: domain, featureCode: featureCode,
            scope: try WireScope.scope(scopeType, scopeID), enabled: enabled, config: configJson, createdAt: createdAt,
            updatedAt: updatedAt, createdBy: createdBy)
    }
}

/// `GET /v1/features/entitlements`: `{"domain", "items"}`.
public struct EntitlementList: Codable, Sendable {
    public var domain: ProductDomain
    public var items: [EntitlementView]
    public init(domain: ProductDomain, items: [EntitlementView]) { (self.domain, self.items) = (domain, items) }
}
