import CockpitCore
import Foundation

/// `:guardrails [console|copilot]`: the guardrails of one tree (the focused pane's unless named): the account's presets
/// with their patterns, where each is assigned, and the presets in effect for the node selected in the tree with the
/// scope each comes from; forms create and edit presets, add, edit and delete patterns (a regex that does not compile
/// is the core's refusal, in the form) and assign the selected preset to the selected node; `t` tries a preset on a
/// text and shows the hits in it. The view's argument holds the tree (and `trial` while a trial's answer is shown).
enum GuardrailsScreen: Screen {
    static let name = "guardrails"
    static let usage = "guardrails [console/copilot]"
    static let summary =
        "guardrail presets of a tree: patterns, assignments, the selected node's effective presets; try one on a text"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("n")], action: .new, description: "create a guardrail preset (code, name)", hint: "new"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected preset's name, or the selected pattern (its regex is checked by the core)",
            hint: "edit"),
        KeyBinding(
            keys: [.char("p")], action: .pattern,
            description:
                "add a pattern to the selected preset: name, regex (or builtin:NAME), type, action, applies to",
            hint: "pattern"),
        KeyBinding(
            keys: [.char("+")], action: .grant,
            description: "assign the selected preset to the node selected in the tree (or a scope typed)",
            hint: "assign"),
        KeyBinding(
            keys: [.char("t")], action: .test,
            description: "try the selected preset on a text: the hits highlighted, the masked text or the refusal",
            hint: "try"),
        KeyBinding(
            keys: [.char("-")], action: .revoke,
            description:
                "remove one of the selected preset's assignments (the node selected in the tree, or a scope typed)",
            hint: "unassign"),
        KeyBinding(
            keys: [.char("d")], action: .delete, description: "delete the selected pattern (y to confirm)",
            hint: "delete"),
    ]

    static func overview(_ s: CockpitState) -> GuardrailsOverview? {
        s.session.screenData[name]?.get(GuardrailsOverview.self)
    }

    /// The tree a view state is about.
    static func domain(_ screen: ScreenState) -> ProductDomain {
        (screen.argument ?? "").split(separator: " ").first.flatMap { ProductDomain(rawValue: String($0)) }
            ?? .copilot
    }

    /// Whether the trial's answer is shown.
    static func trying(_ screen: ScreenState) -> Bool { screen.argument?.hasSuffix(" trial") == true }

    /// The view state of a tree, with or without the trial's answer.
    static func screen(_ domain: ProductDomain, trial: Bool = false, selected: Int = 0) -> ScreenState {
        ScreenState(name: name, selected: selected, argument: domain.rawValue + (trial ? " trial" : ""))
    }

    static func hinted(_ screen: ScreenState) -> [KeyBinding] {
        trying(screen) ? bindings.filter { $0.action == .test } : bindings
    }

    static func rowCount(_ s: CockpitState) -> Int? {
        guard case .screen(let screen) = s.mode, !trying(screen) else { return nil }
        return overview(s).map { $0.domain == domain(screen) ? $0.rows.count : 0 } ?? 0
    }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        let typed = argument?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard typed.isEmpty || ProductDomain(rawValue: typed) != nil else {
            s.message = ":guardrails takes console or copilot (default: the focused tree)"
            return (s, [])
        }
        let domain = ProductDomain(rawValue: typed) ?? s.session.focus
        let left = s.session.leftScreens[name].flatMap { Self.domain($0) == domain ? $0.selected : nil }
        let screen = screen(domain, selected: left ?? 0)
        if var cached = overview(s) {
            cached.treeLoadedAt = .distantPast
            s.session.screenData[name] = ScreenData(cached)
        }
        s.mode = .screen(screen)
        return (s, [.load(screen, account: s.accountID)])
    }

    /// esc on a trial's answer goes back to the presets.
    static func back(_ s: CockpitState, _ screen: ScreenState) -> CockpitState? {
        guard trying(screen) else { return nil }
        var s = s
        s.mode = .screen(Self.screen(domain(screen), selected: screen.selected))
        return s
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard let o = overview(s), o.domain == domain(screen) else {
            s.message = "the guardrails are loading"
            return (s, [])
        }
        var back = screen
        back.typingFilter = false
        if action == .new {
            s.mode = .form(GuardrailForms.preset(nil, o, back))
            return (s, [])
        }
        let rows = o.rows
        guard screen.selected < rows.count else {
            s.message = "no preset yet: n creates one"
            return (s, [])
        }
        let row = rows[screen.selected], preset = o.presets[row.preset]
        switch (action, row) {
        case (.edit, .preset): s.mode = .form(GuardrailForms.preset(preset, o, back))
        case (.edit, .pattern(_, let index)): s.mode = .form(GuardrailForms.pattern(preset, index: index, o, back))
        case (.pattern, _): s.mode = .form(GuardrailForms.pattern(preset, index: nil, o, back))
        case (.grant, _): s.mode = .form(GuardrailForms.assign(preset, o, s, back))
        case (.revoke, _): s.mode = .form(GuardrailForms.assign(preset, o, s, back, removing: true))
        case (.test, _):
            let last = o.trial.flatMap { $0.code == preset.code ? $0 : nil } ?? o.trial
            s.mode = .form(GuardrailForms.trial(preset, last: last, back))
        case (.delete, .preset): s.message = "select one of the preset's patterns to delete it (presets stay)"
        case (.delete, .pattern(_, let index)):
            let item = o.patterns(preset)[index]
            s.mode = .confirm(
                ConfirmState(
                    title: "delete pattern \(item.patternName ?? "#\(index + 1)") of preset \(preset.code)?",
                    expected: "y",
                    effect: .perform(
                        name, account: s.accountID, ScreenCommand("deletePattern", id: preset.id, text: String(index))),
                    returnTo: .screen(back)))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let o = overview(s).flatMap { $0.domain == domain(screen) ? $0 : nil }
        if trying(screen), let o, let trial = o.trial {
            GuardrailTrialPanel.draw(&b, s, trial, o)
        } else {
            GuardrailsView.draw(&b, s, screen, o)
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let o = try await GuardrailsOverview.load(c, domain(screen), cached: overview(c.state))
        return stored(o)
    }

    /// Keeps a loaded overview in the session, and its assigned scopes for the panes' marks.
    static func stored(_ o: GuardrailsOverview) -> ScreenUpdate {
        ScreenUpdate(session: {
            $0.screenData[name] = ScreenData(o)
            $0.guardrailScopes[o.domain] = o.assignedScopes
        })
    }
}
