import Foundation

/// Lifecycle state of an account. A soft-deleted account is suspended and carries `deletedAt`.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
}

/// A tenant.
public struct Account: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var alias: String?
    /// The email domain used to route logins; unique across accounts.
    public var domain: String
    public var status: AccountStatus
    /// Set when the account was soft-deleted (it is then also suspended).
    public var deletedAt: Date?
    /// Feature pack, console model policy, Zitadel settings, theme, production flag…
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var spend: Double
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: String
    public var updatedBy: String

    /// True when the account may be used (not suspended, not deleted).
    public var isActive: Bool { status == .active && deletedAt == nil }

    public init(
        id: UUID, name: String, alias: String?, domain: String, status: AccountStatus, deletedAt: Date?,
        metadata: JSONValue, maxBudget: Double?, spend: Double, createdAt: Date, updatedAt: Date, createdBy: String,
        updatedBy: String
    ) {
        (self.id, self.name, self.alias, self.domain, self.status, self.deletedAt) = (
            id, name, alias, domain, status, deletedAt
        )
        (self.metadata, self.maxBudget, self.spend) = (metadata, maxBudget, spend)
        (self.createdAt, self.updatedAt, self.createdBy, self.updatedBy) = (createdAt, updatedAt, createdBy, updatedBy)
    }
}

/// An administrator of one account, who may sign in locally with a password.
public struct AccountAdmin: Sendable, Equatable, Codable {
    public var id: UUID
    public var accountID: UUID
    /// Lower-case email; unique per account.
    public var email: String
    public var role: String
    /// True when a local password is set (the hash itself never leaves the store layer).
    public var hasPassword: Bool
    public var createdAt: Date
    /// Who added the admin (`super_admin` for admins added through the API, as the original records).
    public var createdBy: String
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, email: String, role: String, hasPassword: Bool, createdAt: Date, createdBy: String,
        updatedAt: Date
    ) {
        (self.id, self.accountID, self.email, self.role, self.hasPassword) = (id, accountID, email, role, hasPassword)
        (self.createdAt, self.createdBy, self.updatedAt) = (createdAt, createdBy, updatedAt)
    }
}
