import Foundation

/// Guardrail hits counted since the process started, per preset code, direction and outcome, for `/metrics`
/// (`cockpit_guardrail_hits_total`), and the stored patterns the gateway could not compile
/// (`cockpit_guardrail_patterns_skipped_total`).
public final class GuardrailMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var hits: [[String]: Int] = [:]
    private var skipped = 0

    /// Adds one request's hits.
    func count(_ summaries: [GuardrailHitSummary]) {
        lock.withLock {
            for s in summaries { hits[[s.preset, s.direction, s.outcome], default: 0] += s.count }
        }
    }

    /// Counts a pattern a scanner left out.
    func countSkipped() { lock.withLock { skipped += 1 } }

    /// The hits counted for one preset code, direction and outcome.
    public func hits(preset: String, direction: String, outcome: String) -> Int {
        lock.withLock { hits[[preset, direction, outcome]] ?? 0 }
    }

    /// The counters in Prometheus' text format.
    public var exposition: String {
        let (rows, skipped) = lock.withLock { (hits, self.skipped) }
        var text = "# TYPE cockpit_guardrail_hits_total counter\n"
        for (labels, count) in rows.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            text += "cockpit_guardrail_hits_total{preset=\"\(Self.label(labels[0]))\",direction=\"\(labels[1])\","
            text += "outcome=\"\(labels[2])\"} \(count)\n"
        }
        text += "# TYPE cockpit_guardrail_patterns_skipped_total counter\n"
        return text + "cockpit_guardrail_patterns_skipped_total \(skipped)\n"
    }

    /// A label value escaped as Prometheus requires (backslash, quote, line break), control characters dropped.
    static func label(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: if !CharacterSet.controlCharacters.contains(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
