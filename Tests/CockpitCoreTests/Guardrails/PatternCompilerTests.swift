@testable import CockpitCore
import Foundation
import Testing

/// Saving a pattern: what Hyperscan compiles is accepted, anything else is a 400 that names the pattern and the
/// problem.
struct PatternCompilerTests {
    private func refusal(_ regex: String, name: String = "ssn") async -> String? {
        do {
            try await PatternCompiler.validate(GuardrailPattern(name: name, regex: regex, type: .block, action: "mask"))
            return nil
        } catch let error as CockpitError {
            guard case .badRequest(let message) = error else { return "not a 400: \(error)" }
            return message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func acceptsWhatCompilesAndReportsIt() async throws {
        let report = try await PatternCompiler.validate(
            GuardrailPattern(name: "ssn", regex: #"\d{3}-\d{2}-\d{4}"#, type: .detect))
        // Unicode `\d` takes other scripts' digits too, of up to four bytes each.
        #expect(report.minWidth == 11 && report.maxWidth == 38 && report.unicodeClasses)
        #expect(report.blockDatabaseBytes > 0 && report.streamDatabaseBytes > 0)
        // `\b` only works without Unicode classes: the pattern is compiled in ASCII mode rather than refused.
        let bounded = try await PatternCompiler.validate(
            GuardrailPattern(
                name: "jb", regex: #"(?i)\b(ignore|disregard) (all )?previous instructions\b"#, type: .block))
        #expect(!bounded.unicodeClasses && bounded.maxWidth != nil)
        #expect(
            try await PatternCompiler.validate(GuardrailPattern(name: "any", regex: "(?s)secret.*", type: .detect))
                .maxWidth
                == nil)
        for detector in BuiltinDetector.allCases {
            #expect(await refusal(detector.reference) == nil)
        }
    }

    @Test func refusesConstructsALinearEngineCannotHave() async {
        #expect(
            await refusal(#"(a)\1"#)
                == "pattern 'ssn': pattern_regex uses back-references, which the guardrail engine does not support (it "
                + "matches in linear time and never backtracks): Back-references are unsupported.")
        #expect(await refusal("foo(?=bar)")?.contains("uses lookahead and lookbehind") == true)
        #expect(await refusal("(?<!a)b")?.contains("Zero-width assertions are not supported.") == true)
        #expect(await refusal("(?>ab)c")?.contains("uses atomic groups") == true)
        #expect(await refusal("a++b")?.contains("uses possessive quantifiers") == true)
    }

    @Test func refusesBrokenEmptyOversizedAndUntrackablePatterns() async {
        #expect(
            await refusal("[a-z")
                == "pattern 'ssn': pattern_regex does not compile: Unterminated character class starting at index 0.")
        #expect(await refusal("a*") == "pattern 'ssn': pattern_regex matches the empty string")
        #expect(await refusal("(?m)^") == "pattern 'ssn': pattern_regex matches the empty string")
        #expect(await refusal("   ") == "pattern 'ssn': pattern_regex is required")
        #expect(
            await refusal(String(repeating: "a", count: 2_001))
                == "pattern 'ssn': pattern_regex is longer than 2000 characters")
        #expect(await refusal(String(repeating: "a", count: 2_000)) == nil)
        #expect(await refusal("a\u{0}b")?.contains("contains a control character") == true)
        #expect(
            await refusal("builtin:passport")
                == "pattern 'ssn': unknown built-in detector (known: builtin:email, builtin:phone, builtin:card, "
                + "builtin:iban, builtin:ip, builtin:secret)")
        // Compiles, but Hyperscan cannot say where matches start: masks and allow need that.
        let untrackable = await refusal("x.{0,300}y")
        #expect(
            untrackable?.hasPrefix("pattern 'ssn': pattern_regex is too complex to locate where its matches start")
                == true)
        #expect(untrackable?.contains(".* instead of .{0,300}") == true)
    }

    @Test func refusalsNameThePatternCleanly() async {
        #expect(await refusal("(a)\\1", name: "card\nnumber\u{7}")?.hasPrefix("pattern 'cardnumber': ") == true)
        let long = String(repeating: "n", count: 500)
        #expect(
            await refusal("(a)\\1", name: long)?.hasPrefix("pattern '\(String(repeating: "n", count: 200))': ") == true)
    }

    @Test func presetsAreCheckedAsAWhole() async throws {
        let one = GuardrailPattern(name: "p", regex: "abc", type: .detect)
        try await PatternCompiler.validate(
            presetCode: "pii", patterns: Array(repeating: one, count: 3) + [GuardrailFixtures.masking(.card)])
        await #expect(throws: CockpitError.badRequest("preset 'pii' has more than 500 patterns")) {
            try await PatternCompiler.validate(presetCode: "pii", patterns: Array(repeating: one, count: 501))
        }
        // The refusal of a pattern in a preset is the pattern's own.
        await #expect(throws: CockpitError.badRequest("pattern 'bad': pattern_regex matches the empty string")) {
            try await PatternCompiler.validate(
                presetCode: "pii", patterns: [one, GuardrailPattern(name: "bad", regex: "x?", type: .detect)])
        }
        let untrackable = GuardrailPattern(name: "far", regex: "x.{0,300}y", type: .detect)
        #expect(await refusalOf(untrackable).message.hasPrefix("pattern 'far': pattern_regex is too complex to locate"))
        await #expect(throws: await refusalOf(untrackable)) {
            try await PatternCompiler.validate(presetCode: "pii", patterns: [one, untrackable])
        }
    }

    private func refusalOf(_ pattern: GuardrailPattern) async -> CockpitError {
        do {
            try await PatternCompiler.validate(pattern)
            return .badRequest("accepted")
        } catch {
            return error as? CockpitError ?? .badRequest("\(error)")
        }
    }

    @Test func effectsFollowTypeAndAction() {
        func effect(_ type: GuardrailPatternType, _ action: String) -> GuardrailEffect {
            GuardrailPattern(name: "p", regex: "x", type: type, action: action).effect
        }
        #expect(effect(.block, "mask") == .mask && effect(.block, " Redact ") == .mask)
        #expect(
            effect(.block, "block") == .refuse && effect(.block, "") == .refuse && effect(.block, "warn") == .refuse)
        #expect(effect(.detect, "mask") == .detect && effect(.allow, "block") == .allow)
    }

    @Test func patternsDecodeFromThePresetJSON() throws {
        let json = #"{"pattern_name":"ssn","pattern_regex":"\\d{3}","pattern_type":"block","action":"mask"}"#
        let pattern = try JSONDecoder().decode(GuardrailPattern.self, from: Data(json.utf8))
        #expect(pattern == GuardrailPattern(name: "ssn", regex: #"\d{3}"#, type: .block, action: "mask"))
        #expect(pattern.appliesTo == .both && pattern.enabled)
        let output =
            #"{"pattern_name":"a","pattern_regex":"b","pattern_type":"detect","applies_to":"output","enabled":false}"#
        let decoded = try JSONDecoder().decode(GuardrailPattern.self, from: Data(output.utf8))
        #expect(decoded.appliesTo == .output && !decoded.enabled && decoded.action == "")
        #expect(!decoded.appliesTo.covers(.input) && decoded.appliesTo.covers(.output) && decoded.appliesTo.covers(nil))
    }
}
