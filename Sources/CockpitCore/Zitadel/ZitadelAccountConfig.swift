import Foundation

/// An account's Zitadel settings (kept in its metadata under `zitadel`): which Zitadel organization is this
/// account, and how its tokens are read. No secret lives here.
public struct ZitadelAccountConfig: Sendable, Equatable, Codable {
    public var enabled: Bool
    /// Exact issuer origin, e.g. `https://acme.zitadel.cloud`; empty means the server-wide ZITADEL_ISSUER.
    public var issuer: String
    /// Accepted audience (client id) besides the project id; empty for none.
    public var audience: String
    public var projectID: String
    /// The Zitadel organization that is this account; unique across accounts.
    public var organizationID: String
    /// Zitadel role key → cockpit role (`console_org_admin`…); roles not listed map to themselves.
    public var roleMappings: [String: String]
    /// A claim that names the account directly, when the organization claim is not used; empty for none.
    public var accountIDClaim: String

    enum CodingKeys: String, CodingKey {
        case enabled, issuer, audience
        case projectID = "project_id"
        case organizationID = "organization_id"
        case roleMappings = "role_mappings"
        case accountIDClaim = "account_id_claim"
    }

    public init(
        enabled: Bool = false, issuer: String = "", audience: String = "", projectID: String = "",
        organizationID: String = "",
        roleMappings: [String: String] = [:], accountIDClaim: String = ""
    ) {
        self.enabled = enabled
        self.issuer = issuer
        self.audience = audience
        self.projectID = projectID
        self.organizationID = organizationID
        self.roleMappings = roleMappings
        self.accountIDClaim = accountIDClaim
    }

    /// The settings as stored in account metadata; absent fields take their defaults.
    public init(metadata: JSONValue?) {
        let m = metadata ?? .emptyObject
        self.init(
            enabled: m["enabled"] == .bool(true), issuer: m["issuer"]?.stringValue ?? "",
            audience: m["audience"]?.stringValue ?? "",
            projectID: m["project_id"]?.stringValue ?? "", organizationID: m["organization_id"]?.stringValue ?? "",
            roleMappings: (m["role_mappings"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            accountIDClaim: m["account_id_claim"]?.stringValue ?? "")
    }

    /// The settings as stored in account metadata.
    public var metadata: JSONValue {
        [
            "enabled": .bool(enabled), "issuer": .string(issuer), "audience": .string(audience),
            "project_id": .string(projectID),
            "organization_id": .string(organizationID),
            "role_mappings": .object(roleMappings.mapValues(JSONValue.string)),
            "account_id_claim": .string(accountIDClaim),
        ]
    }

    /// The same settings with every field checked: an exact http(s) issuer origin (no trailing slash, no default
    /// port), Zitadel ids of letters, digits, `-` and `_`, and role mappings onto known cockpit roles.
    public func validated() throws -> ZitadelAccountConfig {
        var clean = self
        clean.issuer = issuer.trimmingCharacters(in: .whitespaces)
        if !clean.issuer.isEmpty {
            guard let url = URL(string: clean.issuer), let scheme = url.scheme, ["https", "http"].contains(scheme),
                url.host != nil,
                url.path.isEmpty, url.query == nil, !clean.issuer.hasSuffix("/"),
                !(scheme == "https" && url.port == 443), !(scheme == "http" && url.port == 80)
            else {
                throw CockpitError.invalid(
                    field: "issuer", reason: "must be an exact origin such as https://acme.zitadel.cloud")
            }
        }
        for (value, field) in [(projectID, "project_id"), (organizationID, "organization_id")] where !value.isEmpty {
            guard value.count <= 64,
                value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else {
                throw CockpitError.invalid(field: field, reason: "is not a Zitadel id")
            }
        }
        if enabled, organizationID.isEmpty {
            throw CockpitError.invalid(field: "organization_id", reason: "is required when enabled")
        }
        clean.audience = try Validation.optionalName(audience, field: "audience") ?? ""
        clean.accountIDClaim = try Validation.optionalName(accountIDClaim, field: "account_id_claim") ?? ""
        for (key, role) in roleMappings {
            _ = try Validation.name(key, field: "role_mappings")
            guard let mapped = Role(rawValue: role), mapped != .superAdmin else {
                throw CockpitError.invalid(
                    field: "role_mappings", reason: "maps \(key) to \(role), which is not an account role")
            }
        }
        return clean
    }
}
