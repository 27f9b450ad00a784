import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// `--read-only` is a property of the principal (issue 12, item 7): the core it is given refuses every write,
/// whichever path asks (the backend's methods, a service called directly, a raw store write); reads go on.
/// Failed before: only the key handler refused, so any other path could write.
@Suite struct ReadOnlyBackendTests {
    @Test(arguments: StoreKind.available)
    func aReadOnlyPrincipalChangesNothingByAnyPath(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit(
                settings: Settings(
                    environment: ["STORE_MODEL_IN_DB": "true", "LITELLM_SALT_KEY": "salt-for-tests-0123456789"],
                    dotenvPath: nil), database: db)
            let f = try await TenantFixture.make(cockpit, name: "Frozen")
            let account = f.account.id
            let backend = LocalBackend(
                cockpit: cockpit, principal: Principal.superAdmin(method: .local, name: "root").readingOnly(),
                identity: "root")
            let before = try await backend.organizations(account: account, domain: .console)
            let copilotBefore = try await cockpit.directory.organizations(account: account, domain: .copilot).items
                .count
            let attempts: [(String, @Sendable () async throws -> Void)] = [
                (
                    "create organization",
                    { _ = try await backend.createOrganization(account: account, domain: .console, name: "New") }
                ),
                ("suspend", { try await backend.setAccountStatus(account: account, status: .suspended) }),
                (
                    "add member",
                    {
                        try await backend.addMember(
                            account: account, domain: .console, team: f.teams[.console]!.id, email: "x@frozen.test",
                            name: nil, admin: false)
                    }
                ),
                ("generate key", { _ = try await backend.generateKey(account: account, KeyFields(keyAlias: "k")) }),
                (
                    "save model",
                    {
                        _ = try await backend.saveModel(
                            account: account, ModelInput(modelName: "m", providerModel: "mock/m"))
                    }
                ),
                ("hard delete", { try await backend.hardDeleteAccount(account, confirmName: f.account.name) }),
                (
                    "service called directly",
                    {
                        _ = try await backend.cockpit.directory.createOrganization(
                            account: account, domain: .copilot,
                            name: "Direct")
                    }
                ),
                (
                    "raw store write",
                    {
                        _ = try await backend.cockpit.database.write(.account(account)) { tx in
                            try tx.execute("DELETE FROM organizations WHERE account_id = $1", [.uuid(account)])
                        }
                    }
                ),
            ]
            for (name, attempt) in attempts {
                await #expect(throws: ReadOnlyDatabase.refusal, "\(name)") { try await attempt() }
            }
            #expect(
                try await backend.organizations(account: account, domain: .console).map(\.id) == before.map(\.id),
                "reads go on")
            let active = try await cockpit.accounts.get(account).isActive
            let keys = try await cockpit.keys.list(account: account).items
            #expect(active && keys.isEmpty)
            #expect(
                try await cockpit.directory.organizations(account: account, domain: .copilot).items.count
                    == copilotBefore, "nothing was written")
            // The same principal without the flag may write.
            let writer = LocalBackend(
                cockpit: cockpit, principal: .superAdmin(method: .local, name: "root"), identity: "root")
            _ = try await writer.createOrganization(account: account, domain: .console, name: "Allowed")
        }
    }

    @Test func remoteModeRefusesPlainHTTPExceptToThisMachine() throws {
        for safe in [
            "https://cockpit.example", "http://127.0.0.1:4000", "http://localhost:4000/", "http://[::1]:4000",
            "https://10.0.0.5",
        ] {
            #expect(throws: Never.self, "\(safe)") { try RemoteBackend.requireSafeTransport(safe) }
        }
        for unsafe in [
            "http://cockpit.example", "http://10.0.0.5:4000", "ftp://cockpit.example", "cockpit.example",
            "http://127.0.0.1.evil.example",
        ] {
            #expect(throws: CockpitError.self, "\(unsafe)") { try RemoteBackend.requireSafeTransport(unsafe) }
        }
    }
}
