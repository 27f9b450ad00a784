import CockpitAPI
import CockpitCore
import Foundation

/// What `:guardrails`'s forms send to the backend. A guard type's preset (`pii`, `toxic`, `jailbreak`) changes through
/// the pattern routes; any other preset's patterns are its `custom_patterns`, saved with the preset. Every refusal is
/// the core's, in its words: in the form (which stays open), or in the status line for a confirmed delete.
extension GuardrailsScreen {
    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), backend = c.backend
        let back = form.returnTo ?? screen(.copilot)
        let domain = Self.domain(back)
        guard let o = overview(c.state), o.domain == domain else {
            throw CockpitError.invalid(field: "form", reason: "the guardrails are loading: try again")
        }
        let preset = id.flatMap(o.preset)
        let message: String
        var select: (GuardrailsOverview) -> Int? = { _ in nil }
        switch verb {
        case "preset":
            let code = form.value("code"), name = form.value("name")
            if preset == nil, o.presets.contains(where: { $0.code == code }) {
                throw CockpitError.invalid(field: "code", reason: "\(code) exists already: select it and e edits it")
            }
            let saved = try await backend.saveGuardrailPreset(
                account: account, domain: domain, code: code, name: name, presetJSON: preset?.presetJSON)
            message = "\(preset == nil ? "created" : "saved") preset \(saved.code)"
            select = { o in o.rows.firstIndex(of: .preset(o.presets.firstIndex { $0.id == saved.id } ?? -1)) }
        case "pattern":
            let code = try await GuardrailForms.savePattern(c, form, o, into: preset, domain: domain)
            message = "saved pattern \(form.value("pattern_name")) of preset \(code)"
            select = { o in
                guard let p = o.presets.firstIndex(where: { $0.code == code }) else { return nil }
                let index = o.patterns(o.presets[p]).lastIndex { $0.patternName == form.value("pattern_name") }
                return o.rows.firstIndex(of: index.map { .pattern(preset: p, index: $0) } ?? .preset(p))
            }
        case _ where verb.hasPrefix("pattern:"):
            guard let preset, let index = Int(verb.dropFirst(8)) else { throw Self.gone }
            try await GuardrailForms.editPattern(c, form, o, preset, index: index, domain: domain)
            message = "saved pattern \(form.value("pattern_name")) of preset \(preset.code)"
        case "assign":
            guard let preset else { throw Self.gone }
            let (type, scopeID) = try GuardrailForms.scope(form.value("scope"), o, account: account)
            _ = try await backend.assignGuardrailPreset(
                account: account, domain: domain, preset: preset.id, scopeType: type, scopeID: scopeID)
            message = "assigned preset \(preset.code) to \(o.label(type.rawValue, scopeID))"
        case "unassign":
            guard let preset else { throw Self.gone }
            let (type, scopeID) = try GuardrailForms.scope(form.value("scope"), o, account: account)
            let matching = o.assignments.filter {
                $0.presetID == preset.id && $0.scopeType == type && $0.scopeID.lowercased() == scopeID.lowercased()
            }
            guard !matching.isEmpty else {
                throw CockpitError.invalid(
                    field: "scope",
                    reason: "preset \(preset.code) is not assigned to \(o.label(type.rawValue, scopeID))")
            }
            for assignment in matching {
                _ = try await backend.unassignGuardrailPreset(account: account, domain: domain, id: assignment.id)
            }
            message = "removed preset \(preset.code) from \(o.label(type.rawValue, scopeID))"
        case "trial":
            guard let preset else { throw Self.gone }
            let text = form.rawValue("text"), typed = form.value("direction").lowercased()
            let direction = typed.isEmpty || typed == "any" ? nil : typed
            let answer = try await backend.tryGuardrailPreset(
                account: account, domain: domain, code: preset.code, text: text, direction: direction)
            var tried = o
            tried.trial = .init(code: preset.code, text: text, direction: direction, answer: answer)
            let shown = screen(domain, trial: true, selected: back.selected)
            var update = stored(tried)
            update.state = { $0.mode = .screen(shown) }
            return update
        default: throw CockpitError.invalid(field: "form", reason: "guardrails has no form \(verb)")
        }
        return try await reloaded(c, back, message, select: select)
    }

    /// A confirmed delete of a pattern; the core's refusal goes to the status line in its words.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        var back = screen(.copilot)
        if case .screen(let shown) = c.state.mode, shown.name == name { back = shown }
        do {
            let o = overview(c.state)
            guard command.verb == "deletePattern", let o, let preset = command.id.flatMap(o.preset),
                let index = command.text.flatMap(Int.init)
            else { throw Self.gone }
            let removed = try await GuardrailForms.deletePattern(c, o, preset, index: index)
            back.selected = max(0, back.selected - 1)
            return try await reloaded(c, back, "deleted pattern \(removed) of preset \(preset.code)")
        } catch let error as CockpitError {
            return ScreenUpdate(state: { $0.message = "delete refused: \(error.message)" })
        }
    }

    /// The refusal when what a form names is no longer there.
    static let gone = CockpitError.invalid(field: "form", reason: "names a preset or pattern that is gone: reload (R)")

    /// The view loaded again after a change, back on screen with `message` and the row `select` finds selected.
    static func reloaded(
        _ c: ScreenContext, _ back: ScreenState, _ message: String,
        select: (GuardrailsOverview) -> Int? = { _ in nil }
    ) async throws -> ScreenUpdate {
        let o = try await GuardrailsOverview.load(c, domain(back), cached: overview(c.state))
        var screen = back
        if let index = select(o) { screen.selected = index }
        screen.selected = min(screen.selected, max(0, o.rows.count - 1))
        var update = stored(o)
        let shown = screen
        update.state = {
            $0.mode = .screen(shown)
            $0.message = message
        }
        return update
    }
}
