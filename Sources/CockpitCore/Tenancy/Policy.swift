import Foundation

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
    /// Read and change the copilot product's credits: plans, allocations, overrides, usage, renewal
    /// (the original's D(copilot) guard).
    case manageCredits
    /// Read and change the copilot product's catalog: agents, connections, the marketplace, guardrail presets
    /// (the original's D(copilot) guard, as for credits).
    case manageCopilot
    /// Read and change the guardrail presets, patterns and assignments of one tree (copilot: the same roles as
    /// `manageCopilot`).
    case manageGuardrails(ProductDomain)
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
        case .manageCredits, .manageCopilot: "copilot_team_admin, copilot_org_admin or account_admin"
        case .manageGuardrails(let d): "\(d.rawValue)_team_admin, \(d.rawValue)_org_admin or account_admin"
        case .readAudit, .manageKeys, .readAccount: "account_admin"
        }
    }
}

/// The role policy of CONTROL_PLANE.md, defined once. Services ask it (through `ServiceContext.reading` and
/// `changing`) before every operation; the HTTP routes and the cockpit's backends never do.
public enum Policy {
    /// The error a read-only principal gets for any change.
    public static let readOnlyRefusal = CockpitError.forbidden(
        "read-only: this session was started with --read-only and may not change anything")

    /// The one check of every service operation: `caller` may act in `account` (a super-admin in any account, anyone
    /// else only in their own: 403) and holds `permission` there; a change also needs a principal that is not read-only.
    /// With no account the permission is checked as it stands (`.superAdmin`, `.authenticated`).
    public static func authorize(_ caller: Principal, _ permission: Permission, in account: UUID?, changes: Bool) throws
    {
        if changes, caller.readOnly { throw readOnlyRefusal }
        guard let account else { return try check(caller, permission) }
        if caller.isSuperAdmin { return try check(caller.acting(in: account), permission) }
        guard caller.accountID == account else { throw CockpitError.forbidden("this belongs to another account") }
        try check(caller, permission)
    }

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
        case .readTree(let d), .readCosts(let d), .manageMembers(let d), .manageGuardrails(let d):
            return principal.domains.contains(d) && !roles.isDisjoint(with: [Role.orgAdmin(d), Role.teamAdmin(d)])
        case .writeTree(let d), .manageGrants(let d):
            return principal.domains.contains(d) && roles.contains(Role.orgAdmin(d))
        case .manageCredits, .manageCopilot:
            return principal.domains.contains(.copilot)
                && !roles.isDisjoint(with: [Role.orgAdmin(.copilot), Role.teamAdmin(.copilot)])
        case .readAudit, .manageKeys, .readAccount, .authenticated, .superAdmin:
            return false
        }
    }

    /// The permissions `principal` holds, as scope names (`accounts:write`, `console:read`…), for clients that gate their
    /// UI on them (`/v1/me/context`).
    public static func scopeNames(_ principal: Principal) -> [String] {
        var scopes: [String] = []
        if allows(principal, .superAdmin) { scopes.append("accounts:write") }
        if allows(principal, .readAudit) { scopes.append("audit:read") }
        for d in ProductDomain.allCases {
            if allows(principal, .readTree(d)) { scopes.append("\(d.rawValue):read") }
            if allows(principal, .writeTree(d)) { scopes.append("\(d.rawValue):write") }
            if allows(principal, .manageMembers(d)) { scopes.append("\(d.rawValue):members") }
            if allows(principal, .manageGrants(d)) { scopes.append("\(d.rawValue):grants") }
        }
        return scopes
    }
}
