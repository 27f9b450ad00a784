import CockpitCore
import Foundation

/// The super-admin's administration through CockpitCore's services (which check each call).
extension LocalBackend {
    public func admins(account: UUID) async throws -> [AccountAdmin] { try await cockpit.admins.list(account: account) }

    public func addAdmin(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        try await cockpit.admins.add(account: account, email: email, password: password)
    }

    public func setAdminPassword(account: UUID, email: String, password: String?) async throws -> AccountAdmin {
        try await cockpit.admins.update(
            account: account, email: email, password: password, clearPassword: password == nil)
    }

    public func removeAdmin(account: UUID, email: String) async throws {
        try await cockpit.admins.remove(account: account, email: email)
    }

    public func consoleModelPolicy(account: UUID) async throws -> ConsoleModelPolicy {
        try await cockpit.accounts.consoleModelPolicy(account)
    }

    public func setConsoleModelPolicy(account: UUID, _ policy: ConsoleModelPolicy) async throws -> ConsoleModelPolicy {
        try await cockpit.accounts.setConsoleModelPolicy(account, policy)
    }

    public func featurePack(account: UUID) async throws -> FeaturePack {
        try await cockpit.accounts.featurePack(account)
    }

    public func setFeaturePack(account: UUID, _ pack: FeaturePack) async throws -> FeaturePack {
        try await cockpit.accounts.setFeaturePack(account, pack)
    }

    public func catalog() async throws -> [ModelDeployment] {
        try await cockpit.modelCatalog.list(page: PageRequest(limit: PageRequest.maxLimit)).items
    }

    public func saveCatalogModel(_ input: ModelInput) async throws -> ModelDeployment {
        try await cockpit.modelCatalog.upsert(input)
    }

    public func deleteCatalogModel(id: UUID) async throws { try await cockpit.modelCatalog.delete(id) }

    public func setZitadelConfig(account: UUID, _ config: ZitadelAccountConfig) async throws -> ZitadelAccountConfig {
        try await cockpit.zitadelConfig.setConfig(account: account, config)
    }

    public func grantZitadelRoles(account: UUID, user: String, roleKeys: [String]) async throws -> ProvisioningReport {
        let byEmail = user.contains("@")
        return try await ZitadelProvisioner.acting(for: cockpit, verifier: zitadelVerifier)
            .userGrant(
                account: account, userID: byEmail ? nil : user, email: byEmail ? user : nil, roleKeys: roleKeys,
                options: ProvisioningOptions()
            ).report
    }

    public func ensureZitadelRole(account: UUID, _ role: ZitadelRole) async throws -> ProvisioningReport {
        try await ZitadelProvisioner.acting(for: cockpit, verifier: zitadelVerifier).projectRole(
            account: account, role, projectID: nil
        ).report
    }
}
