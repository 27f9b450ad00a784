import Foundation

/// The guardrail hits of one request, gathered as its input, answer or stream is checked (a stream adds to it from
/// its own task), then recorded on its spend row and counted in `/metrics`. Holds no matched text.
final class GuardrailHitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [GuardrailHitSummary] = []

    /// Adds the hits of one check in `direction`.
    func add(_ hits: [GuardrailHit], _ direction: GuardrailDirection) {
        guard !hits.isEmpty else { return }
        lock.withLock {
            for hit in hits {
                let outcome = hit.outcome.rawValue
                if let i = counts.firstIndex(where: {
                    $0.preset == hit.presetCode && $0.pattern == hit.patternName && $0.direction == direction.rawValue
                        && $0.outcome == outcome
                }) {
                    counts[i].count += 1
                } else {
                    counts.append(
                        GuardrailHitSummary(
                            preset: hit.presetCode, pattern: hit.patternName, action: hit.action,
                            direction: direction.rawValue, outcome: outcome, count: 1))
                }
            }
        }
    }

    /// Every hit so far, one summary per preset, pattern, direction and outcome, in the order first seen.
    var summaries: [GuardrailHitSummary] { lock.withLock { counts } }
}
