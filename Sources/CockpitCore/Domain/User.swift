import Foundation

/// A user of one domain's tree; linked to teams through memberships.
public struct User: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    /// Lower-case email; unique per account and domain when set.
    public var email: String?
    /// The identity provider's user id (Zitadel `sub`); unique per account and domain when set.
    public var identityUserID: String?
    public var displayName: String
    public var role: String
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var createdAt: Date
    public var updatedAt: Date
    /// Who created the user (`api` for rows made before cockpit recorded it).
    public var createdBy: String = "api"
    /// The original's user status. Cockpit users have no other state (a user leaves by being deleted), so it is
    /// `active` for every user that exists.
    public var status: String = "active"
}

/// The role of a user in a team.
public enum MembershipRole: String, Sendable, Codable, CaseIterable {
    case member
    case admin
}

/// A user's membership of a team of the same account and domain.
public struct TeamMembership: Sendable, Equatable, Codable {
    public var accountID: UUID
    public var domain: ProductDomain
    public var teamID: UUID
    public var userID: UUID
    public var role: MembershipRole
    public var createdAt: Date
}
