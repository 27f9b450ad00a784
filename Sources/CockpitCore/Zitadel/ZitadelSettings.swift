import Foundation

/// The server-wide Zitadel settings (ZITADEL_* in the environment). Nil when no issuer is configured.
public struct ZitadelSettings: Sendable {
    /// Exact issuer origin, e.g. `https://acme.zitadel.cloud`.
    public var issuer: String
    public var projectID: String
    public var clientID: String?
    public var jwksURI: String?
    /// The personal access token for management calls (provisioning); nil disables provisioning.
    public var pat: String?
    /// The client that may introspect opaque tokens; both set, or opaque tokens are refused.
    public var introspectionClientID: String?
    public var introspectionClientSecret: String?
    /// The vendor organization that owns the project; super-admin roles count only there when set.
    public var organizationID: String?
    public var clockSkew: TimeInterval
    public var jwksCacheSeconds: TimeInterval
    public var superAdminRoles: Set<String>

    public init(issuer: String, projectID: String, clientID: String? = nil, jwksURI: String? = nil, organizationID: String? = nil,
                clockSkew: TimeInterval = 60, jwksCacheSeconds: TimeInterval = 300, superAdminRoles: Set<String> = ["super_admin"],
                introspectionClientID: String? = nil, introspectionClientSecret: String? = nil, pat: String? = nil) {
        self.pat = pat
        self.introspectionClientID = introspectionClientID
        self.introspectionClientSecret = introspectionClientSecret
        self.issuer = issuer
        self.projectID = projectID
        self.clientID = clientID
        self.jwksURI = jwksURI
        self.organizationID = organizationID
        self.clockSkew = clockSkew
        self.jwksCacheSeconds = jwksCacheSeconds
        self.superAdminRoles = superAdminRoles
    }

    /// Reads ZITADEL_ISSUER (or ZITADEL_DOMAIN, `https://` added), ZITADEL_PROJECT_ID and the optional rest.
    /// Nil when no issuer is set; throws when one is set without a project id.
    public init?(settings: Settings) throws {
        guard var issuer = settings["ZITADEL_ISSUER"]?.trimmingCharacters(in: .whitespaces), !issuer.isEmpty else { return nil }
        if !issuer.hasPrefix("http://") && !issuer.hasPrefix("https://") { issuer = "https://" + issuer }
        guard let project = settings["ZITADEL_PROJECT_ID"], !project.isEmpty else {
            throw CockpitError.invalid(field: "ZITADEL_PROJECT_ID", reason: "is required when ZITADEL_ISSUER is set")
        }
        let roles = (settings["ZITADEL_SUPER_ADMIN_ROLES"] ?? "super_admin").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        self.init(issuer: issuer, projectID: project, clientID: settings["ZITADEL_CLIENT_ID"], jwksURI: settings["ZITADEL_JWKS_URI"],
                  organizationID: settings["ZITADEL_ORG_ID"], clockSkew: TimeInterval(settings["ZITADEL_CLOCK_SKEW_SECONDS"] ?? "") ?? 60,
                  jwksCacheSeconds: TimeInterval(settings["ZITADEL_JWKS_CACHE_SECONDS"] ?? "") ?? 300, superAdminRoles: Set(roles.filter { !$0.isEmpty }),
                  introspectionClientID: settings["ZITADEL_INTROSPECTION_CLIENT_ID"],
                  introspectionClientSecret: settings["ZITADEL_INTROSPECTION_CLIENT_SECRET"], pat: settings["ZITADEL_PAT"])
    }
}
