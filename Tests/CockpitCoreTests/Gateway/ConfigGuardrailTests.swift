@testable import CockpitCore
import Foundation
import Testing

/// config.yaml's `guardrails:` in LiteLLM's shape: cockpit's own entries become presets, others are warned about,
/// malformed ones are errors naming them.
struct ConfigGuardrailTests {
    static let yaml = """
        model_list: []
        guardrails:
          - guardrail_name: pii-mask
            litellm_params:
              guardrail: cockpit
              mode: [pre_call, post_call]
              default_on: true
              detectors: [email, card]
              patterns:
                - {pattern_name: codename, pattern_regex: "(?i)bluebird", pattern_type: block, action: block}
          - guardrail_name: answers
            litellm_params: {guardrail: cockpit, mode: post_call, default_on: true, detectors: [secret], action: detect}
          - guardrail_name: presidio-pii
            litellm_params: {guardrail: presidio, mode: pre_call, default_on: true}
          - guardrail_name: on-request
            litellm_params: {guardrail: cockpit, mode: pre_call, detectors: [ip]}
        """

    @Test func cockpitEntriesBecomePresetsAndOthersAreWarnedAbout() throws {
        let config = try GatewayConfig.parse(Self.yaml)
        #expect(config.guardrails.map(\.preset.code) == ["pii-mask", "answers"])
        let pii = GuardrailPresetPatterns(preset: config.guardrails[0].preset)
        #expect(pii.patterns.map(\.name) == ["email", "card", "codename"])
        #expect(pii.patterns.allSatisfy { $0.appliesTo == .both })
        #expect(pii.patterns.map(\.effect) == [.mask, .mask, .refuse])
        let answers = GuardrailPresetPatterns(preset: config.guardrails[1].preset).patterns
        #expect(answers.map(\.appliesTo) == [.output] && answers.map(\.effect) == [.detect])
        #expect(config.warnings.contains { $0.contains("guardrail 'presidio' is not supported") })
        #expect(config.warnings.contains { $0.contains("(on-request): only default_on guardrails are applied") })
        #expect(!config.warnings.contains { $0.contains("unknown key 'guardrails'") })
        #expect(throws: CockpitError.self) { try config.checked(strict: true) }
    }

    @Test func malformedEntriesAreErrorsNamingThem() {
        func error(_ params: String) -> String {
            let yaml = "guardrails:\n  - guardrail_name: g\n    litellm_params: \(params)\n"
            do {
                _ = try GatewayConfig.parse(yaml)
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(
            error("{guardrail: cockpit, default_on: true, detectors: [passport]}").contains(
                "unknown detector 'passport'"))
        #expect(
            error("{guardrail: cockpit, default_on: true, mode: always, detectors: [ip]}").contains("mode 'always'"))
        #expect(error("{guardrail: cockpit, default_on: true}").contains("has no detectors and no patterns"))
        #expect(
            error("{guardrail: cockpit, default_on: true, detectors: [ip], action: shout}").contains("action 'shout'"))
        #expect(
            error(
                "{guardrail: cockpit, default_on: true, patterns: [{pattern_name: b, pattern_regex: '(a)\\1', pattern_type: block}]}"
            ).contains("back-references"))
        #expect(
            error("{guardrail: cockpit, default_on: true, patterns: [{pattern_name: x}]}").contains(
                "patterns[0] 'x': pattern_name and pattern_regex are required")
        )
        #expect(throws: CockpitError.self) { try GatewayConfig.parse("guardrails: {a: 1}") }
    }
}
