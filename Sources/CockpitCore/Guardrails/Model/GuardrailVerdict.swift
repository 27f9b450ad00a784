import Foundation

/// What happened to one match. Matched text is never part of it: only the pattern, what was done and where.
public enum GuardrailHitOutcome: String, Sendable, Codable {
    /// A `detect` pattern matched; the text went on.
    case detected
    /// A masking `block` pattern matched; the span was replaced by the pattern's token.
    case masked
    /// In a stream, a masking match began before bytes already released (it was longer than the hold-back window):
    /// the part still held was masked, the earlier part had left.
    case maskedPartially = "masked_partially"
    /// A refusing `block` pattern matched; the text is refused.
    case refused
}

/// One hit of a pattern: safe to record, log and count (no matched text). Offsets are UTF-8 bytes of the scanned
/// text (of the whole stream, in streaming mode).
public struct GuardrailHit: Sendable, Equatable, Codable {
    public var presetCode: String
    public var patternName: String
    public var patternType: GuardrailPatternType
    /// The pattern's `action` as written.
    public var action: String
    public var outcome: GuardrailHitOutcome
    public var byteOffset: Int
    public var byteCount: Int

    public init(
        presetCode: String, patternName: String, patternType: GuardrailPatternType, action: String,
        outcome: GuardrailHitOutcome, byteOffset: Int, byteCount: Int
    ) {
        (self.presetCode, self.patternName, self.patternType, self.action) = (
            presetCode, patternName, patternType, action
        )
        (self.outcome, self.byteOffset, self.byteCount) = (outcome, byteOffset, byteCount)
    }
}

/// Why a text is refused: the first refusing match (by position) names its preset and pattern.
public struct GuardrailRefusal: Sendable, Equatable, Codable {
    public var presetCode: String
    public var patternName: String
    public var action: String
    public var byteOffset: Int

    /// The refusal in words that name the preset and pattern and never echo the text.
    public var message: String {
        "Guardrail \(Self.quoted(presetCode)) blocked this content (pattern \(Self.quoted(patternName)))"
    }

    static func quoted(_ text: String) -> String {
        let clean = text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        return "'" + String(String.UnicodeScalarView(clean.prefix(200))) + "'"
    }
}

/// The engine's finding over one text: every hit in order of position and, when a refusing pattern matched, the
/// refusal. Holds no matched text.
public struct GuardrailVerdict: Sendable, Equatable, Codable {
    public var hits: [GuardrailHit]
    public var refusal: GuardrailRefusal?

    public init(hits: [GuardrailHit] = [], refusal: GuardrailRefusal? = nil) {
        (self.hits, self.refusal) = (hits, refusal)
    }

    /// Whether the text may go on (possibly masked).
    public var isRefused: Bool { refusal != nil }
}

/// A verdict and the text with every masking match replaced, kept apart so the verdict can be recorded alone.
public struct GuardrailOutcome: Sendable, Equatable {
    public var verdict: GuardrailVerdict
    /// The scanned text with masked spans replaced by their tokens (the original text when nothing was masked).
    public var text: String
}
