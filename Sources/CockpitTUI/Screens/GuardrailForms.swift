import CockpitAPI
import CockpitCore
import Foundation

/// `:guardrails`'s forms and what they send: a preset (code, name), a pattern (its preset, name, regex, type, action,
/// enabled, direction), an assignment to a scope of the tree, and a trial. A pattern of a guard type's preset (`pii`,
/// `toxic`, `jailbreak`) goes through the pattern routes; one of any other preset is an entry of its
/// `custom_patterns`, saved with the preset. Either way the core compiles the regex and refuses, naming the pattern.
enum GuardrailForms {
    static func form(
        _ verb: String, id: UUID?, title: String, _ fields: [FormState.Field], _ back: ScreenState,
        changes: Bool = true
    ) -> FormState {
        var form = FormState(kind: .screen(GuardrailsScreen.name, verb: verb, id: id), title: title, fields: fields)
        form.returnTo = back
        form.changes = changes
        return form
    }

    /// A new preset, or the name of one (its patterns are kept).
    static func preset(_ p: GuardrailPreset?, _ o: GuardrailsOverview, _ back: ScreenState) -> FormState {
        form(
            "preset", id: p?.id, title: p.map { "edit preset \($0.code)" } ?? "a new \(o.domain.rawValue) preset",
            [
                .init(
                    name: "code", label: "code", value: p?.code ?? "",
                    hint: p == nil ? "unique in the tree; pii, toxic, jailbreak take the pattern routes" : "kept"),
                .init(name: "name", label: "name", value: p?.name ?? ""),
            ], back)
    }

    /// A new pattern of `p` (`index` nil), or its pattern at `index`.
    static func pattern(_ p: GuardrailPreset, index: Int?, _ o: GuardrailsOverview, _ back: ScreenState) -> FormState {
        let item = index.map { o.patterns(p)[$0] }
        var fields: [FormState.Field] = []
        if item == nil {
            fields.append(
                .init(
                    name: "preset", label: "preset (guard type)", value: p.code,
                    hint: "pii, toxic, jailbreak or a preset's code"))
        }
        fields += [
            .init(name: "pattern_name", label: "name", value: item?.patternName ?? ""),
            .init(
                name: "pattern_regex", label: "regex", value: item?.patternRegex ?? "",
                hint: "a Hyperscan regex, or builtin:email, builtin:phone, builtin:card…"),
            .init(
                name: "pattern_type", label: "type", value: item?.patternType ?? "block",
                hint: "detect, block or allow"),
            .init(
                name: "action", label: "action", value: item?.action ?? "mask",
                hint: "on block: mask or redact replaces the match, anything else refuses"),
            .init(name: "enabled", label: "enabled", value: item.map { $0.enabled ? "yes" : "no" } ?? "yes"),
            .init(
                name: "applies_to", label: "applies to", value: item?.appliesTo ?? "both",
                hint: "input, output or both"),
        ]
        let title =
            item.map { "edit pattern \($0.patternName ?? "") of \(p.code)" + ($0.isSystem ? " (system)" : "") }
            ?? "a new pattern"
        return form(index.map { "pattern:\($0)" } ?? "pattern", id: p.id, title: title, fields, back)
    }

    /// Assigns `p` to a scope, starting from the node selected in the tree's pane.
    static func assign(
        _ p: GuardrailPreset, _ o: GuardrailsOverview, _ s: CockpitState, _ back: ScreenState, removing: Bool = false
    ) -> FormState {
        let node = s.session.panes[o.domain]?.selected
        let hint =
            "account, org NAME, team NAME, user EMAIL" + (o.domain == .copilot && !removing ? " or agent ID" : "")
        return form(
            removing ? "unassign" : "assign", id: p.id,
            title: removing ? "remove preset \(p.code) from" : "assign preset \(p.code)",
            [.init(name: "scope", label: removing ? "from" : "to", value: o.reach.text(node), hint: hint)], back)
    }

    /// Tries `p` on a text (a read: offered in read-only mode too), starting from the last text tried.
    static func trial(_ p: GuardrailPreset, last: GuardrailsOverview.Trial?, _ back: ScreenState) -> FormState {
        form(
            "trial", id: p.id, title: "try preset \(p.code)",
            [
                .init(name: "text", label: "text", value: last?.text ?? "", hint: "at most 64 KiB", lines: 4),
                .init(
                    name: "direction", label: "direction", value: last?.direction ?? "",
                    hint: "input, output, or empty for every pattern"),
            ], back, changes: false)
    }

    /// A scope typed in the assign form: `agent ID`, or what `TreeReach` reads (`account`, `team Support`…).
    static func scope(_ text: String, _ o: GuardrailsOverview, account: UUID) throws -> (GuardrailScopeType, String) {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        if words.first?.lowercased() == "agent", words.count == 2 {
            return (.agent, words[1].trimmingCharacters(in: .whitespaces))
        }
        let scope = try o.reach.scope(text, account: account)
        return (GuardrailScopeType(rawValue: scope.type.rawValue) ?? .account, scope.id)
    }

    /// The yes-or-no `enabled` field.
    static func enabled(_ form: FormState) throws -> Bool { try CatalogActions.yes(form, "enabled", "enabled") }

    /// A text field: nil when empty.
    static func optional(_ form: FormState, _ field: String) -> String? {
        let value = form.value(field)
        return value.isEmpty ? nil : value
    }

