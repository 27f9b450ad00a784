import Foundation

/// Zitadel provisioning of an account, as the original's routes do it (V1_CONTRACT.md, "Zitadel"): project roles,
/// user grants, the account admins' grants and the bootstrap that runs them, each item reported as created, exists,
/// skipped or failed without failing the call. On top of the original: existing roles and grants are searched for
/// first (a grant missing role keys is extended), 409 races are resolved by searching again, and bootstrap may find
/// or create the project. Every change is audited.
public struct ZitadelProvisioner: Sendable {
    /// The project searched for, or created, by a bootstrap with `create_project` and no project.
    public static let projectName = "cockpit"

    let context: ServiceContext
    /// Nil when the management client is not configured (no ZITADEL_PAT / ZITADEL_MGMT_API_TOKEN).
    let client: ZitadelManagementClient?
    /// How often a search is repeated after a 409, while Zitadel's search catches up with its writes.
    let searchAttempts: Int

    /// The provisioner acting for `cockpit`'s caller (super-admin only, checked first, so the answer to anyone else
    /// is the same 403 whether Zitadel is set up or not); without a management client every call that needs one
    /// answers as the original did.
    public static func acting(for cockpit: Cockpit, verifier: ZitadelVerifier?) throws -> ZitadelProvisioner {
        try cockpit.context.reading(.superAdmin)
        return ZitadelProvisioner(context: cockpit.context, client: verifier?.managementClient())
    }

    package init(context: ServiceContext, client: ZitadelManagementClient?, searchAttempts: Int = 5) {
        self.context = context
        self.client = client
        self.searchAttempts = searchAttempts
    }

    static let notConfigured = "Zitadel management client is not configured"

    /// The client, or a 400 naming what is missing.
    func requireClient() throws -> ZitadelManagementClient {
        guard let client else { throw CockpitError.badRequest(Self.notConfigured) }
        return client
    }

    /// The account's stored settings (404 `Account not found` first) and whether `enabled` was ever stored.
    func storedConfig(_ account: UUID) async throws -> (config: ZitadelAccountConfig, enabledStored: Bool) {
        let zitadel = try await AccountService(context).get(account).metadata["zitadel"]
        return (ZitadelAccountConfig(metadata: zitadel), zitadel?["enabled"]?.boolValue != nil)
    }

    /// The request's project, else the stored one; 400 as the original words it.
    static func project(_ requested: String?, _ config: ZitadelAccountConfig) throws -> String {
        if let id = try ZitadelAccountConfig.zitadelID(requested, field: "project_id") { return id }
        guard !config.projectID.isEmpty else {
            throw CockpitError.badRequest("project_id missing in request and account zitadel config")
        }
        return config.projectID
    }

    /// The request's organization, else the stored one, else none.
    static func organization(_ requested: String?, _ config: ZitadelAccountConfig) throws -> String? {
        try ZitadelAccountConfig.zitadelID(requested, field: "organization_id")
            ?? (config.organizationID.isEmpty ? nil : config.organizationID)
    }

    /// Grants `roleKeys` to a Zitadel user (by id, or found by email) in the project; `result` is what Zitadel
    /// said (`userGrantId`) and how (`created`, `extended` or `exists`). Zitadel's errors → 502.
    public func userGrant(
        account: UUID, userID: String?, email: String?, roleKeys: [String], options: ProvisioningOptions
    ) async throws -> (result: JSONValue, report: ProvisioningReport) {
        let actor = try context.changing(.superAdmin)
        let config = try await storedConfig(account).config
        let project = try Self.project(options.projectID, config)
        let organization = try Self.organization(options.organizationID, config)
        let keys = try roleKeys.map { try Validation.name($0, field: "role_keys") }
        guard !keys.isEmpty else { throw CockpitError.badRequest("role_keys cannot be empty") }
        let failure = "Failed to provision Zitadel user grant"
        guard let client = client?.on(organization: organization) else {
            throw CockpitError.upstream("\(failure): \(Self.notConfigured)")
        }
        let user: String
        let outcome: GrantOutcome
        do {
            if let userID = userID?.trimmingCharacters(in: .whitespaces), !userID.isEmpty {
                user = userID
            } else if let email, !email.isEmpty {
                let address = try Validation.email(email)
                guard let found = try await client.searchUsers(email: address).first else {
                    throw CockpitError.notFound("Zitadel user with email \(address)")
                }
                user = found.id
            } else {
                throw CockpitError.badRequest("user_id is required")
            }
            outcome = try await ensureGrant(client, user: user, project: project, roles: keys)
        } catch let e where e is ZitadelAPIError || e is HTTPClientError {
            // Zitadel refused or could not be reached: the original's 502 and words.
            throw CockpitError.upstream("\(failure): \(e)")
        }
        let result: JSONValue = ["userGrantId": .string(outcome.id), "outcome": .string(outcome.word)]
        var report = ProvisioningReport(dryRun: false)
        report.projectID = project
        let label = "grant \(keys.joined(separator: ",")) to \(email ?? user)"
        report.add([ProvisioningStep(label: label, status: outcome.status, extended: outcome.extended, wire: result)])
        try await audit(
            account, actor, "zitadel.provision.user_grant", object: user,
            [
                "operation": "user_grant", "user_id": .string(user), "project_id": .string(project),
                "organization_id": organization.map(JSONValue.string) ?? .null,
                "role_keys": .array(keys.map(JSONValue.string)), "result": result,
            ])
        return (result, report)
    }

    /// Creates one project role (an existing one is reported as `exists`). Zitadel's errors → 502.
    public func projectRole(
        account: UUID, _ role: ZitadelRole, projectID: String?
    ) async throws -> (result: JSONValue, report: ProvisioningReport) {
        let actor = try context.changing(.superAdmin)
        let project = try Self.project(projectID, try await storedConfig(account).config)
        let failure = "Failed to provision Zitadel project role"
        guard let client else { throw CockpitError.upstream("\(failure): \(Self.notConfigured)") }
        var sync = RoleSyncResult(roles: [role])
        do { sync.steps = [try await ensureRole(client, project: project, role, skipExisting: true)] } catch let e
            where e is ZitadelAPIError || e is HTTPClientError
        {
            throw CockpitError.upstream("\(failure): \(e)")
        }
        let result = sync.steps[0].wire
        var report = ProvisioningReport(dryRun: false)
        report.projectID = project
        report.add(sync.steps)
        try await audit(
            account, actor, "zitadel.provision.project_role", object: account.lowercased,
            [
                "operation": "project_role", "project_id": .string(project), "key": .string(role.key),
                "display_name": .string(role.displayName), "group": .string(role.group), "result": result,
            ])
        return (result, report)
    }

    /// Records one provisioning change (`Alchemi_ZitadelProvision` in the original's audit terms).
    func audit(_ account: UUID, _ actor: Actor, _ action: String, object: String, _ after: JSONValue) async throws {
        let now = context.now()
        try await context.write(.account(account)) { tx in
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: action, objectType: "zitadel_provision",
                objectID: object, after: after, at: now)
        }
    }
}
