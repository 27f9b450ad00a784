import Foundation

/// The server-wide Zitadel settings (ZITADEL_* in the environment). Nil when no issuer is configured.
public struct ZitadelSettings: Sendable {
    /// Exact issuer origin, e.g. `https://acme.zitadel.cloud`.
    public var issuer: String
    public var projectID: String
    public var clientID: String?
    public var jwksURI: String?
    /// The personal access token for management calls (provisioning; ZITADEL_PAT or the original's
    /// ZITADEL_MGMT_API_TOKEN); nil disables provisioning.
    public var pat: String?
    /// Where management calls go (ZITADEL_MGMT_API_BASE_URL); nil for the issuer.
    public var managementBaseURL: String?
    /// The client that may introspect opaque tokens; both set, or opaque tokens are refused.
    public var introspectionClientID: String?
    public var introspectionClientSecret: String?
    /// The vendor organization that owns the project; super-admin roles count only there when set.
    public var organizationID: String?
    public var clockSkew: TimeInterval
    public var jwksCacheSeconds: TimeInterval
    public var superAdminRoles: Set<String>

    public init(
        issuer: String, projectID: String, clientID: String? = nil, jwksURI: String? = nil,
        organizationID: String? = nil,
        clockSkew: TimeInterval = 60, jwksCacheSeconds: TimeInterval = 300,
        superAdminRoles: Set<String> = ["super_admin"],
        introspectionClientID: String? = nil, introspectionClientSecret: String? = nil, pat: String? = nil
    ) {
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
        guard var issuer = settings["ZITADEL_ISSUER"]?.trimmingCharacters(in: .whitespaces), !issuer.isEmpty else {
            return nil
        }
        if !issuer.hasPrefix("http://") && !issuer.hasPrefix("https://") { issuer = "https://" + issuer }
        guard let project = settings["ZITADEL_PROJECT_ID"], !project.isEmpty else {
            throw CockpitError.invalid(field: "ZITADEL_PROJECT_ID", reason: "is required when ZITADEL_ISSUER is set")
        }
        // `none` gives no one super-admin through Zitadel (an empty value reads as unset, i.e. the default).
        let roles = Set(
            (settings["ZITADEL_SUPER_ADMIN_ROLES"] ?? "super_admin").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .filter { !$0.isEmpty && $0.lowercased() != "none" })
        let organization = settings["ZITADEL_ORG_ID"].flatMap { $0.isEmpty ? nil : $0 }
        // A super-admin role held in any organization would make a super-admin: the vendor organization must be named.
        guard roles.isEmpty || organization != nil else {
            throw CockpitError.invalid(
                field: "ZITADEL_ORG_ID",
                reason: "must name the vendor organization whose \(roles.sorted().joined(separator: ", ")) "
                    + "role makes a super-admin (or set ZITADEL_SUPER_ADMIN_ROLES=none to give no one super-admin through Zitadel)"
            )
        }
        func seconds(_ name: String, default value: TimeInterval, max: TimeInterval) throws -> TimeInterval {
            guard let raw = settings[name] else { return value }
            guard let n = TimeInterval(raw), n.isFinite, (0...max).contains(n) else {
                throw CockpitError.invalid(field: name, reason: "must be a number of seconds from 0 to \(Int(max))")
            }
            return n
        }
        self.init(
            issuer: issuer, projectID: project, clientID: settings["ZITADEL_CLIENT_ID"],
            jwksURI: settings["ZITADEL_JWKS_URI"],
            organizationID: organization, clockSkew: try seconds("ZITADEL_CLOCK_SKEW_SECONDS", default: 60, max: 3_600),
            jwksCacheSeconds: try seconds("ZITADEL_JWKS_CACHE_SECONDS", default: 300, max: 86_400),
            superAdminRoles: roles,
            introspectionClientID: settings["ZITADEL_INTROSPECTION_CLIENT_ID"],
            introspectionClientSecret: settings["ZITADEL_INTROSPECTION_CLIENT_SECRET"],
            pat: settings["ZITADEL_PAT"] ?? settings["ZITADEL_MGMT_API_TOKEN"])
        managementBaseURL = settings["ZITADEL_MGMT_API_BASE_URL"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }
}
