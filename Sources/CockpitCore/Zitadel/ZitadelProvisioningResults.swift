import Foundation

/// The body fields of the original's provisioning routes (V1_CONTRACT.md, "Zitadel"), with its defaults.
public struct ProvisioningOptions: Sendable, Equatable {
    /// The project; else the account's stored `project_id`.
    public var projectID: String?
    /// The Zitadel organization grants are made in; else the account's stored `organization_id`.
    public var organizationID: String?
    /// Prefixes created role keys and the default mappings (never stored mappings).
    public var rolePrefix: String?
    /// Admin email (trimmed, lower-case) → Zitadel user id.
    public var userIDByEmail: [String: String] = [:]
    /// Look up admins missing from `userIDByEmail` by email in Zitadel.
    public var resolveUserIDsFromZitadel = false
    /// Role keys every admin is granted besides their mapped ones.
    public var defaultRoleKeys: [String] = []
    /// An "already exists" answer counts as `exists` instead of `failed`.
    public var skipExisting = true
    public var dryRun = false
    public var applyDefaultRoleMappings = true
    public var createProjectRoles = true
    public var grantExistingAccountAdmins = true
    /// Cockpit's addition: with no project named or stored, find the project `cockpit` in Zitadel or create it.
    public var createProject = false

    public init() {}

    /// The original's defaults with `dryRun` and `createProject` set; with `createProject` (the cockpit's own
    /// bootstrap) admins are also looked up by email.
    public init(dryRun: Bool, createProject: Bool) {
        self.dryRun = dryRun
        self.createProject = createProject
        resolveUserIDsFromZitadel = createProject
    }

    /// The admin map as the original reads it: keys trimmed and lower-cased, blank entries dropped.
    public static func userIDs(_ raw: [String: String]) -> [String: String] {
        var clean: [String: String] = [:]
        for (email, id) in raw {
            let key = email.trimmingCharacters(in: .whitespaces).lowercased()
            let value = id.trimmingCharacters(in: .whitespaces)
            if !key.isEmpty, !value.isEmpty { clean[key] = value }
        }
        return clean
    }
}

/// How one role or grant went: `created`, `exists`, `skipped` or `failed`, with the original's item for it.
public struct ProvisioningStep: Sendable, Equatable {
    public var label: String
    public var status: String
    /// True when an existing grant was extended with the missing role keys (reported as `created`).
    public var extended = false
    /// True when a dry run found the item already in Zitadel (still `skipped` on the wire, as the original reports
    /// every dry-run item; cockpit's report files it as found).
    public var present = false
    public var wire: JSONValue
}

/// The original's `{created, exists, skipped, failed}` counts.
public struct ProvisioningSummary: Sendable, Equatable, Codable {
    public var created = 0, exists = 0, skipped = 0, failed = 0

    public init(created: Int = 0, exists: Int = 0, skipped: Int = 0, failed: Int = 0) {
        (self.created, self.exists, self.skipped, self.failed) = (created, exists, skipped, failed)
    }

    /// The counts of the steps' statuses.
    public init(_ steps: [ProvisioningStep]) {
        for step in steps {
            switch step.status {
            case "created": created += 1
            case "exists": exists += 1
            case "skipped": skipped += 1
            default: failed += 1
            }
        }
    }

    public var wire: JSONValue {
        [
            "created": .number(Double(created)), "exists": .number(Double(exists)),
            "skipped": .number(Double(skipped)), "failed": .number(Double(failed)),
        ]
    }
}

/// `sync-roles` and the roles step of bootstrap: `{roles, results, summary}`.
public struct RoleSyncResult: Sendable, Equatable {
    public var roles: [ZitadelRole] = []
    public var prefix = ""
    public var steps: [ProvisioningStep] = []

    public var wire: JSONValue {
        ["roles": ZitadelRoleMap.listed(prefix: prefix), "results": .array(steps.map(\.wire)), "summary": summary.wire]
    }
    public var summary: ProvisioningSummary { ProvisioningSummary(steps) }
    /// Cockpit's short account of it.
    public var report: ProvisioningReport {
        var report = ProvisioningReport(dryRun: false)
        report.add(steps)
        return report
    }
}

