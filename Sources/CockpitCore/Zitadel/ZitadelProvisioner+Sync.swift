import Foundation

extension ZitadelProvisioner {
    /// `sync-roles`: creates each standard role (prefixed) in the project. 404, then 400 for the project, then 400
    /// when no management client is configured.
    public func syncRoles(account: UUID, options: ProvisioningOptions) async throws -> RoleSyncResult {
        let actor = try context.changing(.superAdmin)
        let project = try Self.project(options.projectID, try await storedConfig(account).config)
        let client = try requireClient()
        let prefix = ZitadelRoleMap.prefix(options.rolePrefix)
        let result = try await syncRoles(client, project: project, prefix: prefix, options: options)
        try await audit(
            account, actor, "zitadel.provision.sync_roles", object: account.lowercased,
            [
                "operation": "sync_roles", "project_id": .string(project),
                "role_prefix": prefix.isEmpty ? .null : .string(prefix), "summary": result.summary.wire,
            ])
        return result
    }

    /// `sync-admin-grants`: grants each account admin their mapped role keys. Checks as `syncRoles`.
    public func syncAdminGrants(account: UUID, options: ProvisioningOptions) async throws -> AdminGrantResult {
        let actor = try context.changing(.superAdmin)
        let config = try await storedConfig(account).config
        let project = try Self.project(options.projectID, config)
        let organization = try Self.organization(options.organizationID, config)
        let client = try requireClient()
        let prefix = ZitadelRoleMap.prefix(options.rolePrefix)
        let mappings =
            config.roleMappings.isEmpty ? ZitadelRoleMap.defaultMappings(prefix: prefix) : config.roleMappings
        let result = try await adminGrants(
            account: account, client: client, project: project, organization: organization, mappings: mappings,
            options: options)
        try await audit(
            account, actor, "zitadel.provision.sync_admin_grants", object: account.lowercased,
            [
                "operation": "sync_admin_grants", "project_id": .string(project),
                "organization_id": organization.map(JSONValue.string) ?? .null,
                "role_prefix": prefix.isEmpty ? .null : .string(prefix), "summary": result.summary.wire,
                "unresolved_count": .number(Double(result.unresolved.count)),
            ])
        return result
    }

    /// The roles step: one search, then each missing role created; in a dry run each is `skipped`.
    func syncRoles(
        _ client: ZitadelManagementClient?, project: String?, prefix: String, options: ProvisioningOptions
    ) async throws -> RoleSyncResult {
        var result = RoleSyncResult(roles: ZitadelRoleMap.roles(prefix: prefix), prefix: prefix)
        if options.dryRun {
            // Cockpit's report tells what is already there; the wire says `skipped` for every role, as the original.
            var existing = Set<String>()
            if let client, let project { existing = Set(try await client.searchRoles(project: project).map(\.key)) }
            result.steps = result.roles.map { role in
                ProvisioningStep(
                    label: "role \(role.key)", status: "skipped", present: existing.contains(role.key),
                    wire: [
                        "key": .string(role.key), "status": "skipped", "reason": "dry_run",
                        "request": [
                            "key": .string(role.key), "display_name": .string(role.displayName),
                            "group": .string(role.group),
                        ],
                    ])
            }
            return result
        }
        guard let client, let project else { return result }
        let existing = Set(try await client.searchRoles(project: project).map(\.key))
        for role in result.roles {
            if existing.contains(role.key) {
                result.steps.append(Self.existing("role \(role.key)", ["key": .string(role.key)], options.skipExisting))
                continue
            }
            do {
                result.steps.append(
                    try await ensureRole(client, project: project, role, skipExisting: options.skipExisting))
            } catch  where !(error is CancellationError) {
                result.steps.append(Self.failed("role \(role.key)", ["key": .string(role.key)], "\(error)"))
            }
        }
        return result
    }

    /// One role: created, or (found first or after a 409) `exists` / `failed` by `skipExisting`.
    func ensureRole(
        _ client: ZitadelManagementClient, project: String, _ role: ZitadelRole, skipExisting: Bool
    ) async throws -> ProvisioningStep {
        let label = "role \(role.key)"
        if try await !client.searchRoles(project: project, key: role.key).isEmpty {
            return Self.existing(label, ["key": .string(role.key)], skipExisting)
        }
        do {
            try await client.addRole(project: project, role)
            return ProvisioningStep(
                label: label, status: "created", wire: ["key": .string(role.key), "status": "created", "response": [:]])
        } catch let e as ZitadelAPIError where e.isAlreadyExists {
            return Self.existing(label, ["key": .string(role.key)], skipExisting)
        }
    }

    /// An item Zitadel already had: `exists` when skipping existing ones, else `failed` as the original reports it.
    static func existing(_ label: String, _ item: [String: JSONValue], _ skipExisting: Bool) -> ProvisioningStep {
        var wire = item
        wire["status"] = .string(skipExisting ? "exists" : "failed")
        wire["message"] = "already exists"
        return ProvisioningStep(label: label, status: skipExisting ? "exists" : "failed", wire: .object(wire))
    }

    static func failed(_ label: String, _ item: [String: JSONValue], _ message: String) -> ProvisioningStep {
        var wire = item
        wire["status"] = "failed"
        wire["message"] = .string(message)
        return ProvisioningStep(label: label, status: "failed", wire: .object(wire))
    }
}
