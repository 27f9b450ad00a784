import Foundation

/// The checks a guardrail pattern passes before it is stored, shared by the pattern routes and the presets route
/// (cockpit is stricter than the original there: every entry must read as a pattern, and its regex must compile).
enum GuardrailPatternRules {
    static let maxNameLength = 200
    static let maxActionLength = 200

    /// The wire's `pattern_type`, case-sensitive (the original's 400 otherwise).
    static func patternType(_ raw: String) throws -> GuardrailPatternType {
        guard let type = GuardrailPatternType(rawValue: raw) else {
            throw CockpitError.badRequest("pattern_type must be one of: detect,block,allow")
        }
        return type
    }

    /// Cockpit's `applies_to` (`both` when nil).
    static func appliesTo(_ raw: String?) throws -> GuardrailAppliesTo {
        guard let raw else { return .both }
        guard let value = GuardrailAppliesTo(rawValue: raw) else {
            throw CockpitError.badRequest("applies_to must be one of: input,output,both")
        }
        return value
    }

    /// The free texts' limits: a name and an action of at most 200 characters without control characters.
    static func texts(name: String?, action: String?) throws {
        if let name { _ = try CreditService.text(name, field: "pattern_name", max: maxNameLength) }
        if let action { _ = try CreditService.text(action, field: "action", max: maxActionLength) }
    }

    /// Checks a preset's `custom_patterns` (the presets route): absent is none; otherwise a list whose every entry is
    /// an object with a `pattern_name` and `pattern_regex` (text), a known `pattern_type`, an `applies_to` that is
    /// null or known, `enabled` / `is_system` booleans when present, an `id` that is a UUID when present, an `action`
    /// that is text when present; then the regexes, compiled as the preset (`PatternCompiler`). Refusals name the
    /// entry by index (and name, when it has one).
    static func checkEntries(of document: JSONValue, presetCode: String) async throws {
        guard let raw = document["custom_patterns"], raw != .null else { return }
        guard let entries = raw.arrayValue else {
            throw CockpitError.badRequest("preset_json.custom_patterns must be a list")
        }
        var patterns: [GuardrailPattern] = []
        for (index, entry) in entries.enumerated() {
            patterns.append(try pattern(entry, index: index))
        }
        try await PatternCompiler.validate(presetCode: presetCode, patterns: patterns)
    }

    /// One entry of `custom_patterns`, checked (see `checkEntries`); refusals name it as `list[index]`.
    static func pattern(
        _ entry: JSONValue, index: Int, list: String = "preset_json.custom_patterns"
    ) throws -> GuardrailPattern {
        let name = entry["pattern_name"]?.stringValue
        let label = "\(list)[\(index)]" + (name.map { " \(GuardrailRefusal.quoted($0))" } ?? "")
        func refuse(_ reason: String) -> CockpitError { .badRequest("\(label): \(reason)") }
        guard entry.objectValue != nil else { throw refuse("must be a JSON object") }
        guard name != nil, entry["pattern_regex"]?.stringValue != nil else {
            throw refuse("pattern_name and pattern_regex are required")
        }
        guard entry["pattern_type"]?.stringValue.flatMap(GuardrailPatternType.init(rawValue:)) != nil else {
            throw refuse("pattern_type must be one of: detect,block,allow")
        }
        if let applies = entry["applies_to"], applies != .null,
            applies.stringValue.flatMap(GuardrailAppliesTo.init(rawValue:)) == nil
        {
            throw refuse("applies_to must be one of: input,output,both")
        }
        for flag in ["enabled", "is_system"] {
            if let value = entry[flag], value.boolValue == nil { throw refuse("\(flag) must be a boolean") }
        }
        if let id = entry["id"], id != .null, id.stringValue.flatMap(UUID.fast) == nil {
            throw refuse("id must be a UUID")
        }
        if let action = entry["action"], action != .null, action.stringValue == nil {
            throw refuse("action must be text")
        }
        do { try texts(name: name, action: entry["action"]?.stringValue) } catch let error as CockpitError {
            throw refuse(error.message)
        }
        guard let pattern = GuardrailPattern(entry: entry) else { throw refuse("is not a pattern") }
        return pattern
    }
}
