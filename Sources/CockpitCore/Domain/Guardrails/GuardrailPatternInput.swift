import Foundation

/// `POST /v1/copilot/guardrails/patterns` as the core takes it: the strings as sent (the service checks them in the
/// original's order), `enabled` true unless given, cockpit's `applies_to` (`both` when nil).
public struct GuardrailPatternInput: Sendable, Equatable {
    public var guardType: String
    public var patternName: String
    public var patternRegex: String
    public var patternType: String
    public var action: String?
    public var enabled: Bool
    public var appliesTo: String?

    public init(
        guardType: String, patternName: String, patternRegex: String, patternType: String, action: String? = nil,
        enabled: Bool = true, appliesTo: String? = nil
    ) {
        (self.guardType, self.patternName, self.patternRegex, self.patternType) =
            (guardType, patternName, patternRegex, patternType)
        (self.action, self.enabled, self.appliesTo) = (action, enabled, appliesTo)
    }
}

/// `PUT /v1/copilot/guardrails/patterns/{pattern_id}`: each field replaces the pattern's when not nil (blank text
/// allowed, as in the original); a system pattern takes only `enabled`.
public struct GuardrailPatternChange: Sendable, Equatable {
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

    /// Whether the change only toggles `enabled` (nothing the engine compiles changes).
    var onlyToggles: Bool {
        patternName == nil && patternRegex == nil && patternType == nil && action == nil && appliesTo == nil
    }
}

/// A page of patterns: the page's items and how many matched in all.
public struct GuardrailPatternPage: Sendable, Equatable {
    public var items: [GuardrailPatternItem]
    public var total: Int
}
