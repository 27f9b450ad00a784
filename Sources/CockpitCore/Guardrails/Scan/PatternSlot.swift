import Foundation

/// One pattern as a compiled scanner knows it: where it comes from, what a match does, how its raw Hyperscan
/// reports are gathered, and how long its matches can be.
struct PatternSlot: Sendable {
    /// How the reports of one expression are gathered while scanning. Hyperscan reports every end offset of a
    /// match (with its leftmost start), so `\d+` over `12345` reports five overlapping spans.
    enum Gathering: Sendable, Equatable {
        /// Overlapping and touching spans become one (a custom regex: its union is what matched).
        case union
        /// Every candidate is kept for the built-in check (bounded built-ins: a shorter candidate may be the valid one).
        case everyCandidate
        /// Only the longest candidate of each start is kept (unbounded built-ins: one check per token).
        case longestPerStart
        /// A run of one character class without start tracking: the first report of a run ends `minWidth` bytes
        /// after its start, each next byte of the run reports again and lengthens it.
        case runFromEnd(minWidth: Int)
    }

    let presetIndex: Int
    let presetCode: String
    let pattern: GuardrailPattern
    let effect: GuardrailEffect
    let builtin: BuiltinDetector?
    /// Longest match in bytes; `nil` when unbounded.
    let maxWidth: Int?
    /// Bytes the built-in check may extend a match leftwards beyond what Hyperscan reported.
    let leftReach: Int

    init(presetIndex: Int, presetCode: String, pattern: GuardrailPattern, maxWidth: Int?) {
        (self.presetIndex, self.presetCode, self.pattern, self.maxWidth) = (presetIndex, presetCode, pattern, maxWidth)
        effect = pattern.effect
        builtin = pattern.builtin
        leftReach = builtin?.leftReach ?? 0
    }

    /// How each of the pattern's expressions is gathered (in the order `PatternCompiler.expressions` gives them).
    var gatherings: [Gathering] { builtin?.candidates.map(\.gathering) ?? [.union] }

    /// Whether a match changes or stops the text, so a stream must hold bytes back until it is known.
    var holdsText: Bool { effect == .mask || effect == .refuse }

    /// A hit of this pattern over `span`.
    func hit(_ outcome: GuardrailHitOutcome, _ span: Range<Int>) -> GuardrailHit {
        GuardrailHit(
            presetCode: presetCode, patternName: pattern.name, patternType: pattern.type, action: pattern.action,
            outcome: outcome, byteOffset: span.lowerBound, byteCount: span.count)
    }
}

/// A raw match: which slot, which bytes (absolute offsets).
struct RawMatch: Sendable, Equatable {
    var slot: Int
    var from: Int
    var to: Int

    var span: Range<Int> { from..<to }

    func overlaps(_ other: RawMatch) -> Bool { from < other.to && other.from < to }
}

/// A pattern the scanner left out, and why (for the caller to log and count; no matched text exists yet).
public struct GuardrailSkippedPattern: Sendable, Equatable {
    public var presetCode: String
    public var patternName: String
    public var reason: String
}
