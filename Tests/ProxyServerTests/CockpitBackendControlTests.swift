import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing
@testable import ProxyServer

/// What the cockpit's control-plane views call, through both backends (the local one on the store, the remote one
/// against a live server): admins, grants and entitlements with their effective answers, the console model policy and
/// feature pack, the global catalogue, Zitadel settings and single provisioning steps, and the request log. The same
/// calls give the same results, and refusals change nothing.
@Suite struct CockpitBackendControlTests {
    @Test func adminsArePasswordedAndRemovedButNeverTheLast() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Admins \(name)")
                let id = a.account.id, first = "admin@admins\(name).test"
                let added = try await backend.addAdmin(account: id, email: "Ops@Admins\(name).test", password: nil)
                #expect(
                    added.email == "ops@admins\(name).test" && !added.hasPassword,
                    "\(name): SSO only without a password")
                #expect(
                    try await backend.setAdminPassword(account: id, email: added.email, password: "a long password 1")
                        .hasPassword)
                #expect(
                    try await cockpit.admins.authenticate(email: added.email, password: "a long password 1") != nil,
                    "\(name)")
                #expect(
                    try await backend.setAdminPassword(account: id, email: added.email, password: nil).hasPassword
                        == false)
                #expect(try await backend.admins(account: id).map(\.email).sorted() == [first, added.email].sorted())
                try await backend.removeAdmin(account: id, email: added.email)
                await #expect(throws: CockpitError.self, "\(name): the last admin stays") {
                    try await backend.removeAdmin(account: id, email: first)
                }
                #expect(try await backend.admins(account: id).map(\.email) == [first])
                await #expect(throws: CockpitError.self, "\(name): a bad email is refused") {
                    _ = try await backend.addAdmin(account: id, email: "not an email", password: nil)
                }
            }
        }
    }

    @Test func grantsAndEntitlementsAnswerForAPointOfTheTree() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Access \(name)")
                let id = a.account.id, team = a.teams[.console]!.id, user = a.users[.console]!.id
                let point = TreePoint(team: team, user: user)
                #expect(
                    try await backend.effectiveModel(account: id, domain: .console, model: "gpt-4o", at: point).allowed
                        == false, "\(name): none = deny")
                let allow = try await backend.setGrant(
                    account: id, domain: .console, model: "gpt-4o", scope: .account, effect: .allow)
                let deny = try await backend.setGrant(
                    account: id, domain: .console, model: "gpt-4o", scope: .team(team), effect: .deny)
                #expect(allow.scope == .account && deny.scope == .team(team) && deny.effect == .deny, "\(name)")
                let answer = try await backend.effectiveModel(account: id, domain: .console, model: "gpt-4o", at: point)
                #expect(
                    !answer.allowed && answer.decidedBy == "team" && answer.scopeID == team,
                    "\(name): the team's deny decides: \(answer)")
                try await backend.deleteGrant(account: id, domain: .console, id: deny.id)
                #expect(
                    try await backend.effectiveModel(account: id, domain: .console, model: "gpt-4o", at: point)
                        .decidedBy == "account", "\(name)")
                #expect(try await backend.grants(account: id, domain: .console) == [allow])
                await #expect(throws: CockpitError.self, "\(name): a grant of the other tree is not found") {
                    try await backend.deleteGrant(account: id, domain: .copilot, id: allow.id)
                }

                let on = try await backend.setEntitlement(
                    account: id, domain: .copilot, feature: "agents", scope: .account, enabled: true)
                let off = try await backend.setEntitlement(
                    account: id, domain: .copilot, feature: "agents", scope: .org(a.orgs[.copilot]!.id), enabled: false)
                let copilotPoint = TreePoint(team: a.teams[.copilot]!.id)
                let feature = try await backend.effectiveFeature(
                    account: id, domain: .copilot, feature: "agents", at: copilotPoint)
                #expect(
                    !feature.allowed && feature.decidedBy == "org",
                    "\(name): the organization's off decides: \(feature)")
                try await backend.deleteEntitlement(account: id, domain: .copilot, id: off.id)
                #expect(
                    try await backend.effectiveFeature(
                        account: id, domain: .copilot, feature: "agents", at: copilotPoint
                    ).allowed, "\(name)")
                #expect(try await backend.entitlements(account: id, domain: .copilot) == [on])
                #expect(try await backend.entitlements(account: id, domain: .console).isEmpty)
            }
        }
    }

    @Test func policyPackAndCatalogueAreEditedAndKeysNeverShown() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Policy \(name)")
                let id = a.account.id
                let policy = try await backend.setConsoleModelPolicy(
                    account: id, ConsoleModelPolicy(allow: ["gpt-4o", "claude"], deny: ["o1"]))
                let readPolicy = try await backend.consoleModelPolicy(account: id)
                #expect(
                    policy == ConsoleModelPolicy(allow: ["gpt-4o", "claude"], deny: ["o1"]) && readPolicy == policy,
                    "\(name)")
                let pack = FeaturePack(features: ["agents"], config: ["seats": 5])
                let storedPack = try await backend.setFeaturePack(account: id, pack)
                let readPack = try await backend.featurePack(account: id)
                #expect(storedPack == pack && readPack == pack, "\(name)")
                await #expect(throws: CockpitError.self, "\(name): a pack whose config is not an object is refused") {
                    _ = try await backend.setFeaturePack(account: id, FeaturePack(features: [], config: .array([])))
                }
                #expect(try await backend.featurePack(account: id) == pack)

                let saved = try await backend.saveCatalogModel(
                    ModelInput(
                        modelName: "global-\(name)", providerModel: "openai/gpt-4o-mini",
                        apiKey: "sk-provider-catalog-secret", visibleToAll: true))
                #expect(saved.accountID == nil && saved.hasCredentials && saved.visibleToAll, "\(name)")
                let edited = try await backend.saveCatalogModel(
                    ModelInput(id: saved.id, modelName: "global-\(name)", providerModel: "anthropic/claude-3-5-haiku"))
                #expect(
                    edited.id == saved.id && edited.hasCredentials && !edited.visibleToAll,
                    "\(name): an empty key keeps the stored one")
                #expect(
                    !"\(try await backend.catalog())".contains("sk-provider-catalog-secret"),
                    "\(name): the key never comes back")
                try await backend.deleteCatalogModel(id: saved.id)
                #expect(try await backend.catalog().contains { $0.id == saved.id } == false)
            }
        }
    }

    @Test func zitadelSettingsAndSingleProvisioningSteps() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, management, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Steps \(name)")
                let id = a.account.id
                var config = try await backend.zitadel(account: id).config
                config.enabled = true
                config.organizationID = "org-steps-\(name)"
                config.roleMappings = ["console_org_admin": "zitadel_ops"]
                let stored = try await backend.setZitadelConfig(account: id, config)
                #expect(
                    stored.enabled && stored.organizationID == "org-steps-\(name)"
                        && stored.roleMappings == ["console_org_admin": "zitadel_ops"])
                #expect(try await cockpit.zitadelConfig.config(account: id) == stored, "\(name): stored")
                _ = try await backend.bootstrapZitadel(account: id)
                let role = try await backend.ensureZitadelRole(
                    account: id, ZitadelRole(key: "auditor", displayName: "Auditor", group: "iam"))
                #expect(role.created == ["role auditor"] || role.found.contains("role auditor"), "\(name): \(role)")
                let email = "steps-\(name)@zitadel.test"
                _ = await management.addUser(email: email)
                let grant = try await backend.grantZitadelRoles(account: id, user: email, roleKeys: ["auditor"])
                #expect(!grant.created.isEmpty && grant.unresolved.isEmpty, "\(name): \(grant)")
                await #expect(throws: CockpitError.self, "\(name): a grant without roles is refused") {
                    _ = try await backend.grantZitadelRoles(account: id, user: email, roleKeys: [])
                }
            }
        }
    }

    @Test func theRequestLogIsNewestFirst() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, _, backends in
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Logs \(name)")
                let (key, secret) = try await cockpit.keys.generate(account: a.account.id, NewKey(alias: "logger"))
                let now = Date.storeNow
                var logs: [SpendLog] = []
                for i in 0..<3 {
                    let start: Date = now.addingTimeInterval(Double(i) - 10)
                    let status = i == 2 ? "failure" : "success"
                    logs.append(
                        SpendLog(
                            requestID: "req-\(name)-\(i)", accountID: a.account.id, keyHash: key.keyHash, userID: "",
                            teamID: "", orgID: "",
                            domain: "console", model: "gpt-4o", modelGroup: "gpt-4o", deploymentID: "d",
                            promptTokens: 10,
                            completionTokens: 5, cost: 0.01, startTime: start, endTime: start.addingTimeInterval(1),
                            firstTokenTime: nil,
                            status: status, cacheHit: false))
                }
                let rows = logs
                _ = try await cockpit.database.write(.account(a.account.id)) { try SpendRepository($0).record(rows) }
                let read = try await backend.requestLogs(account: a.account.id, limit: 2)
                #expect(
                    read.map(\.requestID) == ["req-\(name)-2", "req-\(name)-1"] && read.first?.status == "failure",
                    "\(name): \(read.map(\.requestID))")
                #expect(read.allSatisfy { $0.keyHash == key.keyHash && !"\($0)".contains(secret) })
                await #expect(throws: CockpitError.self, "\(name): a limit out of range is refused") {
                    _ = try await backend.requestLogs(account: a.account.id, limit: 0)
                }
            }
        }
    }

    @Test func treeNodesHaveBudgetsAndLimits() async throws {
        try await CockpitBackendAdminTests.withBackends { cockpit, _, backends in
            let other = try await TenantFixture.make(cockpit, name: "Budgets elsewhere")
            for (name, backend) in backends {
                let a = try await TenantFixture.make(cockpit, name: "Budgets \(name)")
                let id = a.account.id, team = NodeID.team(a.teams[.console]!.id)
                #expect(try await backend.budget(account: id, domain: .console, node: team) == nil, "\(name): none yet")
                let limits = BudgetLimits(
                    maxBudget: 100, budgetDuration: "30d", rpmLimit: 60, tpmLimit: 10_000, maxParallelRequests: 4)
                let row = try await backend.setBudget(account: id, domain: .console, node: team, limits)
                #expect(
                    row.map(BudgetLimits.init) == limits && row?.subject == .team, "\(name): \(String(describing: row))"
                )
                #expect(
                    try await backend.budget(account: id, domain: .console, node: team).map(BudgetLimits.init) == limits
                )
                let member = NodeID.member(team: a.teams[.copilot]!.id, user: a.users[.copilot]!.id)
                #expect(
                    try await backend.setBudget(account: id, domain: .copilot, node: member, BudgetLimits(rpmLimit: 5))?
                        .subject == .user)
                await #expect(throws: CockpitError.self, "\(name): a negative limit is refused") {
                    _ = try await backend.setBudget(
                        account: id, domain: .console, node: team, BudgetLimits(rpmLimit: -1))
                }
                await #expect(
                    throws: CockpitError.notFound("team"), "\(name): another account's team is not found here"
                ) {
                    _ = try await backend.setBudget(
                        account: id, domain: .console, node: .team(other.teams[.console]!.id), BudgetLimits(rpmLimit: 1)
                    )
                }
                await #expect(throws: CockpitError.notFound("team"), "\(name): nor is a team of the other tree") {
                    _ = try await backend.budget(account: id, domain: .copilot, node: team)
                }
                #expect(
                    try await backend.setBudget(account: id, domain: .console, node: team, BudgetLimits()) == nil,
                    "\(name): clearing removes the row")
                #expect(
                    try await cockpit.budgets.budgets(account: other.account.id).isEmpty,
                    "nothing was written to the other account")
            }
        }
    }
}
