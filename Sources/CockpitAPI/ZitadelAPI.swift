import CockpitCore
import Foundation

/// `PUT /v1/accounts/{id}/zitadel/config`: the original's eight keys, replacing the stored settings (`enabled`
/// defaults to true as in the original; absent texts are empty, absent mappings none).
public struct ZitadelConfigBody: Codable, Sendable {
    public var enabled: Bool?
    public var issuer: String?
    public var audience: String?
    public var projectID: String?
    public var organizationID: String?
    /// Control-plane role → Zitadel project role key.
    public var roleMappings: [String: String]?
    public var accountIDClaim: String?
    public var productDomainsClaim: String?

    public init(_ c: ZitadelAccountConfig) {
        (enabled, issuer, audience, projectID) = (c.enabled, c.issuer, c.audience, c.projectID)
        (organizationID, roleMappings, accountIDClaim) = (c.organizationID, c.roleMappings, c.accountIDClaim)
        productDomainsClaim = c.productDomainsClaim
    }

    /// The settings the body describes.
    public var config: ZitadelAccountConfig {
        ZitadelAccountConfig(
            enabled: enabled ?? true, issuer: issuer ?? "", audience: audience ?? "", projectID: projectID ?? "",
            organizationID: organizationID ?? "", roleMappings: roleMappings ?? [:],
            accountIDClaim: accountIDClaim ?? "", productDomainsClaim: productDomainsClaim ?? "")
    }
}

/// `PUT /v1/super/zitadel/onboarding-defaults`: what the onboarding of a new account starts from.
public struct OnboardingDefaultsBody: Codable, Sendable {
    public var projectID: String?
    public var organizationID: String?
    public var rolePrefix: String?
    public var resolveUserIdsFromZitadel: Bool?

    public init(_ d: ZitadelOnboardingDefaults) {
        (projectID, organizationID, rolePrefix) = (d.projectID, d.organizationID, d.rolePrefix)
        resolveUserIdsFromZitadel = d.resolveUserIDsFromZitadel
    }

    public var defaults: ZitadelOnboardingDefaults {
        ZitadelOnboardingDefaults(
            projectID: projectID, organizationID: organizationID, rolePrefix: rolePrefix,
            resolveUserIDsFromZitadel: resolveUserIdsFromZitadel ?? true)
    }
}

/// `POST …/zitadel/provision/bootstrap`: the original's fields with its defaults, and cockpit's `create_project`.
/// (`…Ids…` in property names: the wire's `_ids` maps back to `Ids`.)
public struct BootstrapRequest: Codable, Sendable {
    public var projectID: String?
    public var organizationID: String?
    public var rolePrefix: String?
    public var userIDByEmail: [String: String]?
    public var resolveUserIdsFromZitadel: Bool?
    public var defaultRoleKeys: [String]?
    public var skipExisting: Bool?
    public var dryRun: Bool?
    public var applyDefaultRoleMappings: Bool?
    public var createProjectRoles: Bool?
    public var grantExistingAccountAdmins: Bool?
    /// Cockpit's: with no project named or stored, find the project `cockpit` or create it.
    public var createProject: Bool?

    /// With `createProject` (the cockpit's own bootstrap) admins are also looked up by email.
    public init(dryRun: Bool = false, createProject: Bool = false) {
        self.dryRun = dryRun
        self.createProject = createProject
        if createProject { resolveUserIdsFromZitadel = true }
    }

    /// The options, defaults filled in as the original does.
    public var options: ProvisioningOptions {
        var o = ProvisioningOptions()
        (o.projectID, o.organizationID, o.rolePrefix) = (projectID, organizationID, rolePrefix)
        o.userIDByEmail = userIDByEmail ?? [:]
        o.resolveUserIDsFromZitadel = resolveUserIdsFromZitadel ?? false
        o.defaultRoleKeys = defaultRoleKeys ?? []
        o.skipExisting = skipExisting ?? true
        o.dryRun = dryRun ?? false
        o.applyDefaultRoleMappings = applyDefaultRoleMappings ?? true
        o.createProjectRoles = createProjectRoles ?? true
        o.grantExistingAccountAdmins = grantExistingAccountAdmins ?? true
        o.createProject = createProject ?? false
        return o
    }
}

/// `POST …/zitadel/provision/sync-roles`.
public struct SyncRolesRequest: Codable, Sendable {
    public var projectID: String?
    public var rolePrefix: String?
    public var skipExisting: Bool?

    public init() {}

    public var options: ProvisioningOptions {
        var all = BootstrapRequest()
        (all.projectID, all.rolePrefix, all.skipExisting) = (projectID, rolePrefix, skipExisting)
        return all.options
    }
}

/// `POST …/zitadel/provision/sync-admin-grants`.
public struct SyncAdminGrantsRequest: Codable, Sendable {
    public var projectID: String?
    public var organizationID: String?
    public var rolePrefix: String?
    public var userIDByEmail: [String: String]?
    public var resolveUserIdsFromZitadel: Bool?
    public var defaultRoleKeys: [String]?
    public var skipExisting: Bool?

    public init() {}

    public var options: ProvisioningOptions {
        var all = BootstrapRequest()
        (all.projectID, all.organizationID, all.rolePrefix) = (projectID, organizationID, rolePrefix)
        (all.userIDByEmail, all.resolveUserIdsFromZitadel) = (userIDByEmail, resolveUserIdsFromZitadel)
        (all.defaultRoleKeys, all.skipExisting) = (defaultRoleKeys, skipExisting)
        return all.options
    }
}

/// `POST /v1/accounts/{id}/zitadel/provision/project-role`.
public struct ProjectRoleRequest: Codable, Sendable {
    public var key: String
    public var displayName: String?
    public var group: String?
    public var projectID: String?
    public init(_ role: ZitadelRole) { (key, displayName, group) = (role.key, role.displayName, role.group) }
}

/// `POST /v1/accounts/{id}/zitadel/provision/user-grant`: a user by Zitadel id (the original's) or by email
/// (cockpit's).
public struct UserGrantRequest: Codable, Sendable {
    public var userID: String?
    public var email: String?
    public var roleKeys: [String]?
    public var projectID: String?
    public var organizationID: String?

    /// `user` is an email when it holds `@`, a Zitadel user id otherwise.
    public init(user: String, roleKeys: [String]) {
        let byEmail = user.contains("@")
        (userID, email, self.roleKeys) = (byEmail ? nil : user, byEmail ? user : nil, roleKeys)
    }
}
