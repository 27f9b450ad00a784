import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// The cockpit's remote backend against a live server: the same protocol as the local one, limited to what the
/// credential may see.
@Suite struct RemoteBackendTests {
    @Test func theRemoteBackendReadsAndChangesWhatItsCredentialMay() async throws {
        try await TestStores.with(.sqlite) { db in
            let settings = Settings(
                environment: [
                    "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                    "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                ],
                dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            _ = try await TenantFixture.make(cockpit, name: "Bravo")
            _ = try await cockpit.admins.add(
                account: a.account.id, email: "remote@alpha.test", password: "remote-password-1")
            let authenticator = Authenticator(
                cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
            let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let api = "http://127.0.0.1:\(client.port!)"
                let http = CurlHTTPClient()
                defer { http.shutdown() }
                let root = try await RemoteBackend(api: api, credential: ServerHarness.masterKey, http: http)
                let names = try await root.accounts().map(\.name)
                #expect(root.isSuperAdmin && names == ["Alpha", "Bravo"])
                let orgs = try await root.organizations(account: a.account.id, domain: .console)
                #expect(orgs.map(\.id) == [a.orgs[.console]!.id])
                let team = try await root.createTeam(
                    account: a.account.id, domain: .copilot, org: a.orgs[.copilot]!.id, name: "Remote team")
                try await root.addMember(
                    account: a.account.id, domain: .copilot, team: team.id, email: "far@alpha.test", name: "Far Away",
                    admin: true)
                let found = try await root.searchUsers(account: a.account.id, domain: .copilot, prefix: "far@")
                #expect(found.map(\.email) == ["far@alpha.test"])
                #expect(
                    try await root.memberships(account: a.account.id, domain: .copilot, user: found[0].id).map(\.teamID)
                        == [team.id])
                #expect(try await root.team(account: a.account.id, domain: .copilot, id: team.id).name == "Remote team")
                let members = try await root.members(account: a.account.id, domain: .copilot, team: team.id)
                #expect(members.map(\.user.email) == ["far@alpha.test"] && members.first?.role == .admin)
                try await root.delete(
                    account: a.account.id, domain: .copilot, node: .member(team: team.id, user: found[0].id))
                #expect(try await root.members(account: a.account.id, domain: .copilot, team: team.id).isEmpty)
                try await root.delete(account: a.account.id, domain: .copilot, node: .team(team.id))
                await #expect(throws: CockpitError.self) {
                    try await root.team(account: a.account.id, domain: .copilot, id: team.id)
                }
                let (key, secret) = try await root.generateKey(account: a.account.id, KeyFields(keyAlias: "remote"))
                #expect(secret.hasPrefix("sk-") && key.keyAlias == "remote")
                try await root.revokeKey(account: a.account.id, id: key.id)
                #expect(try await root.keys(account: a.account.id).first { $0.id == key.id }?.blocked == true)
                #expect(try await root.audit(account: a.account.id).contains { $0.action == "key.block" })
                #expect(try await root.costs(account: a.account.id, by: .model, days: 7).isEmpty)
                #expect(try await root.models(account: a.account.id).isEmpty)
                do {
                    _ = try await root.createTeam(
                        account: a.account.id, domain: .console, org: a.orgs[.console]!.id, name: "")
                    Issue.record("an empty name was accepted")
                } catch let error as CockpitError {
                    #expect(error.message.contains("name"), "the server's refusal comes back: \(error)")
                }
                // An account admin's session sees one account and nothing of another.
                let login = try await authenticator.login(username: "remote@alpha.test", password: "remote-password-1")
                let admin = try await RemoteBackend(api: api, credential: login.token, http: http)
                let own = try await admin.accounts().map(\.name)
                #expect(!admin.isSuperAdmin && own == ["Alpha"])
                let bravo = try await cockpit.accounts.list().items.first { $0.name == "Bravo" }!
                // Another account is refused (403), as the local backend refuses it; it answered about the caller's own before.
                await #expect(
                    throws: CockpitError.forbidden("only a super-admin may name an account with X-Account-Id")
                ) {
                    try await admin.organizations(account: bravo.id, domain: .console)
                }
                #expect(
                    try await admin.organizations(account: a.account.id, domain: .console).map(\.id) == [
                        a.orgs[.console]!.id
                    ])
                await #expect(throws: CockpitError.self) {
                    try await RemoteBackend(api: api, credential: "sk-wrong-000000000000000000", http: http)
                }
                // Read-only: a change is refused before anything is sent; reads go on.
                let frozen = try await RemoteBackend(
                    api: api, credential: ServerHarness.masterKey, http: http, readOnly: true)
                await #expect(throws: ReadOnlyDatabase.refusal) {
                    _ = try await frozen.createOrganization(account: a.account.id, domain: .console, name: "Never")
                }
                #expect(
                    try await frozen.organizations(account: a.account.id, domain: .console).allSatisfy {
                        $0.name != "Never"
                    })
                // The remote cockpit signs out: the session ends on the server; a key-based cockpit has nothing to end.
                #expect(admin.canSignOut && !root.canSignOut)
                try await admin.signOut()
                await #expect(
                    throws: CockpitError.unauthenticated(
                        "session is no longer valid (signed out, password changed, admin removed or account suspended)")
                ) {
                    try await admin.accounts()
                }
                await #expect(throws: CockpitError.self) { try await root.signOut() }
            }
        }
    }
}
