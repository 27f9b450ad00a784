import CockpitCore
import Foundation

/// `GET /v1/{domain}/models/effective` (a bare object): the original's answer (`effective_access`, `allowed`,
/// `resolved_from`, `candidates`, `resolution_order`) with cockpit's `decided_by` beside (`account_policy` when the
/// account's console model policy refused the model before any grant was read).
public struct ModelAccessAnswer: Codable, Sendable, Equatable {
    public var modelName: String
    public var effectiveAccess: String
    public var allowed: Bool
    public var resolvedFrom: WireScope.Ref?
    public var candidates: [Candidate]
    public var resolutionOrder: [WireScope.Ref]
    public var decidedBy: String

    /// A grant row of the deciding scope.
    public struct Candidate: Codable, Sendable, Equatable {
        public var id: UUID
        public var accessMode: GrantEffect
        public var scopeType: String
        public var scopeID: String
        public var createdAt: Date
    }

    public init(modelName: String, access: EffectiveAccess, account: UUID) {
        (self.modelName, allowed, decidedBy) = (modelName, access.allowed, access.decidedBy)
        effectiveAccess = access.allowed ? "allow" : "deny"
        (resolvedFrom, resolutionOrder) = WireScope.Ref.resolution(access, account: account)
        candidates = access.candidates.map {
            Candidate(
                id: $0.id, accessMode: $0.allowed ? .allow : .deny, scopeType: $0.scope.kind,
                scopeID: WireScope.id($0.scope, account: account), createdAt: $0.createdAt)
        }
    }

    /// The core's answer, as the cockpit shows it.
    public var access: EffectiveAccess {
        EffectiveAccess(allowed: allowed, decidedBy: decidedBy, scopeID: resolvedFrom?.subjectID)
    }

    /// `resolved_from` is written as null when no scope decided.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(modelName, forKey: .modelName)
        try c.encode(effectiveAccess, forKey: .effectiveAccess)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(resolvedFrom, forKey: .resolvedFrom)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(resolutionOrder, forKey: .resolutionOrder)
        try c.encode(decidedBy, forKey: .decidedBy)
    }

    enum CodingKeys: String, CodingKey {
        case modelName, effectiveAccess, allowed, resolvedFrom, candidates, resolutionOrder, decidedBy
    }
}

/// `GET /v1/features/effective` (a bare object): the original's answer with cockpit's `decided_by` beside.
public struct FeatureAccessAnswer: Codable, Sendable, Equatable {
    public var domain: ProductDomain
    public var featureCode: String
    public var effectiveEnabled: Bool
    public var effectiveConfig: JSONValue
    public var resolvedFrom: WireScope.Ref?
    public var candidates: [Candidate]
    public var resolutionOrder: [WireScope.Ref]
    public var decidedBy: String

    /// An entitlement row of the deciding scope.
    public struct Candidate: Codable, Sendable, Equatable {
        public var id: UUID
        public var enabled: Bool
        public var configJson: JSONValue
        public var scopeType: String
        public var scopeID: String
        public var createdAt: Date
    }

    public init(domain: ProductDomain, featureCode: String, access: EffectiveAccess, account: UUID) {
        (self.domain, self.featureCode, effectiveEnabled, decidedBy) = (
            domain, featureCode, access.allowed, access.decidedBy
        )
        effectiveConfig = access.config ?? .emptyObject
        (resolvedFrom, resolutionOrder) = WireScope.Ref.resolution(access, account: account)
        candidates = access.candidates.map {
            Candidate(
                id: $0.id, enabled: $0.allowed, configJson: $0.config ?? .emptyObject, scopeType: $0.scope.kind,
                scopeID: WireScope.id($0.scope, account: account), createdAt: $0.createdAt)
        }
    }

    /// The core's answer, as the cockpit shows it.
    public var access: EffectiveAccess {
        EffectiveAccess(allowed: effectiveEnabled, decidedBy: decidedBy, scopeID: resolvedFrom?.subjectID)
    }

    /// `resolved_from` is written as null when no scope decided.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(domain, forKey: .domain)
        try c.encode(featureCode, forKey: .featureCode)
        try c.encode(effectiveEnabled, forKey: .effectiveEnabled)
        try c.encode(effectiveConfig, forKey: .effectiveConfig)
        try c.encode(resolvedFrom, forKey: .resolvedFrom)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(resolutionOrder, forKey: .resolutionOrder)
        try c.encode(decidedBy, forKey: .decidedBy)
    }

    enum CodingKeys: String, CodingKey {
        case domain, featureCode, effectiveEnabled, effectiveConfig, resolvedFrom, candidates, resolutionOrder
        case decidedBy
    }
}
