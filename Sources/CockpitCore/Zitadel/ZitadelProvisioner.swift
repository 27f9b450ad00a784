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

    /// The provisioner acting for `cockpit`'s caller (super-admin only, checked before the configuration, so the answer
    /// to anyone else is the same 403 whether Zitadel is set up or not): `verifier` is nil when ZITADEL_ISSUER is unset.
    public static func acting(for cockpit: Cockpit, verifier: ZitadelVerifier?) throws -> ZitadelProvisioner {
        try cockpit.context.reading(.superAdmin)
        guard let verifier else {
            throw CockpitError.invalid(field: "ZITADEL_ISSUER", reason: "is not set: Zitadel is off")
        }
        guard let provisioner = verifier.provisioner(for: cockpit) else {
            throw CockpitError.invalid(
                field: "ZITADEL_PAT",
                reason: "is not configured: provisioning needs ZITADEL_ISSUER and a personal access token")
        }
        return provisioner
    }

    package init(context: ServiceContext, client: ZitadelManagementClient, searchAttempts: Int = 5) {
        self.context = context
        self.client = client
        self.searchAttempts = searchAttempts
    }

    /// Runs every step in order; `dryRun` performs only the reads and reports the plan.
    public func bootstrap(account: UUID, dryRun: Bool) async throws -> ProvisioningReport {
        // A dry run changes nothing, so a read-only super-admin may see the plan.
        if dryRun { try context.reading(.superAdmin) }
        let actor = dryRun ? context.caller.actor() : try context.changing(.superAdmin)
        var run = try await Run(provisioner: self, account: account, dryRun: dryRun, actor: actor)
        try await ensureProject(&run)
        try await ensureRoles(Self.canonicalRoles, &run)
        try await ensureAdminGrants(&run)
        if !dryRun {
            run.state["bootstrapped_at"] = .string(Timestamp.format(context.now()))
            try await run.save("done")
        }
        return run.report
    }

    /// Ensures one project role (in the project bootstrap set up).
    public func ensureRole(account: UUID, _ role: ZitadelRole) async throws -> ProvisioningReport {
        let actor = try context.changing(.superAdmin)
        var run = try await Run(provisioner: self, account: account, dryRun: false, actor: actor)
        try run.requireProject()
        try await ensureRoles([role], &run)
        return run.report
    }

    /// Ensures every canonical role.
    public func syncRoles(account: UUID) async throws -> ProvisioningReport {
        let actor = try context.changing(.superAdmin)
        var run = try await Run(provisioner: self, account: account, dryRun: false, actor: actor)
        try run.requireProject()
        try await ensureRoles(Self.canonicalRoles, &run)
        return run.report
    }

    /// Ensures `account_admin` for every account admin that has a Zitadel user.
    public func syncAdminGrants(account: UUID) async throws -> ProvisioningReport {
        let actor = try context.changing(.superAdmin)
        var run = try await Run(provisioner: self, account: account, dryRun: false, actor: actor)
        try run.requireProject()
        try await ensureAdminGrants(&run)
        return run.report
    }

    /// Ensures a user (by Zitadel id, or found by email) holds `roleKeys` in the project, keeping the keys it has.
    public func ensureUserGrant(
        account: UUID, userID: String?, email: String?, roleKeys: [String]
    ) async throws -> ProvisioningReport {
        let actor = try context.changing(.superAdmin)
        guard !roleKeys.isEmpty else {
            throw CockpitError.invalid(field: "role_keys", reason: "must name at least one role")
        }
        var run = try await Run(provisioner: self, account: account, dryRun: false, actor: actor)
        let project = try run.requireProject()
        let user: String
        if let userID, !userID.isEmpty {
            user = userID
        } else if let email, !email.isEmpty {
            guard let found = try await client.searchUsers(email: try Validation.email(email)).first else {
                run.report.unresolved.append("user \(email): no Zitadel user with this email")
                return run.report
            }
            user = found.id
        } else {
            throw CockpitError.invalid(field: "user_id", reason: "or email is required")
        }
        let label = "grant \(roleKeys.joined(separator: ",")) to \(email ?? user)"
        switch try await ensureGrant(user: user, project: project, roles: roleKeys) {
        case .created: run.report.created.append(label)
        case .updated: run.report.updated.append(label)
        case .found: run.report.found.append(label)
        }
        let report = run.report, now = context.now()
        try await context.write(.account(account)) { tx in
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "zitadel.provision.user_grant",
                objectType: "zitadel_user_grant", objectID: user, after: .snapshot(report), at: now)
        }
        return report
    }

    /// One provisioning run: the account's stored state, the report, and saving after each step.
    struct Run {
        let provisioner: ZitadelProvisioner
        let account: UUID
        let dryRun: Bool
        let actor: Actor
        let config: ZitadelAccountConfig
        var state: [String: JSONValue]
        var report: ProvisioningReport

        init(provisioner: ZitadelProvisioner, account: UUID, dryRun: Bool, actor: Actor) async throws {
            // Zitadel's writes happen before the store's: a read-only session is refused before the first of them.
            if !dryRun, provisioner.context.database is ReadOnlyDatabase { throw ReadOnlyDatabase.refusal }
            let current = try await AccountService(provisioner.context).get(account)
            self.provisioner = provisioner
            self.account = account
            self.dryRun = dryRun
            self.actor = actor
            config = ZitadelAccountConfig(metadata: current.metadata["zitadel"])
            state = current.metadata["zitadel"]?["provisioning"]?.objectValue ?? [:]
            report = ProvisioningReport(dryRun: dryRun)
            report.projectID = config.projectID.isEmpty ? state["project_id"]?.stringValue : config.projectID
        }

        /// The project set up by bootstrap (or configured); `.conflict` before there is one.
        @discardableResult
        func requireProject() throws -> String {
            guard let project = report.projectID else {
                throw CockpitError.conflict("no Zitadel project yet: run bootstrap first")
            }
            return project
        }

        /// Stores the state in the account's metadata (one audited write); nothing in a dry run.
        mutating func save(_ step: String) async throws {
            guard !dryRun else { return }
            let now = provisioner.context.now()
            state["updated_at"] = .string(Timestamp.format(now))
            let snapshot = JSONValue.object(state)
            _ = try await AccountService(provisioner.context).mutate(
                account, actor: actor, action: "zitadel.provision.\(step)"
            ) { a in
                var members = a.metadata.objectValue ?? [:]
                var zitadel = members["zitadel"]?.objectValue ?? [:]
                zitadel["provisioning"] = snapshot
                members["zitadel"] = .object(zitadel)
                a.metadata = .object(members)
                a.updatedAt = now
            }
        }
    }

    /// Step 1: the project — configured, remembered, found by name, or created.
    func ensureProject(_ run: inout Run) async throws {
        if let known = run.report.projectID {
            run.report.found.append("project \(known)")
        } else if let existing = try await client.searchProjects(name: Self.projectName).first {
            run.report.projectID = existing.id
            run.report.found.append("project \(existing.id)")
        } else if run.dryRun {
            run.report.created.append("project \(Self.projectName)")
        } else {
            var id: String
            do { id = try await client.createProject(name: Self.projectName) } catch let e as ZitadelAPIError
                where e.isAlreadyExists
            {
                id = try await retrySearch { try await client.searchProjects(name: Self.projectName).first?.id }
            }
            run.report.projectID = id
            run.report.created.append("project \(id)")
        }
        if let project = run.report.projectID {
            run.state["project_id"] = .string(project)
            try await run.save("project")
        }
    }

    /// Step 2: roles — search, add only the missing ones; a 409 means another run added it.
    func ensureRoles(_ roles: [ZitadelRole], _ run: inout Run) async throws {
        let project = run.report.projectID
        var existing: [ZitadelRole] = []
        if let project { existing = try await client.searchRoles(project: project) }
        for role in roles {
            if existing.contains(where: { $0.key == role.key }) {
                run.report.found.append("role \(role.key)")
            } else if run.dryRun || project == nil {
                run.report.created.append("role \(role.key)")
            } else {
                do {
                    try await client.addRole(project: project!, role)
                    run.report.created.append("role \(role.key)")
                } catch let e as ZitadelAPIError where e.isAlreadyExists {
                    run.report.found.append("role \(role.key)")
                }
            }
        }
        var keys = Set(run.state["roles"]?.stringArray ?? [])
        keys.formUnion(roles.map(\.key))
        run.state["roles"] = .array(keys.sorted().map(JSONValue.string))
        try await run.save("roles")
    }

    /// Steps 3 and 4: each account admin's Zitadel user (unresolved ones reported), then their `account_admin` grant.
    func ensureAdminGrants(_ run: inout Run) async throws {
        var grantIDs = run.state["grants"]?.objectValue ?? [:]
        for admin in try await AdminService(context).list(account: run.account) {
            guard let user = try await client.searchUsers(email: admin.email).first else {
                run.report.unresolved.append("admin \(admin.email): no Zitadel user with this email")
                continue
            }
            let label = "grant account_admin to \(admin.email)"
            guard let project = run.report.projectID, !run.dryRun else {
                // A dry run reads what is there: a grant that already holds the role is found, one without it is updated.
                var existing: ZitadelUserGrant?
                if let project = run.report.projectID {
                    existing = try await client.searchUserGrants(user: user.id, project: project).first
                }
                if let existing {
                    if existing.roleKeys.contains("account_admin") {
                        run.report.found.append(label)
                    } else {
                        run.report.updated.append(label)
                    }
                } else {
                    run.report.created.append(label)
                }
                continue
            }
            switch try await ensureGrant(user: user.id, project: project, roles: ["account_admin"]) {
            case .created(let id): run.report.created.append(label); grantIDs[admin.email] = .string(id)
            case .updated(let id): run.report.updated.append(label); grantIDs[admin.email] = .string(id)
            case .found(let id): run.report.found.append(label); grantIDs[admin.email] = .string(id)
            }
            run.state["grants"] = .object(grantIDs)
            try await run.save("grant")
        }
    }

    enum GrantOutcome {
        case created(String), updated(String), found(String)
    }

    /// A grant that holds `roles`: the existing one (its keys extended to the union), or a new one; after a 409,
    /// searched for again (Zitadel's search may lag its writes) and extended.
    func ensureGrant(user: String, project: String, roles: [String]) async throws -> GrantOutcome {
        func extend(_ grant: ZitadelUserGrant) async throws -> GrantOutcome {
            let missing = roles.filter { !grant.roleKeys.contains($0) }
            if missing.isEmpty { return .found(grant.id) }
            try await client.updateUserGrant(user: user, grant: grant.id, roleKeys: grant.roleKeys + missing)
            return .updated(grant.id)
        }
        if let grant = try await client.searchUserGrants(user: user, project: project).first {
            return try await extend(grant)
        }
        do {
            return .created(try await client.addUserGrant(user: user, project: project, roleKeys: roles))
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