    /// Saves a new pattern into the preset its form names; returns the preset's code.
    static func savePattern(
        _ c: ScreenContext, _ form: FormState, _ o: GuardrailsOverview, into selected: GuardrailPreset?,
        domain: ProductDomain
    ) async throws -> String {
        let account = try c.requireAccount()
        let code = form.value("preset")
        if let type = GuardrailGuardType(rawValue: code.lowercased()) {
            _ = try await c.backend.createGuardrailPattern(
                account: account, domain: domain,
                GuardrailPatternInput(
                    guardType: type.rawValue, patternName: form.value("pattern_name"),
                    patternRegex: form.rawValue("pattern_regex"), patternType: form.value("pattern_type"),
                    action: optional(form, "action"), enabled: try enabled(form),
                    appliesTo: optional(form, "applies_to")))
            return type.rawValue
        }
        guard let preset = o.presets.first(where: { $0.code == code }) ?? (code.isEmpty ? selected : nil) else {
            throw CockpitError.invalid(field: "preset", reason: "names no preset of the tree: \(code) (n creates one)")
        }
        var entry: [String: JSONValue] = ["id": .string(UUID().lowercased), "is_system": false]
        try fill(&entry, form)
        let stamp = Timestamp.format(Date())
        (entry["created_at"], entry["updated_at"]) = (.string(stamp), .string(stamp))
        try await save(c, preset, entries: entries(preset) + [.object(entry)], domain: domain)
        return preset.code
    }

    /// Saves the changes of the pattern at `index` of `preset`.
    static func editPattern(
        _ c: ScreenContext, _ form: FormState, _ o: GuardrailsOverview, _ preset: GuardrailPreset, index: Int,
        domain: ProductDomain
    ) async throws {
        let all = entries(preset)
        guard all.indices.contains(index) else { throw GuardrailsScreen.gone }
        let item = o.patterns(preset)[index]
        if GuardrailGuardType(rawValue: preset.code) != nil, let id = item.id {
            // Only what changed is sent: a system pattern takes `enabled` alone.
            func changed(_ field: String, _ was: String?) -> String? {
                form.value(field) == (was ?? "") ? nil : form.value(field)
            }
            let on = try enabled(form)
            let change = GuardrailPatternChange(
                patternName: changed("pattern_name", item.patternName),
                patternRegex: changed("pattern_regex", item.patternRegex),
                patternType: changed("pattern_type", item.patternType), action: changed("action", item.action),
                enabled: on == item.enabled ? nil : on, appliesTo: changed("applies_to", item.appliesTo))
            if item.isSystem, change != GuardrailPatternChange(enabled: change.enabled) {
                throw CockpitError.badRequest("System patterns can only toggle enabled")
            }
            _ = try await c.backend.updateGuardrailPattern(
                account: try c.requireAccount(), domain: domain, id: id, change)
            return
        }
        if item.isSystem { throw CockpitError.badRequest("System patterns can only toggle enabled") }
        var entry = all[index].objectValue ?? [:]
        try fill(&entry, form)
        entry["updated_at"] = .string(Timestamp.format(Date()))
        var changed = all
        changed[index] = .object(entry)
        try await save(c, preset, entries: changed, domain: domain)
    }

    /// Deletes the pattern at `index` of `preset`; returns its name.
    static func deletePattern(
        _ c: ScreenContext, _ o: GuardrailsOverview, _ preset: GuardrailPreset, index: Int
    ) async throws -> String {
        let all = entries(preset)
        guard all.indices.contains(index) else { throw GuardrailsScreen.gone }
        let item = o.patterns(preset)[index]
        if GuardrailGuardType(rawValue: preset.code) != nil, let id = item.id {
            _ = try await c.backend.deleteGuardrailPattern(account: try c.requireAccount(), domain: o.domain, id: id)
        } else {
            if item.isSystem { throw CockpitError.forbidden("System patterns cannot be deleted") }
            var kept = all
            kept.remove(at: index)
            try await save(c, preset, entries: kept, domain: o.domain)
        }
        return item.patternName ?? "#\(index + 1)"
    }

    /// A preset's `custom_patterns` entries.
    static func entries(_ preset: GuardrailPreset) -> [JSONValue] {
        preset.presetJSON["custom_patterns"]?.arrayValue ?? []
    }

    /// The form's fields into a `custom_patterns` entry (the core checks them when the preset is saved).
    static func fill(_ entry: inout [String: JSONValue], _ form: FormState) throws {
        entry["pattern_name"] = .string(form.value("pattern_name"))
        entry["pattern_regex"] = .string(form.rawValue("pattern_regex"))
        entry["pattern_type"] = .string(form.value("pattern_type"))
        entry["action"] = optional(form, "action").map(JSONValue.string) ?? .null
        entry["enabled"] = .bool(try enabled(form))
        entry["applies_to"] = optional(form, "applies_to").map(JSONValue.string) ?? .null
    }

    /// Saves a preset with `entries` as its `custom_patterns` (its name and the rest of its document kept).
    static func save(
        _ c: ScreenContext, _ preset: GuardrailPreset, entries: [JSONValue], domain: ProductDomain
    ) async throws {
        var document = preset.presetJSON.objectValue ?? [:]
        document["custom_patterns"] = .array(entries)
        _ = try await c.backend.saveGuardrailPreset(
            account: try c.requireAccount(), domain: domain, code: preset.code, name: preset.name,
            presetJSON: .object(document))
    }
}
