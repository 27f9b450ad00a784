import Foundation

/// What `GET …/zitadel/provision/plan` shows: the settings bootstrap would start from, the standard roles and each
/// admin's role keys. Made without calling Zitadel.
public struct ProvisioningPlan: Sendable, Equatable {
    public var accountID: UUID
    /// The stored settings, `enabled` true when never stored, mappings defaulted (prefixed) when none are stored.
    public var config: ZitadelAccountConfig
    public var rolePrefix: String
    /// The admins, oldest first, with the role keys each would be granted.
    public var admins: [(admin: AccountAdmin, roleKeys: [String])]

    public static func == (a: ProvisioningPlan, b: ProvisioningPlan) -> Bool {
        a.accountID == b.accountID && a.config == b.config && a.rolePrefix == b.rolePrefix
            && a.admins.map(\.admin) == b.admins.map(\.admin) && a.admins.map(\.roleKeys) == b.admins.map(\.roleKeys)
    }
}

extension ZitadelProvisioner {
    /// The plan for `rolePrefix`.
    public func plan(account: UUID, rolePrefix: String?) async throws -> ProvisioningPlan {
        try context.reading(.superAdmin)
        var (config, enabledStored) = try await storedConfig(account)
        let prefix = ZitadelRoleMap.prefix(rolePrefix)
        if !enabledStored { config.enabled = true }
        if config.roleMappings.isEmpty { config.roleMappings = ZitadelRoleMap.defaultMappings(prefix: prefix) }
        let mappings = config.roleMappings
        let admins = try await adminsOldestFirst(account).map {
            ($0, ZitadelRoleMap.roleKeys(for: $0.role, mappings: mappings, defaults: []))
        }
        return ProvisioningPlan(accountID: account, config: config, rolePrefix: prefix, admins: admins)
    }

    /// The original's bootstrap: settings completed (default mappings and claims, project, organization, enabled),
    /// the standard roles created, the admins granted, the settings stored when they changed. A dry run changes
    /// nothing and reports every write as `skipped`.
    public func bootstrap(account: UUID, options: ProvisioningOptions) async throws -> BootstrapResult {
        // A dry run changes nothing, so a read-only super-admin may see the plan.
        if options.dryRun { try context.reading(.superAdmin) }
        let actor = options.dryRun ? context.caller.actor() : try context.changing(.superAdmin)
        // Zitadel's writes happen before the store's: a read-only session is refused before the first of them.
        if !options.dryRun, context.database is ReadOnlyDatabase { throw ReadOnlyDatabase.refusal }
        var (stored, enabledStored) = try await storedConfig(account)
        var project = try ZitadelAccountConfig.zitadelID(options.projectID, field: "project_id")
        if project == nil, !stored.projectID.isEmpty { project = stored.projectID }
        if project == nil, options.createProject {
            project = try await findOrCreateProject(dryRun: options.dryRun)
            if let project, !options.dryRun {
                // Stored at once, so a run cut off later resumes with the same project.
                stored.projectID = project
                if !enabledStored { stored.enabled = true }
                stored = try await ZitadelConfigService(context).setConfig(account: account, stored)
                enabledStored = true
            }
        }
        guard project != nil || (options.createProject && options.dryRun) else {
            throw CockpitError.badRequest("project_id missing in request and account zitadel config")
        }
        let organization = try Self.organization(options.organizationID, stored)
        let prefix = ZitadelRoleMap.prefix(options.rolePrefix)
        var working = stored
        if options.applyDefaultRoleMappings {
            if working.roleMappings.isEmpty { working.roleMappings = ZitadelRoleMap.defaultMappings(prefix: prefix) }
            if working.accountIDClaim.isEmpty { working.accountIDClaim = "alchemi:account_id" }
            if working.productDomainsClaim.isEmpty { working.productDomainsClaim = "product_domains_allowed" }
        }
        if let project { working.projectID = project }
        if let organization { working.organizationID = organization }
        if !enabledStored { working.enabled = true }
        var result = BootstrapResult(
            accountID: account, dryRun: options.dryRun, projectID: project, organizationID: organization,
            config: working)
        if options.createProjectRoles {
            result.roles = try await syncRoles(requireClient(), project: project, prefix: prefix, options: options)
        }
        if options.grantExistingAccountAdmins {
            if !options.dryRun { _ = try requireClient() }
            result.grants = try await adminGrants(
                account: account, client: client, project: project, organization: organization,
                mappings: working.roleMappings, options: options)
        }
        guard !options.dryRun else { return result }
        if working != stored {
            result.config = try await ZitadelConfigService(context).setConfig(account: account, working)
            result.configUpdated = true
        }
        try await audit(
            account, actor, "zitadel.provision.bootstrap", object: account.lowercased,
            [
                "operation": "bootstrap", "summary": result.summary, "roles": result.roles.wire,
                "admin_grants": result.grants.wire,
            ])
        return result
    }

    /// Cockpit's project step: the project named `cockpit`, found or (outside a dry run) created.
    func findOrCreateProject(dryRun: Bool) async throws -> String? {
        let client = try requireClient()
        if let existing = try await client.searchProjects(name: Self.projectName).first { return existing.id }
        if dryRun { return nil }
        do { return try await client.createProject(name: Self.projectName) } catch let e as ZitadelAPIError
            where e.isAlreadyExists
        {
            return try await retrySearch { try await client.searchProjects(name: Self.projectName).first?.id }
        }
    }
}
