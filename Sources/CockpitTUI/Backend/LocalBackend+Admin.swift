import CockpitCore
import Foundation

/// The local backend's edits, account administration, models and Zitadel: CockpitCore's services, which check each
/// call against the role policy exactly as they do for the HTTP routes.
extension LocalBackend {
    public func rename(account: UUID, domain: ProductDomain, node: NodeID, name: String) async throws {
        switch node {
        case .org(let id):
            _ = try await cockpit.directory.updateOrganization(
                account: account, domain: domain, id: id, .init(name: name))
        case .team(let id):
            _ = try await cockpit.directory.updateTeam(account: account, domain: domain, id: id, .init(name: name))
        case .member, .more:
            throw CockpitError.invalid(field: "name", reason: "only organizations and teams are renamed")
        }
    }

    public func editMember(
        account: UUID, domain: ProductDomain, team: UUID, user: UUID, name: String?, admin: Bool
    ) async throws {
        if let name {
            _ = try await cockpit.directory.updateUser(
                account: account, domain: domain, id: user, UserInput(displayName: name))
        }
        _ = try await cockpit.directory.addMember(
            account: account, domain: domain, teamID: team, userID: user, role: admin ? .admin : .member)
    }

    public func createAccount(_ input: NewAccount) async throws -> Account {
        return try await cockpit.accounts.create(input).account
    }

    public func updateAccount(_ id: UUID, _ patch: AccountPatch) async throws -> Account {
        return try await cockpit.accounts.update(id, patch)
    }

    public func hardDeleteAccount(_ id: UUID, confirmName: String) async throws {
        try await cockpit.accounts.hardDelete(id, confirmName: confirmName)
    }

    public func saveModel(account: UUID, _ input: ModelInput) async throws -> ModelDeployment {
        return try await cockpit.modelCatalog.upsert(input, account: account)
    }

    public func deleteModel(account: UUID, id: UUID) async throws {
        try await cockpit.modelCatalog.delete(id, account: account)
    }

    public func zitadel(account: UUID) async throws -> ZitadelOverview {
        let config = try await cockpit.zitadelConfig.config(account: account)
        guard let verifier = zitadelVerifier else {
            return ZitadelOverview(
                status: ["configured": false], config: config,
                planError: "provisioning needs ZITADEL_ISSUER and ZITADEL_PAT")
        }
        var overview = ZitadelOverview(status: await verifier.status(), config: config)
        do {
            overview.plan = try await ZitadelProvisioner.acting(for: cockpit, verifier: verifier).bootstrap(
                account: account, options: ProvisioningOptions(dryRun: true, createProject: true)
            ).report
        } catch {
            overview.planError = (error as? CockpitError)?.message ?? "\(error)"
        }
        return overview
    }

    public func bootstrapZitadel(account: UUID) async throws -> ProvisioningReport {
        try await ZitadelProvisioner.acting(for: cockpit, verifier: zitadelVerifier).bootstrap(
            account: account, options: ProvisioningOptions(dryRun: false, createProject: true)
        ).report
    }
}
