import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Bootstrap against the fake's management API: idempotent, resumable, tolerant of 409 races and search lag.
@Suite struct ZitadelProvisioningTests {
    static func withBootstrap(
        _ body: @escaping @Sendable (FakeZitadelManagement, ZitadelProvisioner, Cockpit, UUID) async throws -> Void
    ) async throws {
        try await ZitadelManagementTests.withManagement { fake, client, _, _ in
            try await TestStores.withSQLite { db in
                let cockpit = Cockpit.forTesting(db)
                let account = try await cockpit.accounts.create(
                    NewAccount(name: "Acme", domain: "acme.io", adminEmail: "admin@acme.io"))
                try await body(
                    fake, ZitadelProvisioner(context: cockpit.context, client: client), cockpit, account.account.id)
            }
        }
    }

    static let roles = ZitadelProvisioner.canonicalRoles.map(\.key).sorted()

    @Test func bootstrapTwiceEndsInTheSameState() async throws {
        try await Self.withBootstrap { fake, provisioner, cockpit, account in
            let admin = await fake.addUser(email: "admin@acme.io")
            _ = try await cockpit.admins.add(account: account, email: "ghost@acme.io", password: nil)
            let plan = try await provisioner.bootstrap(account: account, dryRun: true)
            #expect(
                plan.created.count == 1 + 6 + 1
                    && plan.unresolved == ["admin ghost@acme.io: no Zitadel user with this email"])
            #expect(await fake.writes.isEmpty)

            let first = try await provisioner.bootstrap(account: account, dryRun: false)
            let project = try #require(first.projectID)
            #expect(
                first.created.contains("project \(project)")
                    && first.created.contains("grant account_admin to admin@acme.io"))
            #expect(first.unresolved.count == 1)
            let writes = await fake.writes.count
            let second = try await provisioner.bootstrap(account: account, dryRun: false)
            #expect(second.created.isEmpty && second.updated.isEmpty && second.projectID == project)
            let replan = try await provisioner.bootstrap(account: account, dryRun: true)
            #expect(
                replan.created.isEmpty && replan.found.contains("grant account_admin to admin@acme.io"),
                "a plan after the bootstrap has nothing to do")
            #expect(await fake.writes.count == writes)
            #expect(await fake.projectIDs() == [project])
            #expect(await fake.roleKeys(project: project) == Self.roles)
            #expect(await fake.grants(of: admin).map(\.roleKeys) == [["account_admin"]])
            let stored = try await cockpit.accounts.get(account).metadata["zitadel"]?["provisioning"]
            #expect(stored?["project_id"] == .string(project) && stored?["bootstrapped_at"] != nil)
            let audit = try await cockpit.reports.audit(account: account, page: PageRequest(limit: 100)).items.map(
                \.action)
            #expect(audit.contains("zitadel.provision.project") && audit.contains("zitadel.provision.grant"))
        }
    }

    @Test func aRunCutOffMidwayCompletesOnTheNextRun() async throws {
        try await Self.withBootstrap { fake, provisioner, _, account in
            let admin = await fake.addUser(email: "admin@acme.io")
            // search project, create project, search roles, three roles… then the server fails for good.
            await fake.failNext([503, 503, 503], after: 6)
            await #expect(throws: ZitadelAPIError.self) {
                try await provisioner.bootstrap(account: account, dryRun: false)
            }
            let project = try #require(await fake.projectIDs().first)
            #expect(await fake.roleKeys(project: project).count < 6)
            let rerun = try await provisioner.bootstrap(account: account, dryRun: false)
            #expect(rerun.projectID == project && rerun.found.contains("project \(project)"))
            #expect(await fake.projectIDs() == [project])
            #expect(await fake.roleKeys(project: project) == Self.roles)
            #expect(await fake.grants(of: admin).count == 1)
        }
    }

    @Test func aConcurrentGrantIsFoundAfterTheConflictAndExtended() async throws {
        try await Self.withBootstrap { fake, provisioner, cockpit, account in
            _ = await fake.addUser(email: "admin@acme.io")
            let first = try await provisioner.bootstrap(account: account, dryRun: false)
            let project = try #require(first.projectID)
            // Another process granted end_user in the meantime; searches do not show it yet.
            await fake.setSearchLag(0.25)
            let other = await fake.addUser(email: "ops@acme.io")
            await fake.insertGrant(user: other, project: project, roleKeys: ["end_user"])
            _ = try await cockpit.admins.add(account: account, email: "ops@acme.io", password: nil)
            let report = try await provisioner.bootstrap(account: account, dryRun: false)
            #expect(report.updated == ["grant account_admin to ops@acme.io"])
            #expect(await fake.grants(of: other).map { Set($0.roleKeys) } == [["end_user", "account_admin"]])
        }
    }
}

