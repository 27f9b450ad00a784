import CockpitCore
import Foundation

/// `POST /v1/{domain}/models/grants`: allow or deny a model at a scope.
public struct GrantCreate: Codable, Sendable {
    public var modelName: String
    /// `account`, `org`, `team` or `user` (`account` when absent).
    public var scope: String?
    public var scopeID: String?
    /// `allow` (when absent) or `deny`.
    public var effect: String?

    public init(modelName: String, scope: GrantScope, effect: GrantEffect) {
        (self.modelName, self.scope, self.scopeID, self.effect) = (
            modelName, scope.kind, scope.subjectID?.lowercased, effect.rawValue
        )
    }
}

/// `POST /v1/features/entitlements`: a feature on or off at a scope of one tree.
public struct EntitlementCreate: Codable, Sendable {
    public var domain: String
    public var featureCode: String
    public var scope: String?
    public var scopeID: String?
    public var enabled: Bool
    public var config: JSONValue?

    public init(domain: ProductDomain, featureCode: String, scope: GrantScope, enabled: Bool, config: JSONValue? = nil)
    {
        (self.domain, self.featureCode, self.scope, self.scopeID) = (
            domain.rawValue, featureCode, scope.kind, scope.subjectID?.lowercased
        )
        (self.enabled, self.config) = (enabled, config)
    }
}

/// `GET /v1/{domain}/models/effective` and `GET /v1/features/effective`: the answer at a point of a tree.
public struct EffectiveAnswer: Codable, Sendable, Equatable {
    public var modelName: String?
    public var featureCode: String?
    public var allowed: Bool
    /// `user`, `team`, `org`, `account`, `account_policy` or `default`.
    public var decidedBy: String
    public var scopeID: UUID?

    public init(modelName: String? = nil, featureCode: String? = nil, answer: EffectiveAccess) {
        (self.modelName, self.featureCode) = (modelName, featureCode)
        (allowed, decidedBy, scopeID) = (answer.allowed, answer.decidedBy, answer.scopeID)
    }

    /// The core's answer.
    public var access: EffectiveAccess { EffectiveAccess(allowed: allowed, decidedBy: decidedBy, scopeID: scopeID) }
}

/// A model grant as the wire shows it: its scope as `scope` (`account`, `org`, `team`, `user`) and `scope_id`.
public struct GrantView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var modelName: String
    public var scope: String
    public var scopeID: UUID?
    public var effect: GrantEffect
    public var createdAt: Date

    public init(_ g: ModelGrant) {
        (id, accountID, domain, modelName) = (g.id, g.accountID, g.domain, g.modelName)
        (scope, scopeID, effect, createdAt) = (g.scope.kind, g.scope.subjectID, g.effect, g.createdAt)
    }

    /// The core's grant; a scope the core does not know is refused.
    public func grant() throws -> ModelGrant {
        ModelGrant(
            id: id, accountID: accountID, domain: domain, modelName: modelName,
            scope: try GrantScope.parse(kind: scope, id: scopeID),
            effect: effect, createdAt: createdAt)
    }
}

/// A feature entitlement as the wire shows it (scope as for grants).
public struct EntitlementView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var featureCode: String
    public var scope: String
    public var scopeID: UUID?
    public var enabled: Bool
    public var config: JSONValue
    public var createdAt: Date
    public var updatedAt: Date

    public init(_ e: FeatureEntitlement) {
        (id, accountID, domain, featureCode) = (e.id, e.accountID, e.domain, e.featureCode)
        (scope, scopeID, enabled, config, createdAt, updatedAt) = (
            e.scope.kind, e.scope.subjectID, e.enabled, e.config, e.createdAt, e.updatedAt
        )
    }

    /// The core's entitlement; a scope the core does not know is refused.
    public func entitlement() throws -> FeatureEntitlement {
        FeatureEntitlement(
            id: id, accountID: accountID, domain: domain, featureCode: featureCode,
            scope: try GrantScope.parse(kind: scope, id: scopeID), enabled: enabled, config: config,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
