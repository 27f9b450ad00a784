import Foundation

/// A gateway key. Only the SHA-256 of the secret is stored; `maskedKey` (`sk-...abcd`) is what is shown.
public struct VirtualKey: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    /// Hex SHA-256 of the full key (LiteLLM's format).
    public var keyHash: String
    public var keyAlias: String?
    public var maskedKey: String
    /// The tree the owners below belong to; nil for a key owned by the account only.
    public var domain: ProductDomain?
    public var orgID: UUID?
    public var teamID: UUID?
    public var userID: UUID?
    /// Allowed model names; empty means every model the account may use.
    public var models: [String]
    public var maxBudget: Double?
    public var softBudget: Double?
    /// `30s`, `1h`, `7d`, `1mo`…
    public var budgetDuration: String?
    public var budgetResetAt: Date?
    public var spend: Double
    public var tpmLimit: Int64?
    public var rpmLimit: Int64?
    public var maxParallelRequests: Int64?
    public var modelMaxBudget: JSONValue
    public var allowedRoutes: [String]
    public var metadata: JSONValue
    public var expiresAt: Date?
    public var blocked: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: String

    /// True when the key has expired at `now`.
    public func isExpired(at now: Date = Date()) -> Bool { expiresAt.map { $0 <= now } ?? false }
}
