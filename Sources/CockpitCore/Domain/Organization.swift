import Foundation

/// An organization of one domain's tree.
public struct Organization: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var name: String
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var createdAt: Date
    public var updatedAt: Date
    /// Free text shown beside the name (the original's `description`).
    public var description: String? = nil
    /// Who created it (the caller's name; `api` for rows from before it was recorded).
    public var createdBy: String = "api"
    /// The copilot tree's `global` organization made with the account.
    public var isDefaultGlobal: Bool = false
}

/// A team inside an organization of the same account and domain.
public struct Team: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var orgID: UUID
    public var name: String
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var createdAt: Date
    public var updatedAt: Date
    /// Free text shown beside the name (the original's `description`).
    public var description: String? = nil
    /// Who created it (the caller's name; `api` for rows from before it was recorded).
    public var createdBy: String = "api"
    /// True when LiteLLM's `/team/block` stopped its keys (until `/team/unblock`).
    public var blocked: Bool = false
}
