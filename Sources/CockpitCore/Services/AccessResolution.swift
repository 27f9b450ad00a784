import Foundation

/// The effective answer for a model or feature at a point of a tree, and what decided it.
public struct EffectiveAccess: Sendable, Equatable, Codable {
    /// Allowed (models) or enabled (features).
    public var allowed: Bool
    /// `user`, `team`, `org`, `account`, `account_policy` or `default`.
    public var decidedBy: String
    /// The id of the deciding object, when it is one.
    public var scopeID: UUID?

    public init(allowed: Bool, decidedBy: String, scopeID: UUID?) {
        self.allowed = allowed
        self.decidedBy = decidedBy
        self.scopeID = scopeID
    }
}

/// The resolution rule of CONTROL_PLANE.md, shared by model grants and feature entitlements: walk user → team →
/// org → account; the first scope that has any row decides; at that scope a deny beats an allow; no row anywhere
/// gives `fallback`.
enum AccessResolution {
    /// - Parameter rows: every (scope, allow) row that matches the model or feature.
    static func resolve(path: [GrantScope], rows: [(scope: GrantScope, allow: Bool)], fallback: Bool) -> EffectiveAccess
    {
        for scope in path {
            let here = rows.filter { $0.scope == scope }
            if !here.isEmpty {
                return EffectiveAccess(
                    allowed: here.allSatisfy(\.allow), decidedBy: scope.kind, scopeID: scope.subjectID)
            }
        }
        return EffectiveAccess(allowed: fallback, decidedBy: "default", scopeID: nil)
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
