import Foundation

/// The standard project roles and the mapping of control-plane roles onto project role keys, as the original
/// defined them (V1_CONTRACT.md, "Zitadel"): a role prefix P makes each key P + name, and an admin's role keys come
/// from the mappings, falling back to `account_admin`'s, then to the role itself.
public enum ZitadelRoleMap {
    /// The standard roles without a prefix: key, display name, group.
    public static let standard: [ZitadelRole] = [
        ZitadelRole(key: "account_admin", displayName: "Account Admin", group: "account"),
        ZitadelRole(key: "console_org_admin", displayName: "Console Org Admin", group: "console"),
        ZitadelRole(key: "console_team_admin", displayName: "Console Team Admin", group: "console"),
        ZitadelRole(key: "copilot_org_admin", displayName: "Copilot Org Admin", group: "copilot"),
        ZitadelRole(key: "copilot_team_admin", displayName: "Copilot Team Admin", group: "copilot"),
        ZitadelRole(key: "end_user", displayName: "End User", group: "common"),
    ]

    /// A trimmed prefix; blank is none.
    public static func prefix(_ raw: String?) -> String { raw?.trimmingCharacters(in: .whitespaces) ?? "" }

    /// The standard roles with their keys prefixed.
    public static func roles(prefix: String) -> [ZitadelRole] {
        standard.map { ZitadelRole(key: prefix + $0.key, displayName: $0.displayName, group: $0.group) }
    }

    /// The standard roles as the original lists them: `{key, display_name, group, base_key}`.
    public static func listed(prefix: String) -> JSONValue {
        .array(
            standard.map {
                [
                    "key": .string(prefix + $0.key), "display_name": .string($0.displayName),
                    "group": .string($0.group), "base_key": .string($0.key),
                ]
            })
    }

    /// Each standard role name mapped to its prefixed key.
    public static func defaultMappings(prefix: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: standard.map { ($0.key, prefix + $0.key) })
    }

    /// The project role keys an admin of `role` is granted: the role's mapping, else `account_admin`'s, else the
    /// role itself; then `defaults`; duplicates removed, order kept.
    public static func roleKeys(for role: String, mappings: [String: String], defaults: [String]) -> [String] {
        let base = mappings[role].map { [$0] } ?? mappings["account_admin"].map { [$0] } ?? [role]
        var seen = Set<String>()
        return (base + defaults).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
