/// The roles of CONTROL_PLANE.md. A principal holds a set of them; what each may do is decided by the policy.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case superAdmin = "super_admin"
    case accountAdmin = "account_admin"
    case consoleOrgAdmin = "console_org_admin"
    case consoleTeamAdmin = "console_team_admin"
    case copilotOrgAdmin = "copilot_org_admin"
    case copilotTeamAdmin = "copilot_team_admin"
    case endUser = "end_user"

    /// The org-admin role of a tree.
    public static func orgAdmin(_ d: ProductDomain) -> Role { d == .console ? .consoleOrgAdmin : .copilotOrgAdmin }
    /// The team-admin role of a tree.
    public static func teamAdmin(_ d: ProductDomain) -> Role { d == .console ? .consoleTeamAdmin : .copilotTeamAdmin }

    /// The roles a user of one tree may carry.
    public static func userRoles(in domain: ProductDomain) -> [Role] {
        domain == .console
            ? [.endUser, .consoleOrgAdmin, .consoleTeamAdmin] : [.endUser, .copilotOrgAdmin, .copilotTeamAdmin]
    }

    /// Parses a user role valid in `domain`, or throws naming the accepted values.
    public static func parseUserRole(_ text: String, domain: ProductDomain) throws -> Role {
        let allowed = userRoles(in: domain)
        guard let role = Role(rawValue: text.lowercased()), allowed.contains(role) else {
            throw CockpitError.invalid(
                field: "role", reason: "must be one of " + allowed.map(\.rawValue).joined(separator: ", "))
        }
        return role
    }
}
