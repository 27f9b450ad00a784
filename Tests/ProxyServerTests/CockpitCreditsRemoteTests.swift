import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ProxyServer

/// `:credits` in remote mode: the cockpit over a live server (`cockpit tui --api`), driven key by key, changes the
/// store through the credit routes exactly as the local cockpit does (the account's allocation, a plan, allocating,
/// splitting, overriding and dropping the override, the renewal behind its typed word, the usage by day); a refusal
/// comes back from the server into the form.
@Suite struct CockpitCreditsRemoteTests {
    static func type(_ app: CockpitApp, _ text: String) {
        app.state = text.reduce(app.state) { KeyHandler.handle($0, .char($1)).0 }
    }

    static func command(_ app: CockpitApp, _ text: String) async {
        await app.press(.char(":"))
        type(app, text)
        await app.press(.enter)
    }

    /// Fills the open form's fields in order (each cleared first) and sends it.
    static func fill(_ app: CockpitApp, _ values: [String]) async {
        for (i, value) in values.enumerated() {
            if case .form(let f) = app.state.mode { for _ in f.fields[f.focus].value { await app.press(.backspace) } }
            type(app, value)
            if i < values.count - 1 { await app.press(.tab) }
        }
        while case .form(let f) = app.state.mode, f.focus < f.fields.count - 1 { await app.press(.tab) }
        await app.press(.enter)
    }

    static func select(_ app: CockpitApp, _ scope: CreditScope) async throws {
        let rows = try #require(CreditsScreen.overview(app.state)).rows
        let index = try #require(rows.firstIndex { $0.scope == scope }, "\(scope) is in the tree")
        await app.press(.char("g"))
        for _ in 0..<index { await app.press(.down) }
    }

    @Test func creditsThroughTheServer() async throws {
        try await TestStores.with(.sqlite) { db in
            let settings = Settings(
                environment: [
                    "LITELLM_MASTER_KEY": ServerHarness.masterKey,
                    "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                ], dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let id = a.account.id, team = a.teams[.copilot]!.id
            let second = try await cockpit.directory.upsertUser(
                account: id, domain: .copilot, UserInput(email: "second@alpha.test", teamIDs: [team])
            ).user.id
            let authenticator = Authenticator(
                cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
            let (router, _) = CockpitServer.router(cockpit: cockpit, authenticator: authenticator)
            let server = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await server.test(.live) { client in
                let http = CurlHTTPClient()
                defer { http.shutdown() }
                let remote = try await RemoteBackend(
                    api: "http://127.0.0.1:\(client.port!)", credential: ServerHarness.masterKey, http: http)
                let app = CockpitApp(backend: remote)
                try await app.prepare(account: "Alpha")
                let teamScope = CreditScope(type: .team, id: team.lowercased)

                await Self.command(app, "credits")
                #expect(CreditsScreen.overview(app.state)?.allocation == nil, "\(app.state.message ?? "")")
                await app.press(.char("A"))
                await Self.fill(app, ["1000", "100", "1.5"])
                #expect(try await cockpit.credits.allocation(account: id)?.monthlyCredits == Micros.from(1000))
                #expect(CreditsScreen.overview(app.state)?.allocation?.creditFactor == 1.5)
                await app.press(.char("n"))
                await Self.fill(app, ["FY27", "monthly"])
                let plan = try #require(try await cockpit.credits.activePlan(account: id))
                func effective() async throws -> EffectiveAllocation {
                    try await cockpit.credits.effectiveAllocation(account: id, planID: plan.id.lowercased)
                }

                try await Self.select(app, teamScope)
                await app.press(.char("e"))
                await Self.fill(app, ["-5", ""])
                guard case .form(let refused) = app.state.mode else {
                    Issue.record("the refusal closed the form"); return
                }
                #expect(
                    refused.error?.hasSuffix("allocated_credits cannot be negative") == true, "\(refused.error ?? "")")
                await app.press(.backTab)
                await Self.fill(app, ["200", "20"])
                #expect(try await effective().items.map(\.baseAllocated) == [Micros.from(200)!])

                await app.press(.char("D"))
                await Self.fill(app, ["300", ""])
                let users = try await effective().items.filter { $0.scope.type == .user }
                #expect(
                    Set(users.map(\.scope.id)) == [a.users[.copilot]!.id.lowercased, second.lowercased]
                        && users.allSatisfy { $0.baseAllocated == Micros.from(150) }, "\(users)")

                try await Self.select(app, teamScope)
                await app.press(.char("o"))
                await Self.fill(app, ["150", "holiday rota"])
                #expect(CreditsScreen.overview(app.state)?.override(teamScope)?.reason == "holiday rota")
                #expect(
                    try await effective().items.first { $0.scope == teamScope }?.effectiveAllocated == Micros.from(150))
                await app.press(.char("d"))
                Self.type(app, "y")
                await app.press(.enter)
                #expect(try await cockpit.credits.overrides(account: id, planID: plan.id.lowercased).isEmpty)
                #expect(app.state.message == "override removed")

                await app.press(.char("r"))
                await Self.fill(app, ["2030-01-01", "2030-02-01", "Next", "", "no"])
                Self.type(app, "nope")
                await app.press(.enter)
                #expect(try await cockpit.credits.cycleHistory(account: id).isEmpty, "a wrong word renews nothing")
                for _ in 0..<4 { await app.press(.backspace) }
                Self.type(app, "FY27")
                await app.press(.enter)
                #expect(try await cockpit.credits.cycleHistory(account: id).count == 1)
                #expect(try await cockpit.credits.activePlan(account: id)?.name == "Next")
                #expect(CreditsScreen.overview(app.state)?.cycles?.count == 1, "\(app.state.message ?? "")")

                _ = try await cockpit.credits.recordUsage(
                    account: id, rawCost: 2, attribution: CreditAttribution(teamID: team.lowercased, agentID: "bot"),
                    metadata: nil, requestID: nil)
                await Self.command(app, "credits usage 7d")
                let report = app.state.session.screenData[CreditUsageScreen.name]?.get(CreditUsageScreen.Report.self)
                #expect(
                    report?.days == 7 && report?.daily.map(\.credits) == [Micros.from(3)!],
                    "\(String(describing: report))")
                #expect(report?.breakdowns[.agent]?.first?.credits == Micros.from(3))
            }
        }
    }
}
