import Foundation

/// How often one guardrail pattern hit a request in one direction with one outcome: what a spend row records
/// (`guardrail_hits`) and `/metrics` counts. Never the matched text.
public struct GuardrailHitSummary: Sendable, Hashable, Codable {
    /// The preset's code.
    public var preset: String
    public var pattern: String
    /// The pattern's `action` as written.
    public var action: String
    /// `input` or `output`.
    public var direction: String
    /// `detected`, `masked`, `masked_partially` or `refused`.
    public var outcome: String
    public var count: Int

    public init(preset: String, pattern: String, action: String, direction: String, outcome: String, count: Int) {
        (self.preset, self.pattern, self.action, self.direction, self.outcome, self.count) =
            (preset, pattern, action, direction, outcome, count)
    }
}
