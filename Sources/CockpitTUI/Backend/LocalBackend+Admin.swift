import CockpitCore
import Foundation

/// The local backend's edits, account administration, models and Zitadel: each checked against the role policy
/// as the matching HTTP route is, then done by CockpitCore's services.
extension LocalBackend {
    public func rename(account: UUID, domain: ProductDomain, node: NodeID, name: String) async throws {
        try allow(account, .writeTree(domain))
        switch node {
        case .org(let id): _ = try await cockpit.directory.updateOrganization(account: account, domain: domain, id: id, .init(name: name), actor: actor)
        case .team(let id): _ = try await cockpit.directory.updateTeam(account: account, domain: domain, id: id, .init(name: name), actor: actor)
        case .member, .more: throw CockpitError.invalid(field: "name", reason: "only organizations and teams are renamed")
        }
    }

    public func editMember(account: UUID, domain: ProductDomain, team: UUID, user: UUID, name: String?, admin: Bool) async throws {
        try allow(account, .manageMembers(domain))
        if let name {
            try allow(account, .writeTree(domain))
            _ = try await cockpit.directory.updateUser(account: account, domain: domain, id: user, UserInput(displayName: name), actor: actor)
        }
        _ = try await cockpit.directory.addMember(account: account, domain: domain, teamID: team, userID: user, role: admin ? .admin : .member,
                                                  actor: actor)
    }

    public func createAccount(_ input: NewAccount) async throws -> Account {
        try Policy.check(principal, .superAdmin)
        return try await cockpit.accounts.create(input, actor: actor).account
    }

    public func updateAccount(_ id: UUID, _ patch: AccountPatch) async throws -> Account {
        try Policy.check(principal, .superAdmin)
        return try await cockpit.accounts.update(id, patch, actor: actor)
    }

    public func hardDeleteAccount(_ id: UUID, confirmName: String) async throws {
        try Policy.check(principal, .superAdmin)
        try await cockpit.accounts.hardDelete(id, confirmName: confirmName, actor: actor)
    }

    public func saveModel(account: UUID, _ input: ModelInput) async throws -> ModelDeployment {
        try allow(account, .manageKeys)
        try cockpit.settings.requireStoreModelInDB()
        return try await cockpit.modelCatalog.upsert(input, account: account, actor: actor)
    }

    public func deleteModel(account: UUID, id: UUID) async throws {
        try allow(account, .manageKeys)
        try await cockpit.modelCatalog.delete(id, account: account, actor: actor)
    }

    public func zitadel(account: UUID) async throws -> ZitadelOverview {
        try Policy.check(principal, .superAdmin)
        let config = try await cockpit.zitadelConfig.config(account: account)
        guard let verifier = zitadelVerifier else {
            return ZitadelOverview(status: ["configured": false], config: config, planError: "provisioning needs ZITADEL_ISSUER and ZITADEL_PAT")
        }
        var overview = ZitadelOverview(status: await verifier.status(), config: config)
        do { overview.plan = try await provisioner(verifier).bootstrap(account: account, dryRun: true, actor: actor) } catch {
            overview.planError = (error as? CockpitError)?.message ?? "\(error)"
        }
        return overview
    }

    public func bootstrapZitadel(account: UUID) async throws -> ProvisioningReport {
        try Policy.check(principal, .superAdmin)
        guard let verifier = zitadelVerifier else { throw CockpitError.invalid(field: "ZITADEL_ISSUER", reason: "is not set: Zitadel is off") }
        return try await provisioner(verifier).bootstrap(account: account, dryRun: false, actor: actor)
    }

    private func provisioner(_ verifier: ZitadelVerifier) throws -> ZitadelProvisioner {
        guard let provisioner = verifier.provisioner(context: cockpit.context) else {
            throw CockpitError.invalid(field: "ZITADEL_PAT", reason: "is not configured: provisioning needs a personal access token")
        }
        return provisioner
    }
}
