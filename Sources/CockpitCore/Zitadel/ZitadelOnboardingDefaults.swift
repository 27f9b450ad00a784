import Foundation

/// What the onboarding of a new account starts from (`/v1/super/zitadel/onboarding-defaults`, the original's four
/// fields): the project and organization to provision in, the role prefix, and whether admins' Zitadel users are
/// looked up by email.
public struct ZitadelOnboardingDefaults: Sendable, Equatable {
    public var projectID: String?
    public var organizationID: String?
    public var rolePrefix: String?
    public var resolveUserIDsFromZitadel: Bool

    public init(
        projectID: String? = nil, organizationID: String? = nil, rolePrefix: String? = nil,
        resolveUserIDsFromZitadel: Bool = true
    ) {
        self.projectID = projectID
        self.organizationID = organizationID
        self.rolePrefix = rolePrefix
        self.resolveUserIDsFromZitadel = resolveUserIDsFromZitadel
    }

    /// The stored value: texts as stored, the flag true unless a boolean is stored.
    public init(stored: JSONValue?) {
        let v = stored ?? .emptyObject
        func text(_ key: String) -> String? { Self.clean(v[key]?.stringValue) }
        self.init(
            projectID: text("project_id"), organizationID: text("organization_id"), rolePrefix: text("role_prefix"),
            resolveUserIDsFromZitadel: v["resolve_user_ids_from_zitadel"]?.boolValue ?? true)
    }

    /// The item as stored and answered.
    public var wire: JSONValue {
        [
            "project_id": projectID.map(JSONValue.string) ?? .null,
            "organization_id": organizationID.map(JSONValue.string) ?? .null,
            "role_prefix": rolePrefix.map(JSONValue.string) ?? .null,
            "resolve_user_ids_from_zitadel": .bool(resolveUserIDsFromZitadel),
        ]
    }

    /// Trimmed texts, blank ones nil, the ids checked as Zitadel ids and the prefix as a name.
    public func validated() throws -> ZitadelOnboardingDefaults {
        var clean = self
        clean.projectID = try ZitadelAccountConfig.zitadelID(projectID, field: "project_id")
        clean.organizationID = try ZitadelAccountConfig.zitadelID(organizationID, field: "organization_id")
        clean.rolePrefix = try Self.clean(rolePrefix).map { try Validation.name($0, field: "role_prefix") }
        return clean
    }

    static func clean(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return t
    }
}