@Suite struct ZitadelProvisioningRouteTests {
    @Test func planAndBootstrapOverHTTP() async throws {
        try await ZitadelManagementTests.withManagement { fake, _, http, issuer in
            let verifier = ZitadelVerifier(
                settings: ZitadelSettings(issuer: issuer, projectID: "p", pat: await fake.pat), http: http)
            try await ServerHarness.with(.sqlite, zitadel: verifier) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "admin@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                await fake.addUser(email: "admin@acme.io")
                let early = try await s.call(.post, "/v1/accounts/\(account)/zitadel/provision/sync-roles", json: [:])
                #expect(
                    early.status == .conflict && early.json["detail"] == "no Zitadel project yet: run bootstrap first")
                let plan = try await s.call(.get, "/v1/accounts/\(account)/zitadel/provision/plan")
                #expect(
                    plan.status == .ok && plan.json["item"]?["dry_run"] == true
                        && plan.json["item"]?["created"]?.arrayValue?.count == 8)
                let run = try await s.call(.post, "/v1/accounts/\(account)/zitadel/provision/bootstrap", json: [:])
                #expect(run.status == .ok && run.json["item"]?["project_id"]?.stringValue != nil)
                let base = "/v1/accounts/\(account)/zitadel/provision"
                let role = try await s.call(
                    .post, "\(base)/project-role", json: ["key": "auditor", "display_name": "Auditor", "group": "iam"])
                #expect(role.json["item"]?["created"] == ["role auditor"])
                #expect(
                    try await s.call(.post, "\(base)/project-role", json: ["key": "auditor"]).json["item"]?["found"]
                        == ["role auditor"])
                let bob = await fake.addUser(email: "bob@acme.io")
                let grant = try await s.call(
                    .post, "\(base)/user-grant", json: ["email": "bob@acme.io", "role_keys": ["auditor"]])
                #expect(grant.json["item"]?["created"]?.arrayValue?.count == 1)
                let more = try await s.call(
                    .post, "\(base)/user-grant", json: ["user_id": .string(bob), "role_keys": ["end_user"]])
                #expect(more.json["item"]?["updated"]?.arrayValue?.count == 1)
                #expect(await fake.grants(of: bob).map { Set($0.roleKeys) } == [["auditor", "end_user"]])
                let audit = try await s.call(
                    .get, "/v1/audit?domain=iam&limit=3", headers: [.init("X-Account-Id")!: account])
                #expect(audit.json.items.first?["event"] == "zitadel.provision.user_grant")
                let nobody = try await s.call(
                    .post, "\(base)/user-grant", json: ["email": "nobody@acme.io", "role_keys": ["end_user"]])
                #expect(nobody.json["item"]?["unresolved"]?.arrayValue?.count == 1)
                #expect(
                    try await s.call(.post, "\(base)/user-grant", json: ["email": "bob@acme.io", "role_keys": []])
                        .status == .badRequest)
                #expect(
                    try await s.call(.post, "\(base)/sync-roles", json: [:]).json["item"]?["found"]?.arrayValue?.count
                        == 6)
                #expect(
                    try await s.call(.post, "\(base)/sync-admin-grants", json: [:]).json["item"]?["found"] == [
                        "grant account_admin to admin@acme.io"
                    ])
                await fake.failNext([503, 503, 503])
                let refused = try await s.call(
                    .post, "/v1/accounts/\(account)/zitadel/provision/bootstrap", json: ["dry_run": false])
                #expect(
                    refused.status == .badGateway && refused.json["detail"]?.stringValue?.contains("resume") == true)
                #expect(
                    try await s.call(.post, "/v1/accounts/\(UUID())/zitadel/provision/bootstrap", json: [:]).status
                        == .notFound)
            }
            // Without a PAT, provisioning says what is missing.
            let noPAT = ZitadelVerifier(settings: ZitadelSettings(issuer: issuer, projectID: "p"), http: http)
            try await ServerHarness.with(.sqlite, zitadel: noPAT) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "admin@acme.io"])
                let account = try #require(created.json["account_id"]?.stringValue)
                let answer = try await s.call(.get, "/v1/accounts/\(account)/zitadel/provision/plan")
                #expect(
                    answer.status == .badRequest && answer.json["detail"]?.stringValue?.contains("ZITADEL_PAT") == true)
                #expect(
                    try await s.call(.post, "/v1/accounts/\(account)/zitadel/provision/sync-roles", json: [:]).status
                        == .badRequest)
            }
        }
    }
}
