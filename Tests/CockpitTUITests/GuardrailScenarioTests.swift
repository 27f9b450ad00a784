import CockpitAPI
@testable import CockpitCore
import CockpitTesting
@testable import CockpitTUI
import Foundation
import Testing

/// `:guardrails` driven key by key on the local backend: a preset created; a pattern whose regex does not compile is
/// the core's refusal in the form, which stays open, then fixed and saved; a guard type's pattern through the pattern
/// routes; the preset assigned to the team selected in the tree, which the tree then marks; the team's effective
/// presets with their source; a trial that masks an e-mail; a pattern edited and deleted; the console tree apart
/// from the copilot one; and read-only mode refusing every change while a trial still runs.
@Suite struct GuardrailScenarioTests {
    static func command(_ app: CockpitApp, _ text: String) async { await ControlViewScenarioTests.command(app, text) }
    static func fill(_ app: CockpitApp, _ values: [String]) async { await CatalogScenarioTests.fill(app, values) }
    static func refusal(_ app: CockpitApp) -> String? { CatalogScenarioTests.refusal(app) }

    /// Selects the row of preset `code` (or of its pattern `pattern`) in `:guardrails`.
    static func select(_ app: CockpitApp, _ code: String, pattern: String? = nil) async throws {
        let o = try #require(GuardrailsScreen.overview(app.state))
        let p = try #require(o.presets.firstIndex { $0.code == code }, "preset \(code) is listed")
        var row = GuardrailsOverview.Row.preset(p)
        if let pattern {
            let index = try #require(o.patterns(o.presets[p]).firstIndex { $0.patternName == pattern })
            row = .pattern(preset: p, index: index)
        }
        let target = try #require(o.rows.firstIndex(of: row))
        await app.press(.char("g"))
        for _ in 0..<target { await app.press(.down) }
        guard case .screen(let screen) = app.state.mode else { Issue.record("not in :guardrails"); return }
        #expect(screen.selected == target)
    }

    static func frame(_ app: CockpitApp, _ size: (Int, Int) = (160, 48)) -> String {
        Snapshot.text(ViewSnapshotTests.frame(app.state, size))
    }

