import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// The cockpit's edits, account administration, models and Zitadel through both backends: the local one on the
/// store and the remote one against a live server, with a fake Zitadel behind both. The same calls give the same
/// results, and refusals come back as the core's errors with nothing changed.
@Suite struct CockpitBackendAdminTests {
    /// A store, a fake Zitadel (keys and management API), a live server on the store, and both backends.
    static func withBackends(
        _ body:
            @escaping @Sendable (Cockpit, FakeZitadelManagement, [(String, any CockpitBackend)]) async throws -> Void
    )
        async throws
    {
        try await ZitadelManagementTests.withManagement { management, _, http, issuer in
            try await TestStores.with(.sqlite) { db in
                let settings = Settings(
                    environment: [
                        "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                        "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret, "STORE_MODEL_IN_DB": "true",
                        "ZITADEL_ISSUER": issuer, "ZITADEL_PROJECT_ID": "0", "ZITADEL_ORG_ID": "vendor",
                        "ZITADEL_PAT": await management.pat,
                    ], dotenvPath: nil)
                let cockpit = Cockpit(settings: settings, database: db)
                let verifier = ZitadelVerifier(
                    settings: try #require(try ZitadelSettings(settings: settings)), http: http)
                let authenticator = Authenticator(
                    cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret),
                    zitadel: verifier)
                let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
                let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                try await app.test(.live) { client in
                    let remote = try await RemoteBackend(
                        api: "http://127.0.0.1:\(client.port!)", credential: ServerHarness.masterKey, http: http)
                    let local = LocalBackend(
                        cockpit: cockpit, principal: .superAdmin(method: .local), identity: "root", zitadel: verifier)
                    try await body(cockpit, management, [("local", local), ("remote", remote)])
                }
            }
        }
    }

