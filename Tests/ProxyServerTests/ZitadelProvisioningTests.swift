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

    static let roles = ZitadelRoleMap.standard.map(\.key).sorted()

    /// The cockpit's own bootstrap: finds or creates its project and looks admins up by email.
    static func options(dryRun: Bool) -> ProvisioningOptions {
        var options = ProvisioningOptions(dryRun: dryRun, createProject: true)
        options.resolveUserIDsFromZitadel = true
        return options
    }

    @Test func bootstrapTwiceEndsInTheSameState() async throws {
        try await Self.withBootstrap { fake, provisioner, cockpit, account in
            let admin = await fake.addUser(email: "admin@acme.io")
            _ = try await cockpit.admins.add(account: account, email: "ghost@acme.io", password: nil)
            let plan = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: true)).report
            #expect(
                plan.created.count == 6 + 1 && plan.projectID == nil
                    && plan.unresolved == ["admin ghost@acme.io: no Zitadel user with this email"])
            #expect(await fake.writes.isEmpty)

            let first = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false))
            let project = try #require(first.projectID)
            #expect(first.report.created.contains("grant account_admin to admin@acme.io"))
            #expect(first.roles.summary.created == 6 && first.grants.unresolved.count == 1 && first.configUpdated)
            let writes = await fake.writes.count
            let second = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false))
            #expect(second.report.created.isEmpty && second.report.updated.isEmpty && second.projectID == project)
            #expect(second.roles.summary.exists == 6 && second.grants.summary.exists == 1 && !second.configUpdated)
            #expect(await fake.writes.count == writes)
            #expect(await fake.projectIDs() == [project])
            #expect(await fake.roleKeys(project: project) == Self.roles)
            #expect(await fake.grants(of: admin).map(\.roleKeys) == [["account_admin"]])
            let stored = try await cockpit.zitadelConfig.config(account: account)
            #expect(
                stored.projectID == project && stored.enabled && stored.accountIDClaim == "alchemi:account_id"
                    && stored.roleMappings["end_user"] == "end_user")
            let audit = try await cockpit.reports.audit(account: account, page: PageRequest(limit: 100)).items.map(
                \.action)
            #expect(audit.contains("zitadel.provision.bootstrap") && audit.contains("account.zitadel_config"))
        }
    }

    @Test func aRunCutOffMidwayCompletesOnTheNextRun() async throws {
        try await Self.withBootstrap { fake, provisioner, _, account in
            let admin = await fake.addUser(email: "admin@acme.io")
            // search project, create project, search roles, one role (search, add), then the server fails three times.
            await fake.failNext([503, 503, 503], after: 5)
            let cut = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false))
            #expect(cut.roles.summary.failed == 1 && cut.roles.summary.created == 5, "a failed item fails no call")
            let project = try #require(await fake.projectIDs().first)
            #expect(await fake.roleKeys(project: project).count == 5)
            let rerun = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false))
            #expect(rerun.projectID == project && rerun.roles.summary == ProvisioningSummary(created: 1, exists: 5))
            #expect(await fake.projectIDs() == [project])
            #expect(await fake.roleKeys(project: project) == Self.roles)
            #expect(await fake.grants(of: admin).count == 1)
        }
    }

    @Test func aConcurrentGrantIsFoundAfterTheConflictAndExtended() async throws {
        try await Self.withBootstrap { fake, provisioner, cockpit, account in
            _ = await fake.addUser(email: "admin@acme.io")
            let first = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false))
            let project = try #require(first.projectID)
            // Another process granted end_user in the meantime; searches do not show it yet.
            await fake.setSearchLag(0.25)
            let other = await fake.addUser(email: "ops@acme.io")
            await fake.insertGrant(user: other, project: project, roleKeys: ["end_user"])
            _ = try await cockpit.admins.add(account: account, email: "ops@acme.io", password: nil)
            let report = try await provisioner.bootstrap(account: account, options: Self.options(dryRun: false)).report
            #expect(report.updated == ["grant account_admin to ops@acme.io"])
            #expect(await fake.grants(of: other).map { Set($0.roleKeys) } == [["end_user", "account_admin"]])
        }
    }

    @Test func roleKeysFollowTheOriginalsRules() {
        let prefixed = ZitadelRoleMap.defaultMappings(prefix: "acme_")
        #expect(prefixed["console_team_admin"] == "acme_console_team_admin" && prefixed.count == 6)
        #expect(
            ZitadelRoleMap.roleKeys(for: "account_admin", mappings: prefixed, defaults: []) == ["acme_account_admin"])
        #expect(
            ZitadelRoleMap.roleKeys(for: "auditor", mappings: prefixed, defaults: ["end_user", "acme_account_admin"])
                == ["acme_account_admin", "end_user"], "unmapped roles fall back to account_admin's; no duplicates")
        #expect(ZitadelRoleMap.roleKeys(for: "auditor", mappings: [:], defaults: []) == ["auditor"])
        let config = ZitadelAccountConfig(roleMappings: ["console_org_admin": "ops"])
        #expect(config.role(forRoleKey: "ops") == .consoleOrgAdmin && config.role(forRoleKey: "end_user") == .endUser)
        #expect(config.role(forRoleKey: "nobody") == nil)
    }
}