    @Test(arguments: StoreKind.available)
    func aPresetIsCreatedGivenPatternsAssignedAndTried(kind: StoreKind) async throws {
        try await CatalogScenarioTests.withCatalog(kind) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            try await Self.scenario(cockpit, a, app)
        }
    }

    static func scenario(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id, service = cockpit.guardrails(.copilot)
        try await CatalogScenarioTests.selectInCopilotTree(app, .team(team))
        await command(app, "guardrails")
        #expect(GuardrailsScreen.overview(app.state)?.presets == [], "\(app.state.message ?? "")")
        #expect(frame(app).contains("no presets in this tree yet: n creates one"))

        // A preset, then a pattern whose regex does not compile: the core's refusal, in the form, which stays open.
        await app.press(.char("n"))
        await fill(app, ["support-safe", "Support desk"])
        #expect(app.state.message == "created preset support-safe")
        let created = try #require(try await service.presets(account: id).first)
        #expect(created.code == "support-safe" && created.name == "Support desk")
        await app.press(.char("p"))
        await fill(app, ["support-safe", "ticket ids", "(a", "block", "refuse", "yes", "output"])
        let refused = try #require(refusal(app), "the form stays open with the refusal")
        #expect(refused.hasPrefix("pattern 'ticket ids': "), "\(refused)")
        #expect(frame(app).contains("✗ "), "the refusal shows under the fields")
        let untouched = try await service.presets(account: id).first?.presetJSON["custom_patterns"]?.arrayValue
        #expect(untouched ?? [] == [], "nothing was saved")
        await fill(app, ["support-safe", "ticket ids", "TICKET-[0-9]+", "block", "refuse", "yes", "output"])
        #expect(app.state.message == "saved pattern ticket ids of preset support-safe", "\(refusal(app) ?? "")")
        let stored = try #require(
            try await service.presets(account: id).first?.presetJSON["custom_patterns"]?.arrayValue?.first)
        #expect(stored["pattern_regex"] == "TICKET-[0-9]+" && stored["applies_to"] == "output")

        // A guard type's pattern goes through the pattern routes (its preset created on demand).
        await app.press(.char("p"))
        await fill(app, ["pii", "email", "builtin:email", "block", "mask", "yes", ""])
        let emails = try await service.patterns(account: id, guardType: "pii").items
        #expect(emails.map(\.patternName) == ["email"] && emails.first?.appliesTo == "both", "\(refusal(app) ?? "")")
        #expect(GuardrailsScreen.overview(app.state)?.presets.map(\.code).sorted() == ["pii", "support-safe"])

        // Assigned to the team selected in the tree: stored, its effective presets name the team, the tree marks it.
        try await select(app, "pii")
        await app.press(.char("+"))
        guard case .form(let assign) = app.state.mode else { Issue.record("no assign form"); return }
        #expect(assign.value("scope") == "team Alpha team")
        await KeyHandlerTests.submit(app)
        #expect(app.state.message == "assigned preset pii to team Alpha team", "\(refusal(app) ?? "")")
        let assignments = try await service.assignments(account: id, scopeType: "team", scopeID: team.lowercased)
        #expect(assignments.count == 1 && assignments.first?.scopeID == team.lowercased)
        let effective = try #require(GuardrailsScreen.overview(app.state)?.effective?.answer)
        #expect(effective.items.map { "\($0.code) \($0.sourceScopeType)" } == ["pii team"])
        #expect(frame(app).contains("effective   for team Alpha team: pii from team Alpha team"))
        #expect(app.state.session.guardrailScopes[.copilot] == ["team:\(team.lowercased)"])
        await app.press(.escape)
        let marked = ViewSnapshotTests.frame(app.state, (80, 24)).lines.filter { $0.contains(GuardrailMarks.glyph) }
        #expect(marked.count == 1 && marked.first?.contains("Alpha team") == true, "\(marked)")

        try await trial(app)
        try await editAndDelete(cockpit, a, app)
        try await unassign(cockpit, a, app)
    }

    /// `-` on `pii` removes its assignment to the team selected in the tree; a scope it is not assigned to is refused
    /// in the form. The tree's mark goes with it.
    static func unassign(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp) async throws {
        let id = a.account.id, team = a.teams[.copilot]!.id, service = cockpit.guardrails(.copilot)
        try await select(app, "pii")
        await app.press(.char("-"))
        guard case .form(let form) = app.state.mode else { Issue.record("no unassign form"); return }
        #expect(form.value("scope") == "team Alpha team" && form.title == "remove preset pii from")
        await fill(app, ["account"])
        #expect(refusal(app)?.contains("is not assigned to") == true, "\(app.state.mode)")
        await fill(app, ["team Alpha team"])
        #expect(app.state.message == "removed preset pii from team Alpha team", "\(refusal(app) ?? "")")
        #expect(try await service.assignments(account: id, scopeType: "team", scopeID: team.lowercased).isEmpty)
        #expect(app.state.session.guardrailScopes[.copilot]?.isEmpty != false)
    }

    /// `t` on `pii`: the e-mail's span and the masked text; esc goes back to the presets.
    static func trial(_ app: CockpitApp) async throws {
        await command(app, "guardrails")
        try await select(app, "pii")
        await app.press(.char("t"))
        await fill(app, ["mail me at a@b.co", ""])
        let trial = try #require(GuardrailsScreen.overview(app.state)?.trial, "\(refusal(app) ?? "")")
        #expect(
            trial.answer.hits.map { [$0.patternName, $0.outcome, "\($0.start)", "\($0.end)"] } == [
                ["email", "masked", "11", "17"]
            ])
        #expect(trial.answer.text == "mail me at [EMAIL]" && trial.answer.refused == nil)
        let shown = ViewSnapshotTests.frame(app.state, (80, 24))
        let text = shown.lines.joined(separator: "\n")
        #expect(text.contains("email · block · mask · masked · bytes 11–17") && text.contains("mail me at [EMAIL]"))
        let row = try #require(shown.lines.firstIndex { $0.contains("mail me at a@b.co") })
        let at = shown.lines[row].distance(
            from: shown.lines[row].startIndex, to: shown.lines[row].range(of: "a@b.co")!.lowerBound)
        #expect(String(Array(shown.styleMask[row])[at..<(at + 6)]) == "wwwwww", "the masked span is highlighted")
        await app.press(.escape)
        guard case .screen(let back) = app.state.mode else { Issue.record("esc left the view"); return }
        #expect(!GuardrailsScreen.trying(back) && back.name == GuardrailsScreen.name)
    }

    /// The custom preset's pattern edited (a bad regex refused first) and deleted after `y`.
    static func editAndDelete(_ cockpit: Cockpit, _ a: TenantFixture, _ app: CockpitApp) async throws {
        let id = a.account.id, service = cockpit.guardrails(.copilot)
        func entries() async throws -> [JSONValue] {
            try await service.presets(account: id).first { $0.code == "support-safe" }?
                .presetJSON["custom_patterns"]?.arrayValue ?? []
        }
        try await select(app, "support-safe", pattern: "ticket ids")
        await app.press(.char("e"))
        await fill(app, ["ticket ids", "(b", "block", "refuse", "yes", "output"])
        #expect(refusal(app)?.contains("ticket ids") == true, "\(app.state.mode)")
        await fill(app, ["ticket ids", "(?i)ticket-[0-9]+", "block", "refuse", "no", "output"])
        #expect(app.state.message == "saved pattern ticket ids of preset support-safe", "\(refusal(app) ?? "")")
        let edited = try #require(try await entries().first)
        #expect(edited["pattern_regex"] == "(?i)ticket-[0-9]+" && edited["enabled"] == false)
        try await select(app, "support-safe", pattern: "ticket ids")
        await app.press(.char("d"))
        guard case .confirm(let question) = app.state.mode else { Issue.record("no question"); return }
        #expect(question.expected == "y" && question.title == "delete pattern ticket ids of preset support-safe?")
        ControlViewScenarioTests.type(app, "y")
        await app.press(.enter)
        #expect(try await entries() == [] && app.state.message == "deleted pattern ticket ids of preset support-safe")
    }

    @Test func theConsoleTreeHasItsOwnPresets() async throws {
        try await CatalogScenarioTests.withCatalog(.sqlite) {
            (cockpit: Cockpit, a: TenantFixture, app: CockpitApp) async throws in
            let id = a.account.id
            _ = try await cockpit.guardrails(.copilot).upsertPreset(
                account: id, code: "copilot-only", name: "Copilot", presetJSON: nil)
            #expect(app.state.session.focus == .console)
            await Self.command(app, "guardrails")
            guard case .screen(let screen) = app.state.mode else { Issue.record("not open"); return }
            #expect(GuardrailsScreen.domain(screen) == .console)
            #expect(GuardrailsScreen.overview(app.state)?.presets == [], "the copilot tree's preset is not listed")
            await app.press(.char("n"))
            await Self.fill(app, ["console-safe", "Console"])
            #expect(try await cockpit.guardrails(.console).presets(account: id).map(\.code) == ["console-safe"])
            #expect(try await cockpit.guardrails(.copilot).presets(account: id).map(\.code) == ["copilot-only"])
            await Self.command(app, "guardrails copilot")
            #expect(GuardrailsScreen.overview(app.state)?.presets.map(\.code) == ["copilot-only"])
            await Self.command(app, "guardrails nowhere")
            #expect(app.state.message == ":guardrails takes console or copilot (default: the focused tree)")
        }
    }

    @Test func readOnlyRefusesEveryChangeButTriesAPreset() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Alpha")
            let id = a.account.id
            let document: JSONValue = [
                "custom_patterns": [
                    [
                        "pattern_name": "email", "pattern_regex": "builtin:email", "pattern_type": "block",
                        "action": "mask",
                    ]
                ]
            ]
            _ = try await cockpit.guardrails(.copilot).upsertPreset(
                account: id, code: "mask-mail", name: "Mask mail", presetJSON: document)
            let app = CockpitApp(
                backend: LocalBackend(
                    cockpit: cockpit, principal: Principal.superAdmin(method: .local).readingOnly(), identity: "root"),
                readOnly: true)
            try await app.prepare()
            await app.press(.tab)
            await Self.command(app, "guardrails")
            #expect(GuardrailsScreen.overview(app.state)?.presets.map(\.code) == ["mask-mail"])
            for key in ["n", "e", "p", "+", "-", "d"] {
                app.state.message = nil
                await app.press(.char(Character(key)))
                #expect(app.state.message == KeyHandler.readOnlyMessage, "\(key)")
                #expect(app.state.mode.isScreen, "\(key) opened nothing")
            }
            await app.press(.char("t"))
            await Self.fill(app, ["write to a@b.co", "input"])
            let trial = try #require(GuardrailsScreen.overview(app.state)?.trial, "\(Self.refusal(app) ?? "")")
            #expect(trial.answer.text == "write to [EMAIL]" && trial.direction == "input")
            #expect(try await cockpit.guardrails(.copilot).presets(account: id).count == 1, "nothing was written")
        }
    }
}
