import Foundation

/// LiteLLM's member roles in an organization. LiteLLM's `org_admin` has no counterpart: cockpit's organization
/// admins administer every organization of their tree (a user role), so it is refused by name.
public enum OrganizationMemberRole: String, Sendable, Codable, CaseIterable {
    case internalUser = "internal_user"
    case internalUserViewer = "internal_user_viewer"
}

/// A user's membership of an organization of the same account and tree (LiteLLM's `/organization/member_*`).
public struct OrganizationMembership: Sendable, Equatable, Codable {
    public var accountID: UUID
    public var domain: ProductDomain
    public var orgID: UUID
    public var userID: UUID
    public var role: OrganizationMemberRole
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        accountID: UUID, domain: ProductDomain, orgID: UUID, userID: UUID, role: OrganizationMemberRole,
        createdAt: Date, updatedAt: Date
    ) {
        self.accountID = accountID
        self.domain = domain
        self.orgID = orgID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
