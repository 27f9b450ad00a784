import Foundation

/// The effective answer for a model or feature at a point of a tree, and what decided it.
public struct EffectiveAccess: Sendable, Equatable, Codable {
    /// Allowed (models) or enabled (features).
    public var allowed: Bool
    /// `user`, `team`, `org`, `account`, `account_policy` or `default`.
    public var decidedBy: String
    /// The id of the deciding object, when it is one.
    public var scopeID: UUID?
    /// The rows of the deciding scope, newest first (none when no row decided).
    public var candidates: [AccessCandidate]
    /// The scopes walked, most specific first.
    public var resolutionOrder: [GrantScope]

    public init(
        allowed: Bool, decidedBy: String, scopeID: UUID?, candidates: [AccessCandidate] = [],
        resolutionOrder: [GrantScope] = []
    ) {
        (self.allowed, self.decidedBy, self.scopeID) = (allowed, decidedBy, scopeID)
        (self.candidates, self.resolutionOrder) = (candidates, resolutionOrder)
    }

    /// The configuration of the deciding row (features): the newest row that agrees with the answer.
    public var config: JSONValue? { candidates.first { $0.allowed == allowed }?.config }
}

/// One grant or entitlement row considered by a resolution.
public struct AccessCandidate: Sendable, Equatable, Codable {
    public var id: UUID
    /// Allow (models) or enabled (features).
    public var allowed: Bool
    public var scope: GrantScope
    public var createdAt: Date
    /// The entitlement's configuration (nil for model grants).
    public var config: JSONValue?

    public init(id: UUID, allowed: Bool, scope: GrantScope, createdAt: Date, config: JSONValue? = nil) {
        (self.id, self.allowed, self.scope, self.createdAt, self.config) = (id, allowed, scope, createdAt, config)
    }
}

/// The resolution rule of CONTROL_PLANE.md and the original's `effective` routes, shared by model grants and feature
/// entitlements: walk user → team → org → account; the first scope that has any row decides; at that scope a deny
/// beats an allow; no row anywhere gives `fallback`.
enum AccessResolution {
    /// - Parameter rows: every row that matches the model or feature.
    static func resolve(path: [GrantScope], rows: [AccessCandidate], fallback: Bool) -> EffectiveAccess {
        for scope in path {
            let here = rows.filter { $0.scope == scope }.sorted {
                ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString)
            }
            if !here.isEmpty {
                return EffectiveAccess(
                    allowed: here.allSatisfy(\.allowed), decidedBy: scope.kind, scopeID: scope.subjectID,
                    candidates: here, resolutionOrder: path)
            }
        }
        return EffectiveAccess(allowed: fallback, decidedBy: "default", scopeID: nil, resolutionOrder: path)
    }
    /// The scopes to walk for a point of the tree, most specific first.
    static func path(orgID: UUID?, teamID: UUID?, userID: UUID?) -> [GrantScope] {
        var path: [GrantScope] = []
        if let userID { path.append(.user(userID)) }
        if let teamID { path.append(.team(teamID)) }
        if let orgID { path.append(.org(orgID)) }
        path.append(.account)
        return path
    }
}
