import Foundation

/// How the pattern routes change a guard type's preset: its `custom_patterns` edited in memory, the result
/// validated as a whole off the transaction (compiling may take a while), then written in one transaction that
/// re-reads the preset, replaces its `preset_json` only if nobody changed it meanwhile (else the edit is redone on the
/// new state, three times at most), and audits.
extension GuardrailService {
    /// One edit of a preset's patterns: the new list, the pattern as it was and as it becomes (nil: none / deleted),
    /// and the pattern to validate alone first (nil: nothing the engine compiles changed).
    struct PatternEdit: Sendable {
        var entries: [JSONValue]
        var before: GuardrailPatternItem?
        var after: GuardrailPatternItem?
        var check: GuardrailPattern?
    }

    /// The guard types' presets in order, created when missing (an on-demand preset, audited as created) when the
    /// caller may change the catalog; a caller that may only read sees nil for a missing one and changes nothing.
    func typePresets(account: UUID, types: [GuardrailGuardType]) async throws -> [GuardrailPreset?] {
        let existing = try await context.read(.account(account)) { tx in
            try types.map { try GuardrailRepository(tx, domain: domain).preset(code: $0.rawValue, account: account) }
        }
        guard existing.contains(where: { $0 == nil }), let actor = try? context.changing(permission, in: account)
        else { return existing }
        let now = context.now()
        return try await context.writeAdmission(account) { tx in
            try types.map { try ensurePreset(tx, $0, account: account, actor: actor, at: now) }
        }
    }

    /// The type's preset, created (`{"config": {}, "custom_patterns": []}`, named the code upper-cased) if missing.
    func ensurePreset(
        _ tx: Transaction, _ type: GuardrailGuardType, account: UUID, actor: Actor, at now: Date
    ) throws
        -> GuardrailPreset
    {
        let (preset, created) = try GuardrailRepository(tx, domain: domain).presetCreatingIfMissing(
            GuardrailPreset(
                id: UUID(), accountID: account, code: type.rawValue, name: type.presetName,
                presetJSON: ["config": [:], "custom_patterns": []], createdBy: actor.name, createdAt: now,
                updatedAt: now, domain: domain))
        if created {
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: AuditDomain(domain), action: "guardrail.preset_create",
                objectType: "guardrail_preset", objectID: preset.id.lowercased, before: nil,
                after: Self.values(preset), at: now)
        }
        return preset
    }

    /// A preset's `custom_patterns` entries (none when it has no list).
    static func entries(_ preset: GuardrailPreset) -> [JSONValue] {
        preset.presetJSON["custom_patterns"]?.arrayValue ?? []
    }

    /// Applies `edit` to the type's preset (starting from `snapshot`), validates and writes it; returns the edit as
    /// written. `action` is the audit event (`guardrail.pattern_create`…), `patternID` the audited object.
    func rewrite(
        account: UUID, type: GuardrailGuardType, snapshot: GuardrailPreset, patternID: String, action: String,
        edit: @escaping @Sendable ([JSONValue]) throws -> PatternEdit
    ) async throws -> PatternEdit {
        let actor = try context.changing(permission, in: account)
        var current = snapshot
        for _ in 0..<3 {
            let change = try edit(Self.entries(current))
            var object = current.presetJSON.objectValue ?? [:]
            object["custom_patterns"] = .array(change.entries)
            let document = try Validation.metadata(.object(object), field: "preset_json", maxKiB: 256)
            if let check = change.check {
                try await PatternCompiler.validate(check)
                try await PatternCompiler.validate(
                    presetCode: type.rawValue, patterns: change.entries.compactMap(GuardrailPattern.init(entry:)))
            }
            let now = context.now()
            let seen = current
            let written: GuardrailPreset? = try await context.writeAdmission(account) { tx in
                let repo = GuardrailRepository(tx, domain: domain)
                guard let stored = try repo.preset(code: type.rawValue, account: account) else {
                    return try ensurePreset(tx, type, account: account, actor: actor, at: now)
                }
                guard stored.id == seen.id, stored.presetJSON == seen.presetJSON else { return stored }
                _ = try repo.replacePresetJSON(stored.id, account: account, with: document, at: now)
                let deleted: JSONValue = ["id": .string(patternID), "guard_type": .string(type.rawValue)]
                try AuditRepository(tx).record(
                    account: account, actor: actor, domain: AuditDomain(domain), action: action,
                    objectType: "guardrail_pattern",
                    objectID: patternID, before: change.before?.values, after: change.after?.values ?? deleted,
                    at: now)
                return nil
            }
            guard let changed = written else { return change }
            current = changed
        }
        throw CockpitError.conflict("the guardrail preset changed while this change was checked; try again")
    }
}
