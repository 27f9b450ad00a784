@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// The control-plane views at 80×24 and 160×48: admins, grants with an effective answer, features, policy, the global
/// catalogue, the request log (filtered), the key form with its limits, and the Zitadel settings form.
@Suite struct ControlViewSnapshotTests {
    static let sizes = ViewSnapshotTests.sizes.map { "\($0.0)x\($0.1)" }

    /// The fixture with every view's data loaded.
    static func loaded() -> CockpitState {
        var s = Fixture.state()
        let acme = s.accounts[0], sre = Fixture.uuid(20), alice = Fixture.uuid(40)
        var session = s.session
        session.screenData["admins"] = ScreenData([
            AccountAdmin(
                id: Fixture.uuid(90), accountID: acme.id, email: "admin@acme.io", role: "account_admin",
                hasPassword: true, createdAt: Fixture.epoch, createdBy: "super_admin", updatedAt: Fixture.epoch),
            AccountAdmin(
                id: Fixture.uuid(91), accountID: acme.id, email: "ops@acme.io", role: "account_admin",
                hasPassword: false, createdAt: Fixture.epoch, createdBy: "super_admin", updatedAt: Fixture.epoch),
        ])
        session.screenData["grants"] = ScreenData([
            ModelGrant(
                id: Fixture.uuid(72), accountID: acme.id, domain: .console, modelName: "*", scope: .account,
                effect: .allow, createdAt: Fixture.epoch),
            ModelGrant(
                id: Fixture.uuid(70), accountID: acme.id, domain: .console, modelName: "gpt-4o-mini", scope: .team(sre),
                effect: .allow,
                createdAt: Fixture.epoch),
            ModelGrant(
                id: Fixture.uuid(71), accountID: acme.id, domain: .console, modelName: "o1", scope: .user(alice),
                effect: .deny, createdAt: Fixture.epoch),
        ])
        session.screenData["grants.answer"] = ScreenData("o1 for team SRE: allowed (decided by account)")
        session.screenData["features"] = ScreenData([
            FeatureEntitlement(
                id: Fixture.uuid(80), accountID: acme.id, domain: .console, featureCode: "playground", scope: .account,
                enabled: true,
                config: .emptyObject, createdAt: Fixture.epoch, updatedAt: Fixture.epoch),
            FeatureEntitlement(
                id: Fixture.uuid(81), accountID: acme.id, domain: .console, featureCode: "playground",
                scope: .team(sre), enabled: false,
                config: .emptyObject, createdAt: Fixture.epoch, updatedAt: Fixture.epoch),
        ])
        session.screenData["policy"] = ScreenData(
            PolicyScreen.Settings(
                policy: ConsoleModelPolicy(allow: ["gpt-4o", "gpt-4o-mini"], deny: ["o1"]),
                pack: FeaturePack(features: ["agents", "playground"], config: ["seats": 25])))
        let hash = s.session.keys![0].keyHash
        var logs: [SpendLog] = []
        for i in 0..<6 {
            let start: Date = Fixture.epoch.addingTimeInterval(Double(-7 * i))
            let model = i % 3 == 0 ? "claude-3-5-haiku" : "gpt-4o-mini", key = i % 2 == 0 ? hash : "ab",
                status = i == 1 ? "failure" : "success"
            logs.append(
                SpendLog(
                    requestID: "r\(i)", accountID: acme.id, keyHash: key, userID: "", teamID: "", orgID: "",
                    domain: "console", model: model,
                    modelGroup: "", deploymentID: "", promptTokens: 120, completionTokens: 40, cost: 0.0042,
                    startTime: start,
                    endTime: start.addingTimeInterval(0.35), firstTokenTime: nil, status: status, cacheHit: false))
        }
        session.screenData["logs"] = ScreenData(LogsScreen.Tail(logs: logs, aliases: [hash: "sre-deploy"]))
        s.session = session
        s.catalog = [
            ModelDeployment(
                id: Fixture.uuid(90), accountID: nil, modelName: "gpt-4o-mini", providerModel: "openai/gpt-4o-mini",
                apiBase: nil,
                apiVersion: nil, hasCredentials: true, params: .emptyObject, modelInfo: .emptyObject,
                visibleToAll: true,
                createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
        ]
        return s
    }

    @Test(arguments: sizes)
    func listViews(size: String) {
        let (w, h) = ViewSnapshotTests.parse(size)
        for name in ["admins", "grants", "features", "policy", "catalog", "logs"] {
            var s = Self.loaded()
            s.mode = .screen(ScreenState(name: name, selected: 1))
            Snapshot.check("\(name)-\(size)", ViewSnapshotTests.frame(s, (w, h)))
        }
    }

    @Test(arguments: sizes)
    func logsFilterAsYouType(size: String) {
        let (w, h) = ViewSnapshotTests.parse(size)
        var s = Self.loaded()
        (s, _) = KeyHandler.handle(s, .char(":"))
        for c in "logs" { (s, _) = KeyHandler.handle(s, .char(c)) }
        (s, _) = KeyHandler.handle(s, .enter)
        (s, _) = KeyHandler.handle(s, .char("/"))
        for c in "fail" { (s, _) = KeyHandler.handle(s, .char(c)) }
        #expect(LogsScreen.rowCount(s) == 1, "one failed request matches")
        Snapshot.check("logs-filtered-\(size)", ViewSnapshotTests.frame(s, (w, h)))
    }

    @Test(arguments: sizes)
    func budgetOfTheSelectedTeam(size: String) {
        let (w, h) = ViewSnapshotTests.parse(size)
        var s = Self.loaded()
        let row = Budget(
            id: Fixture.uuid(95), accountID: s.accounts[0].id, subject: .team, subjectID: Fixture.uuid(20).lowercased,
            modelName: "",
            maxBudget: 100, softBudget: 80, budgetDuration: "30d", tpmLimit: 10_000, rpmLimit: 60,
            maxParallelRequests: nil,
            createdAt: Fixture.epoch, updatedAt: Fixture.epoch)
        s.session.screenData["budget"] = ScreenData(
            BudgetScreen.Entry(domain: .console, node: .team(Fixture.uuid(20)), row: row))
        (s, _) = KeyHandler.handle(s, .char("b"))
        #expect(s.mode == .screen(ScreenState(name: "budget")), "b opens the selected team's budget")
        Snapshot.check("budget-\(size)", ViewSnapshotTests.frame(s, (w, h)))
        (s, _) = KeyHandler.handle(s, .char("e"))
        Snapshot.check("budget-form-\(size)", ViewSnapshotTests.frame(s, (w, h)))
    }

    @Test(arguments: sizes)
    func forms(size: String) {
        let (w, h) = ViewSnapshotTests.parse(size)
        var s = Self.loaded()
        s.mode = .form(KeysScreen.form(s.session.keys![0]))
        Snapshot.check("key-form-\(size)", ViewSnapshotTests.frame(s, (w, h)))
        s.session.screenData["zitadel"] = ScreenData(
            ZitadelOverview(
                status: ["configured": true],
                config: ZitadelAccountConfig(
                    enabled: true, projectID: "31337", organizationID: "4242",
                    roleMappings: ["console_org_admin": "ops"])))
        s.mode = .screen(ScreenState(name: "zitadel"))
        (s, _) = KeyHandler.handle(s, .char("e"))
        Snapshot.check("zitadel-form-\(size)", ViewSnapshotTests.frame(s, (w, h)))
        #expect(Snapshot.text(ViewSnapshotTests.frame(s, (w, h))).contains("console_org_admin=ops"))
    }
}