/// `sync-admin-grants` and the grants step of bootstrap.
public struct AdminGrantResult: Sendable, Equatable {
    public var adminsTotal = 0
    public var steps: [ProvisioningStep] = []
    /// `{email, role, reason, role_keys?}` for admins without role keys or a Zitadel user.
    public var unresolved: [JSONValue] = []
    /// Emails whose Zitadel user id was found by searching.
    public var resolvedUserIDs: [String: String] = [:]

    public var summary: ProvisioningSummary { ProvisioningSummary(steps) }
    public var wire: JSONValue {
        [
            "admins_total": .number(Double(adminsTotal)), "grants": .array(steps.map(\.wire)),
            "grants_summary": summary.wire, "unresolved_admins": .array(unresolved),
            "resolved_user_ids": .object(resolvedUserIDs.mapValues(JSONValue.string)),
        ]
    }
    /// Cockpit's short account of it.
    public var report: ProvisioningReport {
        var report = ProvisioningReport(dryRun: false)
        report.add(steps)
        report.unresolved += unresolved.map(ProvisioningReport.describe)
        return report
    }
}

/// What a bootstrap did or (dry run) would do.
public struct BootstrapResult: Sendable, Equatable {
    public var accountID: UUID
    public var dryRun: Bool
    public var projectID: String?
    public var organizationID: String?
    public var configUpdated = false
    public var config: ZitadelAccountConfig
    public var roles = RoleSyncResult()
    public var grants = AdminGrantResult()

    /// The original's `summary`.
    public var summary: JSONValue {
        [
            "account_id": .string(accountID.lowercased), "dry_run": .bool(dryRun),
            "project_id": projectID.map(JSONValue.string) ?? .null,
            "organization_id": organizationID.map(JSONValue.string) ?? .null,
            "config_updated": .bool(configUpdated), "role_sync_summary": roles.summary.wire,
            "admin_grant_summary": grants.summary.wire, "unresolved_admins": .array(grants.unresolved),
        ]
    }
    /// The original's `result`.
    public var result: JSONValue {
        ["zitadel_config": config.metadata, "roles": roles.wire, "admin_grants": grants.wire]
    }
    /// Cockpit's short account of it.
    public var report: ProvisioningReport {
        var report = grants.report
        report.dryRun = dryRun
        report.projectID = projectID
        report.add(roles.steps)
        return report
    }
}

/// Cockpit's short account of a provisioning run (the cockpit's Zitadel view shows it; answers carry it as `item`).
public struct ProvisioningReport: Sendable, Equatable, Codable {
    public var dryRun: Bool
    public var projectID: String?
    public var created: [String] = []
    public var found: [String] = []
    public var updated: [String] = []
    /// Things that could not be done, with why (an admin without a Zitadel user…); not fatal.
    public var unresolved: [String] = []

    public init(dryRun: Bool, projectID: String? = nil) { (self.dryRun, self.projectID) = (dryRun, projectID) }

    /// Files each step: created (or, in a plan, to create), found, updated, or unresolved with its message.
    mutating func add(_ steps: [ProvisioningStep]) {
        for step in steps {
            switch step.status {
            case "created": if step.extended { updated.append(step.label) } else { created.append(step.label) }
            case "exists": found.append(step.label)
            case "skipped": if step.present { found.append(step.label) } else { created.append(step.label) }
            default: unresolved.append("\(step.label): \(step.wire["message"]?.stringValue ?? "failed")")
            }
        }
    }

    /// One unresolved admin in words.
    static func describe(_ item: JSONValue) -> String {
        let email = item["email"]?.stringValue ?? "?"
        return item["reason"] == "no_role_keys"
            ? "admin \(email): no role keys" : "admin \(email): no Zitadel user with this email"
    }
}
