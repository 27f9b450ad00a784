import Foundation

/// Guardrail patterns (V1_CONTRACT.md "Guardrails", "Patterns"): a guard type's patterns are the `custom_patterns` of
/// the preset whose code is the type (`pii`, `toxic`, `jailbreak`), created on demand. Listing creates the missing
/// built-in presets of the listed types, and a lookup by id those it inspects before finding the pattern (the
/// original's quirk, kept; in the order pii, toxic, jailbreak). Cockpit is stricter than the original: a regex is
/// compiled when saved (400 naming the pattern), `applies_to` is checked, sizes are bounded.
extension GuardrailService {
    /// The patterns of one guard type (exactly `pii`/`toxic`/`jailbreak`) or all three, optionally only the enabled
    /// or disabled ones, newest `updated_at` (else `created_at`) first; `total` counts before paging.
    public func patterns(
        account: UUID, guardType: String? = nil, enabled: Bool? = nil, limit: Int = 100, offset: Int = 0
    ) async throws -> GuardrailPatternPage {
        try context.reading(permission, in: account)
        var types = GuardrailGuardType.allCases
        if let guardType, !guardType.isEmpty {
            guard let type = GuardrailGuardType(rawValue: guardType) else { throw GuardrailGuardType.refusal }
            types = [type]
        }
        let presets = try await typePresets(account: account, types: types)
        var items: [GuardrailPatternItem] = []
        for (type, preset) in zip(types, presets) {
            guard let preset else { continue }
            items += Self.entries(preset).map {
                GuardrailPatternItem(entry: $0, account: account, guardType: type.rawValue)
            }
        }
        if let enabled { items = items.filter { $0.enabled == enabled } }
        let sorted = items.enumerated().sorted { a, b in
            let (ka, kb) = (
                a.element.updatedAt ?? a.element.createdAt ?? "", b.element.updatedAt ?? b.element.createdAt ?? ""
            )
            return ka != kb ? ka > kb : a.offset < b.offset
        }.map(\.element)
        return GuardrailPatternPage(
            items: MarketplaceService.page(sorted, limit: limit, offset: offset), total: sorted.count)
    }

    /// Adds a pattern to its type's preset (created if missing), in the original's order of checks: 400 guard type
    /// (trimmed, lower-cased) → 400 pattern type (case-sensitive) → 400 `pattern_name and pattern_regex are
    /// required`; then cockpit's: `applies_to`, sizes, and the regex compiled alone and with the preset's others.
    public func createPattern(account: UUID, _ input: GuardrailPatternInput) async throws -> GuardrailPatternItem {
        _ = try context.changing(permission, in: account)
        guard let type = GuardrailGuardType(rawValue: input.guardType.trimmingCharacters(in: .whitespaces).lowercased())
        else { throw GuardrailGuardType.refusal }
        let patternType = try GuardrailPatternRules.patternType(input.patternType)
        let blank = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !blank(input.patternName), !blank(input.patternRegex) else {
            throw CockpitError.badRequest("pattern_name and pattern_regex are required")
        }
        let appliesTo = try GuardrailPatternRules.appliesTo(input.appliesTo)
        try GuardrailPatternRules.texts(name: input.patternName, action: input.action)
        let pattern = GuardrailPattern(
            name: input.patternName, regex: input.patternRegex, type: patternType, action: input.action ?? "",
            appliesTo: appliesTo, enabled: input.enabled)
        try await PatternCompiler.validate(pattern)
        guard let preset = try await typePresets(account: account, types: [type]).first ?? nil else {
            throw CockpitError.nothingFound("Guardrail preset not found")
        }
        let id = UUID().lowercased
        let stamp = Timestamp.format(context.now())
        var entry: [String: JSONValue] = [
            "id": .string(id), "pattern_name": .string(input.patternName), "pattern_regex": .string(input.patternRegex),
            "pattern_type": .string(patternType.rawValue), "action": input.action.map(JSONValue.string) ?? .null,
            "enabled": .bool(input.enabled), "is_system": false, "created_at": .string(stamp),
            "updated_at": .string(stamp),
        ]
        if input.appliesTo != nil { entry["applies_to"] = .string(appliesTo.rawValue) }
        let stored = JSONValue.object(entry)
        let item = GuardrailPatternItem(entry: stored, account: account, guardType: type.rawValue)
        let done = try await rewrite(
            account: account, type: type, snapshot: preset, patternID: id, action: "guardrail.pattern_create"
        ) { entries in
            PatternEdit(entries: entries + [stored], before: nil, after: item, check: pattern)
        }
        return done.after ?? item
    }

    /// One pattern by id; 404 `Pattern not found` (an id that is no UUID: at once, nothing created).
    public func pattern(account: UUID, id: String) async throws -> GuardrailPatternItem {
        try context.reading(permission, in: account)
        let (type, preset, index) = try await locate(account: account, id: id)
        return GuardrailPatternItem(entry: Self.entries(preset)[index], account: account, guardType: type.rawValue)
    }

