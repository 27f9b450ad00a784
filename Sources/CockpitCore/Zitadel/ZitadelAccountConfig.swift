import Foundation

/// An account's Zitadel settings (kept in its metadata under `zitadel`, the original's eight keys): which Zitadel
/// organization is this account, how its tokens are read, and which project role keys its roles are granted as.
/// No secret lives here.
public struct ZitadelAccountConfig: Sendable, Equatable, Codable {
    public var enabled: Bool
    /// Exact issuer origin, e.g. `https://acme.zitadel.cloud`; empty means the server-wide ZITADEL_ISSUER.
    public var issuer: String
    /// Accepted audience (client id) besides the project id; empty for none.
    public var audience: String
    public var projectID: String
    /// The Zitadel organization that is this account; unique across accounts.
    public var organizationID: String
    /// Control-plane role name (`account_admin`, `console_org_admin`…, `end_user`) → Zitadel project role key, as
    /// in the original: used for grants, and read backwards for the roles of incoming tokens. Roles not listed are
    /// granted (and read) under their own names.
    public var roleMappings: [String: String]
    /// A claim that names the account directly, when the organization claim is not used; empty for none.
    public var accountIDClaim: String
    /// The claim listing the product trees (`console`, `copilot`) a token's holder may use; empty for the default
    /// names (`product_domains_allowed`, `alchemi:product_domains_allowed`, `product_domains`).
    public var productDomainsClaim: String

    enum CodingKeys: String, CodingKey {
        case enabled, issuer, audience
        case projectID = "project_id"
        case organizationID = "organization_id"
        case roleMappings = "role_mappings"
        case accountIDClaim = "account_id_claim"
        case productDomainsClaim = "product_domains_claim"
    }

    public init(
        enabled: Bool = false, issuer: String = "", audience: String = "", projectID: String = "",
        organizationID: String = "", roleMappings: [String: String] = [:], accountIDClaim: String = "",
        productDomainsClaim: String = ""
    ) {
        self.enabled = enabled
        self.issuer = issuer
        self.audience = audience
        self.projectID = projectID
        self.organizationID = organizationID
        self.roleMappings = roleMappings
        self.accountIDClaim = accountIDClaim
        self.productDomainsClaim = productDomainsClaim
    }

    /// The settings as stored in account metadata; absent or null fields take their defaults.
    public init(metadata: JSONValue?) {
        let m = metadata ?? .emptyObject
        func text(_ key: String) -> String { m[key]?.stringValue ?? "" }
        self.init(
            enabled: m["enabled"] == .bool(true), issuer: text("issuer"), audience: text("audience"),
            projectID: text("project_id"), organizationID: text("organization_id"),
            roleMappings: (m["role_mappings"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            accountIDClaim: text("account_id_claim"), productDomainsClaim: text("product_domains_claim"))
    }

    /// The settings as stored in account metadata and answered on the wire: exactly the original's eight keys,
    /// null for an empty text.
    public var metadata: JSONValue {
        func text(_ value: String) -> JSONValue { value.isEmpty ? .null : .string(value) }
        return [
            "enabled": .bool(enabled), "issuer": text(issuer), "audience": text(audience),
            "project_id": text(projectID), "organization_id": text(organizationID),
            "account_id_claim": text(accountIDClaim), "product_domains_claim": text(productDomainsClaim),
            "role_mappings": .object(roleMappings.mapValues(JSONValue.string)),
        ]
    }

    /// The cockpit role an incoming token's role key stands for: the role whose mapping names it, else the role of
    /// that name (the original read token roles verbatim); nil for keys that are no account role.
    public func role(forRoleKey key: String) -> Role? {
        roleMappings.filter { $0.value == key }.keys.sorted().compactMap(Role.init(rawValue:)).first
            ?? Role(rawValue: key)
    }

    /// The same settings with every field checked: an exact http(s) issuer origin (no trailing slash, no default
    /// port), Zitadel ids of letters, digits, `-` and `_`, claim names and role mappings of plain names.
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
        clean.projectID = try Self.zitadelID(projectID, field: "project_id") ?? ""
        clean.organizationID = try Self.zitadelID(organizationID, field: "organization_id") ?? ""
        clean.audience = try Validation.optionalName(audience, field: "audience") ?? ""
        clean.accountIDClaim = try Validation.optionalName(accountIDClaim, field: "account_id_claim") ?? ""
        clean.productDomainsClaim =
            try Validation.optionalName(productDomainsClaim, field: "product_domains_claim") ?? ""
        var mappings: [String: String] = [:]
        for (role, key) in roleMappings {
            let name = try Validation.name(role, field: "role_mappings")
            guard name != Role.superAdmin.rawValue else {
                throw CockpitError.invalid(field: "role_mappings", reason: "cannot map super_admin")
            }
            mappings[name] = try Validation.name(key, field: "role_mappings")
        }
        clean.roleMappings = mappings
        return clean
    }

    /// A trimmed Zitadel id (letters, digits, `-`, `_`, at most 64), nil when blank.
    static func zitadelID(_ value: String?, field: String) throws -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard value.count <= 64,
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw CockpitError.invalid(field: field, reason: "is not a Zitadel id")
        }
        return value
    }
}
