import Foundation

/// The kind of scope credits are allocated to: an organization, team or user of the copilot tree, or the account's
/// free-text `pool`.
public enum CreditScopeType: String, Sendable, Codable, CaseIterable {
    case org, pool, team, user

    /// The wire's `scope_type`, trimmed and lower-cased, `group` read as `org` (the original's quirk, kept); the
    /// original's 400 otherwise.
    public static func parse(_ raw: String) throws -> CreditScopeType {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let type = text == "group" ? .org : CreditScopeType(rawValue: text) else {
            throw CockpitError.badRequest("scope_type must be one of: org,pool,team,user")
        }
        return type
    }

    /// `ORG`, `POOL`, `TEAM`, `USER`: the alert's `entity_type`.
    public var entityType: String { rawValue.uppercased() }
}

/// One scope credits are allocated to. The id of an organization, team or user is its UUID (lower-case text); the
/// pool's id is free text (by convention `pool`).
public struct CreditScope: Sendable, Hashable, Codable {
    public var type: CreditScopeType
    public var id: String

    public init(type: CreditScopeType, id: String) {
        (self.type, self.id) = (type, id)
    }

    /// The scope the pool of rolled-over credits lives in.
    public static let pool = CreditScope(type: .pool, id: "pool")

    /// The tree object the scope names (nil for the pool, or an id that is no UUID and so names nothing).
    public var treeID: UUID? { type == .pool ? nil : UUID.fast(id) }
}
