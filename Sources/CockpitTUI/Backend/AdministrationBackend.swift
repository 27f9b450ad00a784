import CockpitCore
import Foundation

/// The super-admin's administration of an account and of the installation: admins, the console model policy and the
/// feature pack, the global model catalogue, the account's Zitadel settings and single provisioning steps.
public protocol AdministrationBackend: Sendable {
    /// The account's admins.
    func admins(account: UUID) async throws -> [AccountAdmin]
    /// Adds an admin; with a password they may sign in locally, without one only through SSO.
    func addAdmin(account: UUID, email: String, password: String?) async throws -> AccountAdmin
    /// Sets an admin's password, or removes it (nil: SSO only); their sessions end.
    func setAdminPassword(account: UUID, email: String, password: String?) async throws -> AccountAdmin
    /// Removes an admin (not the last one).
    func removeAdmin(account: UUID, email: String) async throws
    /// The account's console model policy (allow and deny lists over the whole console tree).
    func consoleModelPolicy(account: UUID) async throws -> ConsoleModelPolicy
    /// Replaces the console model policy.
    func setConsoleModelPolicy(account: UUID, _ policy: ConsoleModelPolicy) async throws -> ConsoleModelPolicy
    /// The account's feature pack (a JSON object).
    func featurePack(account: UUID) async throws -> FeaturePack
    /// Replaces the feature pack.
    func setFeaturePack(account: UUID, _ pack: FeaturePack) async throws -> FeaturePack
    /// The global model catalogue.
    func catalog() async throws -> [ModelDeployment]
    /// Adds a global model, or replaces the one with `input.id` (`visibleToAll`: every account may use it); its provider
    /// key is sealed and never shown.
    func saveCatalogModel(_ input: ModelInput) async throws -> ModelDeployment
    /// Deletes a global model.
    func deleteCatalogModel(id: UUID) async throws
    /// Replaces the account's Zitadel settings.
    func setZitadelConfig(account: UUID, _ config: ZitadelAccountConfig) async throws -> ZitadelAccountConfig
    /// Ensures one Zitadel user (by id or email) holds `roleKeys` in the account's project.
    func grantZitadelRoles(account: UUID, user: String, roleKeys: [String]) async throws -> ProvisioningReport
    /// Ensures one project role in the account's Zitadel project.
    func ensureZitadelRole(account: UUID, _ role: ZitadelRole) async throws -> ProvisioningReport
}
