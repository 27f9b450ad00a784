import Foundation

/// The scope a grant or entitlement applies to: the whole account, or one org, team or user of a domain.
public enum GrantScope: Sendable, Hashable, Codable {
    case account
    case org(UUID)
    case team(UUID)
    case user(UUID)

    /// `account`, `org`, `team` or `user`.
    public var kind: String {
        switch self {
        case .account: "account"
        case .org: "org"
        case .team: "team"
        case .user: "user"
        }
    }

    /// The id of the org, team or user; nil for the account.
    public var subjectID: UUID? {
        switch self {
        case .account: nil
        case .org(let id), .team(let id), .user(let id): id
        }
    }

    /// Builds a scope from its kind and id, as stored and as sent over the API.
    public static func parse(kind: String, id: UUID?) throws -> GrantScope {
        switch (kind, id) {
        case ("account", _): return .account
        case ("org", let id?): return .org(id)
        case ("team", let id?): return .team(id)
        case ("user", let id?): return .user(id)
        case ("org", nil), ("team", nil), ("user", nil):
            throw CockpitError.invalid(field: "scope_id", reason: "is required for scope \(kind)")
        default: throw CockpitError.invalid(field: "scope", reason: "must be account, org, team or user")
        }
    }
}

/// Allow or deny.
public enum GrantEffect: String, Sendable, Codable, CaseIterable {
    case allow
    case deny
}

/// A model allowed or denied at one scope of one domain.
public struct ModelGrant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var modelName: String
    public var scope: GrantScope
    public var effect: GrantEffect
    public var createdAt: Date
    /// Who added the grant (the caller's name; `api` for rows from before it was recorded).
    public var createdBy: String

    public init(
        id: UUID, accountID: UUID, domain: ProductDomain, modelName: String, scope: GrantScope, effect: GrantEffect,
        createdAt: Date, createdBy: String = "api"
    ) {
        self.createdBy = createdBy
        self.id = id
        self.accountID = accountID
        self.domain = domain
        self.modelName = modelName
        self.scope = scope
        self.effect = effect
        self.createdAt = createdAt
    }
}

/// A feature switched on or off at one scope of one domain, with optional configuration.
public struct FeatureEntitlement: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var featureCode: String
    public var scope: GrantScope
    public var enabled: Bool
    public var config: JSONValue
    public var createdAt: Date
    public var updatedAt: Date
    /// Who first set the feature at this scope (`api` for rows from before it was recorded).
    public var createdBy: String

    public init(
        id: UUID, accountID: UUID, domain: ProductDomain, featureCode: String, scope: GrantScope, enabled: Bool,
        config: JSONValue, createdAt: Date, updatedAt: Date, createdBy: String = "api"
    ) {
        self.createdBy = createdBy
        (self.id, self.accountID, self.domain, self.featureCode, self.scope) = (
            id, accountID, domain, featureCode, scope
        )
        (self.enabled, self.config, self.createdAt, self.updatedAt) = (enabled, config, createdAt, updatedAt)
    }
}
