import Foundation

/// The kind of scope a catalog grant (agent, connection, marketplace listing) names: an organization, team or user of
/// the copilot tree, or, where cockpit adds it beside the original, the whole account.
public enum CatalogScopeType: String, Sendable, Codable, CaseIterable {
    case account, org, team, user

    /// The wire's `scope_type`, trimmed (not lower-cased, as in the original); the original's 400 names the types it
    /// knows (`org,team,user`) even where cockpit also takes `account`.
    public static func parse(_ raw: String, allowingAccount: Bool) throws -> CatalogScopeType {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let type = CatalogScopeType(rawValue: text), allowingAccount || type != .account else {
            throw CockpitError.badRequest("scope_type must be one of: org,team,user")
        }
        return type
    }
}

/// One scope of the copilot tree a grant names. The id of an organization, team or user is its UUID (lower-case
/// text); the account scope's id is the account's.
public struct CatalogScope: Sendable, Hashable, Codable {
    public var type: CatalogScopeType
    public var id: String

    public init(type: CatalogScopeType, id: String) {
        (self.type, self.id) = (type, id)
    }

    /// The tree object the scope names (nil for the account scope).
    public var treeID: UUID? { type == .account ? nil : UUID.fast(id) }

    /// `org:<id>`, `team:<id>`, `user:<id>`: the marketplace's `matched_scope`.
    public var key: String { "\(type.rawValue):\(id)" }
}
