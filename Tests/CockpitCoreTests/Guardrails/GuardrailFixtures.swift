@testable import CockpitCore
import Foundation

/// Scanners and streams for the guardrail engine's tests.
enum GuardrailFixtures {
    /// A masking pattern for a built-in detector.
    static func masking(_ detector: BuiltinDetector) -> GuardrailPattern {
        GuardrailPattern(name: detector.rawValue, regex: detector.reference, type: .block, action: "mask")
    }

    /// A scanner over one preset.
    static func scanner(
        _ patterns: [GuardrailPattern], code: String = "pii", direction: GuardrailDirection? = .output,
        cap: Int = GuardrailScanner.defaultStreamWindowCap
    ) async throws -> GuardrailScanner {
        try await GuardrailScanner.compile(
            presets: [GuardrailPresetPatterns(code: code, patterns: patterns)], direction: direction,
            streamWindowCap: cap)
    }

    /// `text` with every match of `detector` masked.
    static func mask(_ detector: BuiltinDetector, _ text: String) async throws -> String {
        try await scanner([masking(detector)]).apply(to: text).text
    }

    /// What a stream over `chunks` sends in all, every step's text, the hits and the refusal.
    static func stream(_ scanner: GuardrailScanner, _ chunks: [String]) -> StreamRun {
        let stream = scanner.openStream()
        var run = StreamRun()
        for chunk in chunks {
            let step = stream.feed(chunk)
            run.record(step)
            if step.refusal != nil { return run }
        }
        run.record(stream.finish())
        return run
    }

    struct StreamRun {
        var steps: [String] = []
        var hits: [GuardrailHit] = []
        var refusal: GuardrailRefusal?
        var text: String { steps.joined() }

        mutating func record(_ step: GuardrailStreamStep) {
            steps.append(step.text)
            hits += step.hits
            if let refusal = step.refusal { self.refusal = refusal }
        }
    }
}
