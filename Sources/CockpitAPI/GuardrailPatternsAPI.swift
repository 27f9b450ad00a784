import CockpitCore
import Foundation

/// `POST /v1/copilot/guardrails/patterns`: `guard_type`, `pattern_name`, `pattern_regex`, `pattern_type` required;
/// `action` text or null, `enabled` (true) and cockpit's `applies_to` (`input`|`output`|`both`, default `both`).
public struct GuardrailPatternCreate: Codable, Sendable {
    public var guardType: String
    public var patternName: String
    public var patternRegex: String
    public var patternType: String
    public var action: String?
    public var enabled: Bool?
    public var appliesTo: String?

    public init(
        guardType: String, patternName: String, patternRegex: String, patternType: String, action: String? = nil,
        enabled: Bool? = nil, appliesTo: String? = nil
    ) {
        (self.guardType, self.patternName, self.patternRegex, self.patternType) =
            (guardType, patternName, patternRegex, patternType)
        (self.action, self.enabled, self.appliesTo) = (action, enabled, appliesTo)
    }

    /// The core's input.
    public var input: GuardrailPatternInput {
        GuardrailPatternInput(
            guardType: guardType, patternName: patternName, patternRegex: patternRegex, patternType: patternType,
            action: action, enabled: enabled ?? true, appliesTo: appliesTo)
    }
}

/// `PUT /v1/copilot/guardrails/patterns/{pattern_id}`: every field optional (absent or null: kept).
public struct GuardrailPatternUpdate: Codable, Sendable {
    public var patternName: String?
    public var patternRegex: String?
    public var patternType: String?
    public var action: String?
    public var enabled: Bool?
    public var appliesTo: String?

    public init(
        patternName: String? = nil, patternRegex: String? = nil, patternType: String? = nil, action: String? = nil,
        enabled: Bool? = nil, appliesTo: String? = nil
    ) {
        (self.patternName, self.patternRegex, self.patternType) = (patternName, patternRegex, patternType)
        (self.action, self.enabled, self.appliesTo) = (action, enabled, appliesTo)
    }

    /// The core's change.
    public var change: GuardrailPatternChange {
        GuardrailPatternChange(
            patternName: patternName, patternRegex: patternRegex, patternType: patternType, action: action,
            enabled: enabled, appliesTo: appliesTo)
    }
}

/// A pattern: `{id, account_id, guard_type, pattern_name, pattern_regex, pattern_type, action, enabled, is_system,
/// created_at, updated_at}` (every key written, null when the stored entry lacks it) and cockpit's `applies_to`.
/// The timestamps are the texts stored in the entry.
public struct GuardrailPatternView: Codable, Sendable, Equatable {
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
    public var appliesTo: String

    public init(_ p: GuardrailPatternItem) {
        (id, accountID, guardType, patternName, patternRegex, patternType) = (
            p.id, p.accountID, p.guardType, p.patternName, p.patternRegex, p.patternType
        )
        (action, enabled, isSystem, createdAt, updatedAt, appliesTo) = (
            p.action, p.enabled, p.isSystem, p.createdAt, p.updatedAt, p.appliesTo
        )
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(guardType, forKey: .guardType)
        try c.encode(patternName, forKey: .patternName)
        try c.encode(patternRegex, forKey: .patternRegex)
        try c.encode(patternType, forKey: .patternType)
        try c.encode(action, forKey: .action)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(isSystem, forKey: .isSystem)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(appliesTo, forKey: .appliesTo)
    }
}

/// `GET /v1/copilot/guardrails/patterns`: a page and how many matched in all.
public struct GuardrailPatternList: Codable, Sendable, Equatable {
    public var items: [GuardrailPatternView]
    public var total: Int

    public init(_ page: GuardrailPatternPage) {
        (items, total) = (page.items.map(GuardrailPatternView.init), page.total)
    }
}
