/// What a route or cockpit action needs. Each route declares exactly one.
public enum Permission: Sendable, Hashable, CustomStringConvertible {
    /// Any authenticated principal (its own context).
    case authenticated
    /// Account lifecycle, admins, feature packs, model policies, the global catalogue, Zitadel onboarding.
    case superAdmin
    /// Read one tree of the caller's account.
    case readTree(ProductDomain)
    /// Change organizations, teams and users of one tree.
    case writeTree(ProductDomain)
    /// Change team memberships of one tree.
    case manageMembers(ProductDomain)
    /// Read or change model grants and feature entitlements of one tree.
    case manageGrants(ProductDomain)
    /// Read the spend of one tree.
    case readCosts(ProductDomain)
    /// Read the account's audit trail.
    case readAudit
    /// Generate, change and revoke the account's virtual keys; add the account's own models.
    case manageKeys
    /// Read the caller's own account (name, status, budget, spend).
    case readAccount

    public var description: String {
        switch self {
        case .authenticated: "an authenticated caller"
        case .superAdmin: "super_admin"
        case .readTree(let d): "read access to the \(d.rawValue) tree"
        case .writeTree(let d): "\(d.rawValue)_org_admin or account_admin"
        case .manageMembers(let d): "\(d.rawValue)_team_admin, \(d.rawValue)_org_admin or account_admin"
        case .manageGrants(let d): "\(d.rawValue)_org_admin or account_admin"
        case .readCosts(let d): "an admin of the \(d.rawValue) tree"
        case .readAudit, .manageKeys, .readAccount: "account_admin"
        }
    }
}

/// The role policy of CONTROL_PLANE.md, defined once: the HTTP routes and the cockpit's actions both ask it.
public enum Policy {
    /// Throws `.forbidden` (or `.accountContextRequired`) unless `principal` holds `permission`.
    public static func check(_ principal: Principal, _ permission: Permission) throws {
        if allows(principal, permission) { return }
        if permission != .superAdmin, permission != .authenticated, principal.isSuperAdmin, principal.accountID == nil {
            throw CockpitError.accountContextRequired
        }
        throw CockpitError.forbidden("this needs \(permission)")
    }

    /// True when `principal` holds `permission`. Tenant permissions also need an account.
    public static func allows(_ principal: Principal, _ permission: Permission) -> Bool {
        let roles = principal.roles
        switch permission {
        case .authenticated: return true
        case .superAdmin: return roles.contains(.superAdmin)
        default: break
        }
        guard principal.accountID != nil else { return false }
        if roles.contains(.superAdmin) || roles.contains(.accountAdmin) { return true }
        switch permission {
        case .readTree(let d), .readCosts(let d), .manageMembers(let d):
            return principal.domains.contains(d) && !roles.isDisjoint(with: [orgAdmin(d), teamAdmin(d)])
        case .writeTree(let d), .manageGrants(let d):
            return principal.domains.contains(d) && roles.contains(orgAdmin(d))
        case .readAudit, .manageKeys, .readAccount, .authenticated, .superAdmin:
            return false
        }
    }

    /// The org-admin role of a tree.
    public static func orgAdmin(_ d: ProductDomain) -> Role { d == .console ? .consoleOrgAdmin : .copilotOrgAdmin }
    /// The team-admin role of a tree.
    public static func teamAdmin(_ d: ProductDomain) -> Role { d == .console ? .consoleTeamAdmin : .copilotTeamAdmin }
}