    @Test func treeEditsGoThroughBothBackends() async throws {
        try await Self.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Edit \(name)")
                let id = a.account.id
                try await backend.rename(
                    account: id, domain: .console, node: .org(a.orgs[.console]!.id), name: "Renamed org")
                try await backend.rename(
                    account: id, domain: .copilot, node: .team(a.teams[.copilot]!.id), name: "Renamed team")
                #expect(
                    try await cockpit.directory.organization(account: id, domain: .console, id: a.orgs[.console]!.id)
                        .name == "Renamed org")
                #expect(
                    try await cockpit.directory.team(account: id, domain: .copilot, id: a.teams[.copilot]!.id).name
                        == "Renamed team")
                await #expect(throws: CockpitError.self, "\(name): an empty name is refused") {
                    try await backend.rename(account: id, domain: .console, node: .org(a.orgs[.console]!.id), name: " ")
                }
                #expect(
                    try await cockpit.directory.organization(account: id, domain: .console, id: a.orgs[.console]!.id)
                        .name == "Renamed org")

                let team = a.teams[.console]!.id, user = a.users[.console]!.id
                try await backend.editMember(
                    account: id, domain: .console, team: team, user: user, name: "Promoted Person", admin: true)
                let member = try #require(
                    try await cockpit.directory.members(account: id, domain: .console, teamID: team).items.first)
                #expect(member.user.displayName == "Promoted Person" && member.role == .admin, "\(name)")

                let grant = try await cockpit.access.addModelGrant(
                    account: id, domain: .console, modelName: "gpt-4o-mini", scope: .team(team),
                    effect: .deny)
                #expect(
                    try await backend.grants(account: id, domain: .console) == [grant],
                    "\(name): the grant with its scope")
                #expect(try await backend.grants(account: id, domain: .copilot).isEmpty)
            }
        }
    }

    @Test func accountsAreCreatedEditedAndDeletedForGoodOnlyByExactName() async throws {
        try await Self.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let created = try await backend.createAccount(
                    NewAccount(
                        name: "Gamma \(name)", domain: "gamma-\(name).test",
                        adminEmail: "admin@gamma-\(name).test", adminPassword: "long enough password"))
                #expect(try await cockpit.admins.list(account: created.id).map(\.email) == ["admin@gamma-\(name).test"])
                await #expect(throws: CockpitError.self, "\(name): a taken domain is refused") {
                    try await backend.createAccount(
                        NewAccount(
                            name: "Other \(name)", domain: "gamma-\(name).test", adminEmail: "x@gamma-\(name).test"))
                }
                let edited = try await backend.updateAccount(
                    created.id, AccountPatch(name: "Gamma Corp \(name)", maxBudget: .some(250)))
                #expect(edited.name == "Gamma Corp \(name)" && edited.maxBudget == 250)
                await #expect(throws: CockpitError.self, "\(name): a partial name deletes nothing") {
                    try await backend.hardDeleteAccount(created.id, confirmName: "Gamma")
                }
                #expect(try await cockpit.accounts.get(created.id).name == "Gamma Corp \(name)")
                try await backend.hardDeleteAccount(created.id, confirmName: "Gamma Corp \(name)")
                await #expect(throws: CockpitError.self) { try await cockpit.accounts.get(created.id) }
            }
        }
    }

    @Test func modelsAndKeysAreEditedAndProviderKeysNeverComeBack() async throws {
        try await Self.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Models \(name)")
                let saved = try await backend.saveModel(
                    account: a.account.id,
                    ModelInput(
                        modelName: "house-\(name)", providerModel: "openai/gpt-4o-mini",
                        apiBase: "https://1.1.1.1/v1", apiKey: "sk-provider-secret"))
                #expect(saved.hasCredentials && saved.accountID == a.account.id)
                #expect(!"\(try await backend.models(account: a.account.id))".contains("sk-provider-secret"))
                await #expect(throws: CockpitError.self, "\(name): a route without a provider is refused") {
                    try await backend.saveModel(
                        account: a.account.id,
                        ModelInput(id: saved.id, modelName: "house-\(name)", providerModel: "gpt"))
                }
                let edited = try await backend.saveModel(
                    account: a.account.id,
                    ModelInput(
                        id: saved.id, modelName: "house-\(name)",
                        providerModel: "anthropic/claude-3-5-haiku"))
                #expect(
                    edited.id == saved.id && edited.providerModel == "anthropic/claude-3-5-haiku"
                        && edited.hasCredentials, "an empty key keeps it")
                let (key, _) = try await backend.generateKey(account: a.account.id, KeyFields(keyAlias: "ci-\(name)"))
                let changed = try await backend.updateKey(
                    account: a.account.id, id: key.id,
                    KeyFields(
                        keyAlias: "deploy-\(name)", models: ["house-\(name)"], maxBudget: 20, budgetDuration: "30d",
                        rpmLimit: 60, tpmLimit: 10_000,
                        maxParallelRequests: 4, expiresIn: "90d"))
                #expect(
                    changed.keyAlias == "deploy-\(name)" && changed.models == ["house-\(name)"]
                        && changed.maxBudget == 20)
                #expect(
                    changed.budgetDuration == "30d" && changed.rpmLimit == 60 && changed.tpmLimit == 10_000
                        && changed.maxParallelRequests == 4,
                    "\(name): the limits are kept")
                let expiry = try #require(changed.expiresAt, "\(name): the expiry is set")
                #expect(abs(expiry.timeIntervalSinceNow - 90 * 86_400) < 600, "\(name): 90 days from now")
                await #expect(throws: CockpitError.self, "\(name): a negative budget is refused") {
                    try await backend.updateKey(
                        account: a.account.id, id: key.id, KeyFields(keyAlias: "x", maxBudget: -1))
                }
                #expect(
                    try await cockpit.keys.find(account: a.account.id, key.id.lowercased).keyAlias == "deploy-\(name)")
                try await backend.deleteModel(account: a.account.id, id: saved.id)
                #expect(try await cockpit.modelCatalog.list(account: a.account.id).items.isEmpty)
            }
        }
    }

    @Test func theZitadelViewShowsThePlanAndTheBootstrapCarriesItOut() async throws {
        try await Self.withBackends { cockpit, management, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Zitadel \(name)")
                _ = await management.addUser(email: "admin@zitadel\(name).test")
                let before = try await backend.zitadel(account: a.account.id)
                #expect(
                    before.configured && before.status["jwks"]?["reachable"] == .bool(true), "\(name): \(before.status)"
                )
                let plan = try #require(before.plan, "\(name): \(before.planError ?? "")")
                #expect(
                    plan.dryRun && plan.created.contains("grant account_admin to admin@zitadel\(name).test")
                        && plan.unresolved.isEmpty, "\(plan)")
                let done = try await backend.bootstrapZitadel(account: a.account.id)
                #expect(!done.dryRun && done.created.contains("grant account_admin to admin@zitadel\(name).test"))
                let after = try await backend.zitadel(account: a.account.id)
                #expect(
                    after.plan?.created.isEmpty == true && after.plan?.projectID == done.projectID,
                    "\(name): nothing left to do: \(String(describing: after.plan))")
            }
        }
    }
}
