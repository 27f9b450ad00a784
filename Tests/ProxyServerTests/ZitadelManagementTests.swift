import CockpitCore
import CockpitTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The management client against the fake's management API: the calls provisioning needs, Zitadel's error codes,
/// and retries on 5xx. `withManagement` serves the fake (keys and management API) with its issuer set to its origin.
@Suite struct ZitadelManagementTests {
    static func withManagement(
        _ body:
            @escaping @Sendable (FakeZitadelManagement, ZitadelManagementClient, CurlHTTPClient, String) async throws ->
            Void
    )
        async throws
    {
        let fake = try await FakeZitadel()
        let management = FakeZitadelManagement()
        let router = fake.router()
        management.register(on: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            let issuer = "http://127.0.0.1:\(client.port!)"
            await fake.setIssuer(issuer)
            try await body(
                management,
                ZitadelManagementClient(
                    http: http, issuer: issuer, pat: await management.pat, backoffMilliseconds: [10, 20]),
                http, issuer)
        }
    }

    @Test func projectsRolesUsersAndGrants() async throws {
        try await Self.withManagement { fake, client, _, _ in
            #expect(try await client.searchProjects(name: "platform").isEmpty)
            let project = try await client.createProject(name: "platform")
            #expect(try await client.searchProjects(name: "platform").map(\.id) == [project])
            await #expect(throws: ZitadelAPIError.self) { try await client.createProject(name: "platform") }

            let role = ZitadelRole(key: "console_org_admin", displayName: "Console org admin", group: "console")
            try await client.addRole(project: project, role)
            do {
                try await client.addRole(project: project, role)
                Issue.record("a duplicate role was accepted")
            } catch let error as ZitadelAPIError {
                #expect(error.isAlreadyExists && error.status == 409 && error.code == 6)
            }
            #expect(try await client.searchRoles(project: project, key: "console_org_admin") == [role])
            do {
                try await client.addRole(project: "404404404", role)
                Issue.record("a role in an unknown project was accepted")
            } catch let error as ZitadelAPIError {
                #expect(error.status == 400 && error.code == 9)
            }

            let alice = await fake.addUser(email: "Alice@Acme.io")
            #expect(try await client.searchUsers(email: "alice@acme.io").map(\.id) == [alice])
            let grant = try await client.addUserGrant(user: alice, project: project, roleKeys: ["console_org_admin"])
            await #expect(throws: ZitadelAPIError.self) {
                try await client.addUserGrant(user: alice, project: project, roleKeys: [])
            }
            await #expect(throws: ZitadelAPIError.self) {
                try await client.addUserGrant(user: alice, project: project, roleKeys: ["no_such_role"])
            }
            try await client.addRole(
                project: project, ZitadelRole(key: "end_user", displayName: "End user", group: "copilot"))
            try await client.updateUserGrant(user: alice, grant: grant, roleKeys: ["console_org_admin", "end_user"])
            #expect(
                try await client.searchUserGrants(user: alice, project: project).map(\.roleKeys) == [
                    ["console_org_admin", "end_user"]
                ])
        }
    }

    @Test func serverErrorsAreRetriedAndABadTokenIsNot() async throws {
        try await Self.withManagement { fake, client, http, issuer in
            await fake.failNext([503, 502])
            #expect(try await client.searchProjects(name: "x").isEmpty)  // third attempt succeeds
            await fake.failNext([503, 503, 503])
            await #expect(throws: ZitadelAPIError.self) { try await client.searchProjects(name: "x") }
            let wrong = ZitadelManagementClient(http: http, issuer: issuer, pat: "wrong", backoffMilliseconds: [10])
            do {
                _ = try await wrong.searchProjects(name: "x")
                Issue.record("a wrong PAT was accepted")
            } catch let error as ZitadelAPIError {
                #expect(error.status == 401 && error.code == 16)
            }
        }
    }
}
