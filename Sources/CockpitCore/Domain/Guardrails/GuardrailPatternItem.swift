import Foundation

/// The guard types whose patterns the pattern routes keep: each in the `custom_patterns` of the preset whose code is
/// the type (V1_CONTRACT.md "Guardrails").
public enum GuardrailGuardType: String, Sendable, CaseIterable {
    case pii, toxic, jailbreak

    /// The 400 for a type that is none of these.
    static let refusal = CockpitError.badRequest("guard_type must be one of: pii,toxic,jailbreak")

    /// The name a preset created on demand gets: the code upper-cased.
    var presetName: String { rawValue.uppercased() }
}

/// One pattern as the pattern routes answer it: `{id, account_id, guard_type, pattern_name, pattern_regex,
/// pattern_type, action, enabled, is_system, created_at, updated_at}` and cockpit's `applies_to`. Read from a stored
/// `custom_patterns` entry as the original reads it: missing fields are null, `enabled` defaults to true.
public struct GuardrailPatternItem: Sendable, Equatable {
    public var id: String?
    public var accountID: UUID
    public var guardType: String
    public var patternName: String?
    public var patternRegex: String?
    public var patternType: String?
    public var action: String?
    public var enabled: Bool
    public var isSystem: Bool
    public var createdAt: String?
    public var updatedAt: String?
    /// `input`, `output` or `both` (the default when the entry has none).
    public var appliesTo: String

    public init(entry: JSONValue, account: UUID, guardType: String) {
        id = entry["id"]?.stringValue
        accountID = account
        self.guardType = guardType
        patternName = entry["pattern_name"]?.stringValue
        patternRegex = entry["pattern_regex"]?.stringValue
        patternType = entry["pattern_type"]?.stringValue
        action = entry["action"]?.stringValue
        enabled = Self.truth(entry["enabled"], default: true)
        isSystem = Self.truth(entry["is_system"], default: false)
        createdAt = entry["created_at"]?.stringValue
        updatedAt = entry["updated_at"]?.stringValue
        appliesTo = entry["applies_to"]?.stringValue ?? GuardrailAppliesTo.both.rawValue
    }

    /// The item as audit values (the contract's fields, `guard_type` first as the original records it).
    var values: JSONValue {
        let text: (String?) -> JSONValue = { $0.map(JSONValue.string) ?? .null }
        return .object([
            "id": text(id), "account_id": .string(accountID.lowercased), "guard_type": .string(guardType),
            "pattern_name": text(patternName), "pattern_regex": text(patternRegex), "pattern_type": text(patternType),
            "action": text(action), "enabled": .bool(enabled), "is_system": .bool(isSystem),
            "created_at": text(createdAt), "updated_at": text(updatedAt), "applies_to": .string(appliesTo),
        ])
    }

    /// A stored flag read as the original reads it (absent: `fallback`; otherwise its truth). The presets route only
    /// stores booleans here, so this matters only for rows written before it checked.
    static func truth(_ value: JSONValue?, default fallback: Bool) -> Bool {
        switch value {
        case nil: return fallback
        case .bool(let on)?: return on
        case .null?: return false
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        case .number(let n)?: return n != 0
        }
    }
}
