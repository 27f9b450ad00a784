import Foundation

/// What a provisioning run did, or (dry run) would do.
public struct ProvisioningReport: Sendable, Equatable, Codable {
    public var dryRun: Bool
    public var projectID: String?
    public var created: [String] = []
    public var found: [String] = []
    public var updated: [String] = []
    /// Things that could not be done, with why (an admin without a Zitadel user…); not fatal.
    public var unresolved: [String] = []
}

/// Idempotent Zitadel provisioning of an account (ZITADEL.md): the project, the canonical roles, and a grant of
/// `account_admin` for each account admin. Every step is an ensure (read, create if missing, on 409 read again);
/// ids are stored in the account's metadata after each step, so an interrupted run resumes; each write is audited.
public struct ZitadelProvisioner: Sendable {
    /// The canonical project roles.
    public static let canonicalRoles: [ZitadelRole] = [
        ZitadelRole(key: "account_admin", displayName: "Account admin", group: "iam"),
        ZitadelRole(key: "console_org_admin", displayName: "Console org admin", group: "console"),
        ZitadelRole(key: "console_team_admin", displayName: "Console team admin", group: "console"),
        ZitadelRole(key: "copilot_org_admin", displayName: "Copilot org admin", group: "copilot"),
        ZitadelRole(key: "copilot_team_admin", displayName: "Copilot team admin", group: "copilot"),
        ZitadelRole(key: "end_user", displayName: "End user", group: "iam"),
    ]
    /// The project searched for, or created, when none is configured.
    public static let projectName = "cockpit"

    let context: ServiceContext
    let client: ZitadelManagementClient
    /// How often a search is repeated after a 409, while Zitadel's search catches up with its writes.
    let searchAttempts: Int

    public init(context: ServiceContext, client: ZitadelManagementClient, searchAttempts: Int = 5) {
        self.context = context
        self.client = client
        self.searchAttempts = searchAttempts
    }

    /// Runs every step in order; `dryRun` performs only the reads and reports the plan.
    public func bootstrap(account: UUID, dryRun: Bool, actor: Actor) async throws -> ProvisioningReport {
        let accounts = AccountService(context)
        let current = try await accounts.get(account)
        let config = ZitadelAccountConfig(metadata: current.metadata["zitadel"])
        var state = current.metadata["zitadel"]?["provisioning"]?.objectValue ?? [:]
        var report = ProvisioningReport(dryRun: dryRun)
        func save(_ step: String) async throws {
            guard !dryRun else { return }
            let now = context.now()
            state["updated_at"] = .string(Timestamp.format(now))
            let snapshot = JSONValue.object(state)
            _ = try await accounts.mutate(account, actor: actor, action: "zitadel.provision.\(step)") { a in
                var members = a.metadata.objectValue ?? [:]
                var zitadel = members["zitadel"]?.objectValue ?? [:]
                zitadel["provisioning"] = snapshot
                members["zitadel"] = .object(zitadel)
                a.metadata = .object(members)
                a.updatedAt = now
            }
        }

        // 1. The project: configured, remembered, found by name, or created.
        var project = config.projectID.isEmpty ? state["project_id"]?.stringValue : config.projectID
        if let known = project {
            report.found.append("project \(known)")
        } else if let existing = try await client.searchProjects(name: Self.projectName).first {
            project = existing.id
            report.found.append("project \(existing.id)")
        } else if dryRun {
            report.created.append("project \(Self.projectName)")
        } else {
            do { project = try await client.createProject(name: Self.projectName) } catch let e as ZitadelAPIError where e.isAlreadyExists {
                project = try await retrySearch { try await client.searchProjects(name: Self.projectName).first?.id }
            }
            report.created.append("project \(project ?? Self.projectName)")
        }
        report.projectID = project
        if let project {
            state["project_id"] = .string(project)
            try await save("project")
        }

        // 2. The canonical roles.
        var existingRoles: [ZitadelRole] = []
        if let project { existingRoles = try await client.searchRoles(project: project) }
        for role in Self.canonicalRoles {
            if existingRoles.contains(where: { $0.key == role.key }) {
                report.found.append("role \(role.key)")
            } else if dryRun || project == nil {
                report.created.append("role \(role.key)")
            } else {
                do {
                    try await client.addRole(project: project!, role)
                    report.created.append("role \(role.key)")
                } catch let e as ZitadelAPIError where e.isAlreadyExists {
                    report.found.append("role \(role.key)")
                }
            }
        }
        state["roles"] = .array(Self.canonicalRoles.map { .string($0.key) })
        try await save("roles")

        // 3 and 4. Each account admin's Zitadel user, then their grant of account_admin.
        var grantIDs = state["grants"]?.objectValue ?? [:]
        for admin in try await AdminService(context).list(account: account) {
            guard let user = try await client.searchUsers(email: admin.email).first else {
                report.unresolved.append("admin \(admin.email): no Zitadel user with this email")
                continue
            }
            guard let project, !dryRun else {
                report.created.append("grant account_admin to \(admin.email)")
                continue
            }
            let outcome = try await ensureGrant(user: user.id, project: project, role: "account_admin")
            switch outcome {
            case .created(let id): report.created.append("grant account_admin to \(admin.email)"); grantIDs[admin.email] = .string(id)
            case .updated(let id): report.updated.append("grant account_admin to \(admin.email)"); grantIDs[admin.email] = .string(id)
            case .found(let id): report.found.append("grant account_admin to \(admin.email)"); grantIDs[admin.email] = .string(id)
            }
            state["grants"] = .object(grantIDs)
            try await save("grant")
        }
        if !dryRun {
            state["bootstrapped_at"] = .string(Timestamp.format(context.now()))
            try await save("done")
        }
        return report
    }

    enum GrantOutcome {
        case created(String), updated(String), found(String)
    }

    /// A grant that holds `role`: the existing one (its keys extended with the union), or a new one; after a 409,
    /// searched for again (Zitadel's search may lag its writes) and extended.
    func ensureGrant(user: String, project: String, role: String) async throws -> GrantOutcome {
        func extend(_ grant: ZitadelUserGrant) async throws -> GrantOutcome {
            if grant.roleKeys.contains(role) { return .found(grant.id) }
            try await client.updateUserGrant(user: user, grant: grant.id, roleKeys: grant.roleKeys + [role])
            return .updated(grant.id)
        }
        if let grant = try await client.searchUserGrants(user: user, project: project).first { return try await extend(grant) }
        do {
            return .created(try await client.addUserGrant(user: user, project: project, roleKeys: [role]))
        } catch let e as ZitadelAPIError where e.isAlreadyExists {
            let grant = try await retrySearch { try await client.searchUserGrants(user: user, project: project).first }
            return try await extend(grant)
        }
    }

    /// Repeats a search until it finds something, backing off, for at most `searchAttempts` tries.
    func retrySearch<T>(_ search: () async throws -> T?) async throws -> T {
        for attempt in 0..<searchAttempts {
            if let found = try await search() { return found }
            try await Task.sleep(nanoseconds: UInt64(100_000_000 * (attempt + 1)))
        }
        throw CockpitError.unavailable("Zitadel reported a conflict but the object did not show in its search")
    }
}
