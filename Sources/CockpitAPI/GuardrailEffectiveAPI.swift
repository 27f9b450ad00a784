import CockpitCore
import Foundation

/// A scope of the effective view's chain: `{scope_type, scope_id}`.
public struct GuardrailScopeRef: Codable, Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(_ link: GuardrailScopeLink) { (scopeType, scopeID) = (link.type.rawValue, link.id) }
}

/// A preset in effect: `{scope_type, scope_id, preset_id, code, name, preset_json, source_scope_type,
/// source_scope_id}` (the assignment's scope, its preset, and the scope of the chain that brought it).
public struct EffectiveGuardrailView: Codable, Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String
    public var presetID: UUID
    public var code: String
    public var name: String
    public var presetJson: JSONValue
    public var sourceScopeType: String
    public var sourceScopeID: String

    public init(_ e: EffectiveGuardrail) {
        (scopeType, scopeID, presetID) = (e.assignment.scopeType.rawValue, e.assignment.scopeID, e.preset.id)
        (code, name, presetJson) = (e.preset.code, e.preset.name, e.preset.presetJSON)
        (sourceScopeType, sourceScopeID) = (e.source.type.rawValue, e.source.id)
    }
}

/// `GET /v1/copilot/guardrails/effective`: `{items, resolution_order}`.
public struct EffectiveGuardrailsAnswer: Codable, Sendable, Equatable {
    public var items: [EffectiveGuardrailView]
    public var resolutionOrder: [GuardrailScopeRef]

    public init(_ e: EffectiveGuardrails) {
        items = e.items.map(EffectiveGuardrailView.init)
        resolutionOrder = e.resolutionOrder.map(GuardrailScopeRef.init)
    }
}

/// `POST /v1/copilot/guardrails/presets/{code}/test`: the text (at most 64 KiB) and the direction (`input`,
/// `output`, or null for every pattern).
public struct GuardrailPresetTrial: Codable, Sendable {
    public var text: String
    public var direction: String?

    public init(text: String, direction: String? = nil) { (self.text, self.direction) = (text, direction) }
}

/// One hit of a trial: the pattern, what it did, and its span in UTF-8 bytes of the text sent (`end` exclusive).
public struct GuardrailTrialHit: Codable, Sendable, Equatable {
    public var patternName: String
    public var patternType: String
    public var action: String
    public var outcome: String
    public var start: Int
    public var end: Int

    public init(_ h: GuardrailHit) {
        (patternName, patternType, action, outcome) = (
            h.patternName, h.patternType.rawValue, h.action, h.outcome.rawValue
        )
        (start, end) = (h.byteOffset, h.byteOffset + h.byteCount)
    }
}

/// The refusal of a trial: `{preset, pattern}`.
public struct GuardrailTrialRefusal: Codable, Sendable, Equatable {
    public var preset: String
    public var pattern: String

    public init(_ r: GuardrailRefusal) { (preset, pattern) = (r.presetCode, r.patternName) }
}

/// A pattern a trial left out because it does not compile: `{pattern_name, reason}`.
public struct GuardrailTrialSkip: Codable, Sendable, Equatable {
    public var patternName: String
    public var reason: String

    public init(_ s: GuardrailSkippedPattern) { (patternName, reason) = (s.patternName, s.reason) }
}

/// The trial's answer: `{preset, hits, refused, text, skipped}` (`refused` written as null when nothing refused).
public struct GuardrailTrialAnswer: Codable, Sendable, Equatable {
    public var preset: String
    public var hits: [GuardrailTrialHit]
    public var refused: GuardrailTrialRefusal?
    public var text: String
    public var skipped: [GuardrailTrialSkip]

    public init(_ t: GuardrailTrial) {
        (preset, hits, refused) = (
            t.preset, t.hits.map(GuardrailTrialHit.init), t.refusal.map(GuardrailTrialRefusal.init)
        )
        (text, skipped) = (t.text, t.skipped.map(GuardrailTrialSkip.init))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(preset, forKey: .preset)
        try c.encode(hits, forKey: .hits)
        try c.encode(refused, forKey: .refused)
        try c.encode(text, forKey: .text)
        try c.encode(skipped, forKey: .skipped)
    }
}