    /// Changes a pattern: 400 pattern type and `applies_to` (before the lookup) → 404 → a system pattern takes only
    /// `enabled` (else 400 `System patterns can only toggle enabled`); otherwise the given fields replace the
    /// pattern's, its regex is compiled alone and with the preset's others (unless only `enabled` changes).
    public func updatePattern(
        account: UUID, id: String, _ change: GuardrailPatternChange
    ) async throws -> GuardrailPatternItem {
        _ = try context.changing(permission, in: account)
        if let raw = change.patternType { _ = try GuardrailPatternRules.patternType(raw) }
        if let raw = change.appliesTo { _ = try GuardrailPatternRules.appliesTo(raw) }
        try GuardrailPatternRules.texts(name: change.patternName, action: change.action)
        let (type, preset, _) = try await locate(account: account, id: id)
        let stamp = Timestamp.format(context.now())
        let done = try await rewrite(
            account: account, type: type, snapshot: preset, patternID: id.lowercased(),
            action: "guardrail.pattern_update"
        ) { entries in
            var entries = entries
            guard let index = Self.index(of: id, in: entries), var fields = entries[index].objectValue else {
                throw CockpitError.nothingFound("Pattern not found")
            }
            let before = GuardrailPatternItem(entry: entries[index], account: account, guardType: type.rawValue)
            if before.isSystem {
                guard let enabled = change.enabled else {
                    throw CockpitError.badRequest("System patterns can only toggle enabled")
                }
                fields["enabled"] = .bool(enabled)
            } else {
                let texts: [(String, String?)] = [
                    ("pattern_name", change.patternName), ("pattern_regex", change.patternRegex),
                    ("pattern_type", change.patternType), ("action", change.action), ("applies_to", change.appliesTo),
                ]
                for (key, value) in texts { if let value { fields[key] = .string(value) } }
                if let enabled = change.enabled { fields["enabled"] = .bool(enabled) }
            }
            fields["updated_at"] = .string(stamp)
            entries[index] = .object(fields)
            var check: GuardrailPattern?
            if !before.isSystem, !change.onlyToggles {
                guard let pattern = GuardrailPattern(entry: entries[index]) else {
                    throw CockpitError.badRequest(
                        "pattern \(GuardrailRefusal.quoted(before.patternName ?? id)): is incomplete "
                            + "(pattern_name, pattern_regex and pattern_type are required)")
                }
                check = pattern
            }
            let after = GuardrailPatternItem(entry: entries[index], account: account, guardType: type.rawValue)
            return PatternEdit(entries: entries, before: before, after: after, check: check)
        }
        guard let after = done.after else { throw CockpitError.nothingFound("Pattern not found") }
        return after
    }

    /// Deletes a pattern: a system pattern → 403 `System patterns cannot be deleted`; 404 `Pattern not found`.
    public func deletePattern(account: UUID, id: String) async throws -> Bool {
        _ = try context.changing(permission, in: account)
        let (type, preset, _) = try await locate(account: account, id: id)
        _ = try await rewrite(
            account: account, type: type, snapshot: preset, patternID: id.lowercased(),
            action: "guardrail.pattern_delete"
        ) { entries in
            guard let index = Self.index(of: id, in: entries) else {
                throw CockpitError.nothingFound("Pattern not found")
            }
            let before = GuardrailPatternItem(entry: entries[index], account: account, guardType: type.rawValue)
            if before.isSystem { throw CockpitError.forbidden("System patterns cannot be deleted") }
            var kept = entries
            kept.remove(at: index)
            return PatternEdit(entries: kept, before: before, after: nil, check: nil)
        }
        return true
    }

    /// The type, preset and entry index holding pattern `id`. The presets inspected before finding it (all three for
    /// an unknown id) are created when missing; an id that is no UUID is refused before anything is read.
    func locate(account: UUID, id: String) async throws -> (GuardrailGuardType, GuardrailPreset, Int) {
        guard UUID.fast(id) != nil else { throw CockpitError.nothingFound("Pattern not found") }
        let types = GuardrailGuardType.allCases
        let existing = try await context.read(.account(account)) { tx in
            try types.map { try GuardrailRepository(tx, domain: domain).preset(code: $0.rawValue, account: account) }
        }
        let found = zip(types, existing).enumerated().first { _, pair in
            pair.1.map { Self.index(of: id, in: Self.entries($0)) != nil } ?? false
        }
        let inspected = Array(types.prefix(found.map { $0.offset + 1 } ?? types.count))
        if existing.prefix(inspected.count).contains(where: { $0 == nil }) {
            _ = try await typePresets(account: account, types: inspected)
        }
        guard let (_, (type, preset)) = found, let preset, let index = Self.index(of: id, in: Self.entries(preset))
        else { throw CockpitError.nothingFound("Pattern not found") }
        return (type, preset, index)
    }

    /// The index of the entry whose `id` names the same UUID as `id`.
    static func index(of id: String, in entries: [JSONValue]) -> Int? {
        guard let wanted = UUID.fast(id) else { return nil }
        return entries.firstIndex { $0["id"]?.stringValue.flatMap(UUID.fast) == wanted }
    }
}
