import CockpitCore
import Foundation

/// `PUT /v1/accounts/{id}/zitadel/config` and `PUT /v1/super/zitadel/onboarding-defaults`: an account's Zitadel
/// settings (every field optional: absent means off or empty).
public struct ZitadelConfigBody: Codable, Sendable {
    public var enabled: Bool?
    public var issuer: String?
    public var audience: String?
    public var projectID: String?
    public var organizationID: String?
    /// Zitadel role → cockpit role.
    public var roleMappings: [String: String]?
    public var accountIDClaim: String?

    public init(_ c: ZitadelAccountConfig) {
        (enabled, issuer, audience, projectID) = (c.enabled, c.issuer, c.audience, c.projectID)
        (organizationID, roleMappings, accountIDClaim) = (c.organizationID, c.roleMappings, c.accountIDClaim)
    }

    /// The settings the body describes.
    public var config: ZitadelAccountConfig {
        ZitadelAccountConfig(
            enabled: enabled ?? false, issuer: issuer ?? "", audience: audience ?? "", projectID: projectID ?? "",
            organizationID: organizationID ?? "", roleMappings: roleMappings ?? [:],
            accountIDClaim: accountIDClaim ?? "")
    }
}

/// `POST /v1/accounts/{id}/zitadel/provision/bootstrap`.
public struct BootstrapRequest: Codable, Sendable {
    public var dryRun: Bool?
    public init(dryRun: Bool) { self.dryRun = dryRun }
}

/// `POST /v1/accounts/{id}/zitadel/provision/project-role`.
public struct ProjectRoleRequest: Codable, Sendable {
    public var key: String
    public var displayName: String?
    public var group: String?
    public init(_ role: ZitadelRole) { (key, displayName, group) = (role.key, role.displayName, role.group) }
}

/// `POST /v1/accounts/{id}/zitadel/provision/user-grant`: a user by Zitadel id or by email.
public struct UserGrantRequest: Codable, Sendable {
    public var userID: String?
    public var email: String?
    public var roleKeys: [String]

    /// `user` is an email when it holds `@`, a Zitadel user id otherwise.
    public init(user: String, roleKeys: [String]) {
        let byEmail = user.contains("@")
        (userID, email, self.roleKeys) = (byEmail ? nil : user, byEmail ? user : nil, roleKeys)
    }
}
