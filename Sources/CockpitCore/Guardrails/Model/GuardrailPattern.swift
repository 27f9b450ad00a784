import Foundation

/// What a pattern is for (the wire's `pattern_type`).
public enum GuardrailPatternType: String, Sendable, Codable, CaseIterable {
    /// A match is recorded; the text goes on.
    case detect
    /// A match is masked (`action` `mask` or `redact`) or refuses the text (any other action).
    case block
    /// A match exempts the overlapping matches of the other patterns of the same preset.
    case allow
}

/// The direction a pattern applies to (the wire's optional `applies_to`, default `both`).
public enum GuardrailAppliesTo: String, Sendable, Codable, CaseIterable {
    case input, output, both

    /// Whether a pattern with this setting applies in `direction` (`nil`: any direction, as a preset's trial does).
    public func covers(_ direction: GuardrailDirection?) -> Bool {
        guard let direction else { return true }
        return self == .both || rawValue == direction.rawValue
    }
}

/// Which text a scanner looks at: the request going upstream or the answer coming back.
public enum GuardrailDirection: String, Sendable, Codable, CaseIterable {
    case input, output
}

/// What the engine does with a (non-exempt) match of a pattern, derived from its type and action.
public enum GuardrailEffect: String, Sendable, Codable {
    case allow, detect, mask, refuse
}

/// One guardrail pattern as a preset's `custom_patterns` holds it (V1_CONTRACT.md "Guardrails"), with cockpit's
/// `applies_to`. `regex` is a Hyperscan regular expression or `builtin:<name>` (see `BuiltinDetector`).
public struct GuardrailPattern: Sendable, Equatable, Codable {
    public var name: String
    public var regex: String
    public var type: GuardrailPatternType
    /// Free text; on a `block` pattern `mask` or `redact` (any case) replaces the span, anything else refuses.
    public var action: String
    public var appliesTo: GuardrailAppliesTo
    public var enabled: Bool

    public init(
        name: String, regex: String, type: GuardrailPatternType, action: String = "",
        appliesTo: GuardrailAppliesTo = .both,
        enabled: Bool = true
    ) {
        (self.name, self.regex, self.type, self.action, self.appliesTo, self.enabled) =
            (name, regex, type, action, appliesTo, enabled)
    }

    enum CodingKeys: String, CodingKey {
        case name = "pattern_name", regex = "pattern_regex", type = "pattern_type", action, appliesTo = "applies_to"
        case enabled
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        regex = try c.decode(String.self, forKey: .regex)
        type = try c.decode(GuardrailPatternType.self, forKey: .type)
        action = try c.decodeIfPresent(String.self, forKey: .action) ?? ""
        appliesTo = try c.decodeIfPresent(GuardrailAppliesTo.self, forKey: .appliesTo) ?? .both
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
    }

    /// What a match does: `allow` and `detect` as typed; `block` masks for `mask`/`redact`, refuses otherwise.
    public var effect: GuardrailEffect {
        switch type {
        case .allow: .allow
        case .detect: .detect
        case .block:
            Self.maskingActions.contains(action.trimmingCharacters(in: .whitespaces).lowercased()) ? .mask : .refuse
        }
    }

    /// The built-in detector `regex` names (`builtin:<name>`), if any; an unknown name is `nil` here and refused by
    /// `PatternCompiler`.
    public var builtin: BuiltinDetector? { BuiltinDetector(reference: regex) }

    /// What replaces a masked span: the built-in detector's token (`[EMAIL]`…), `[REDACTED]` for custom patterns.
    public var maskToken: String { builtin?.maskToken ?? "[REDACTED]" }

    static let maskingActions: Set<String> = ["mask", "redact"]
}

/// The patterns of one preset, in order, under the preset's code (a scanner compiles a list of these).
public struct GuardrailPresetPatterns: Sendable, Equatable {
    public var code: String
    public var patterns: [GuardrailPattern]

    public init(code: String, patterns: [GuardrailPattern]) { (self.code, self.patterns) = (code, patterns) }
}

extension GuardrailPattern {
    /// One entry of a preset's `custom_patterns` as stored: nil when it lacks `pattern_name`, `pattern_regex` or a
    /// known `pattern_type`, or has an unknown `applies_to` (such an entry is never compiled; the routes refuse to
    /// store one).
    public init?(entry: JSONValue) {
        guard let name = entry["pattern_name"]?.stringValue, let regex = entry["pattern_regex"]?.stringValue,
            let type = entry["pattern_type"]?.stringValue.flatMap(GuardrailPatternType.init(rawValue:))
        else { return nil }
        var appliesTo = GuardrailAppliesTo.both
        if let raw = entry["applies_to"], raw != .null {
            guard let parsed = raw.stringValue.flatMap(GuardrailAppliesTo.init(rawValue:)) else { return nil }
            appliesTo = parsed
        }
        let enabled: Bool
        switch entry["enabled"] {
        case .bool(let on)?: enabled = on
        default: enabled = true
        }
        self.init(
            name: name, regex: regex, type: type, action: entry["action"]?.stringValue ?? "", appliesTo: appliesTo,
            enabled: enabled)
    }
}

extension GuardrailPresetPatterns {
    /// The patterns of a stored preset, from its `preset_json.custom_patterns`, in order; entries that do not
    /// read as patterns are left out.
    public init(preset: GuardrailPreset) {
        let entries = preset.presetJSON["custom_patterns"]?.arrayValue ?? []
        self.init(code: preset.code, patterns: entries.compactMap(GuardrailPattern.init(entry:)))
    }
}
