import CockpitAPI
@testable import CockpitCore
import Foundation

extension WireContractTests {
    static let patternItem = GuardrailPatternItem(
        entry: ["id": "p", "pattern_name": "n", "pattern_regex": "r", "pattern_type": "detect"], account: id,
        guardType: "pii")
    static let effectiveGuardrail = EffectiveGuardrail(
        assignment: GuardrailAssignment(
            id: id, accountID: id, presetID: id, scopeType: .team, scopeID: "t", createdBy: "a", createdAt: now),
        preset: preset, source: GuardrailScopeLink(.team, "t"))
    static let trial = GuardrailTrial(
        preset: "c",
        hits: [
            GuardrailHit(
                presetCode: "c", patternName: "n", patternType: .block, action: "mask", outcome: .masked,
                byteOffset: 0, byteCount: 1)
        ], refusal: GuardrailRefusal(presetCode: "c", patternName: "n", action: "block", byteOffset: 0), text: "t",
        skipped: [GuardrailSkippedPattern(presetCode: "c", patternName: "n", reason: "r")])

    /// Guardrail patterns, the effective view and the trial of a preset (V1_CONTRACT.md "Guardrails", cockpit's test).
    nonisolated(unsafe) static let guardrailPatterns: [(String, Any, Place)] = [
        (
            "GuardrailPatternCreate",
            GuardrailPatternCreate(guardType: "pii", patternName: "n", patternRegex: "r", patternType: "detect"),
            .component("GuardrailPatternCreate")
        ),
        ("GuardrailPatternUpdate", GuardrailPatternUpdate(), .component("GuardrailPatternUpdate")),
        ("GuardrailPatternView", GuardrailPatternView(patternItem), .component("GuardrailPattern")),
        (
            "GuardrailPatternList", GuardrailPatternList(GuardrailPatternPage(items: [patternItem], total: 1)),
            .component("GuardrailPatternList")
        ),
        ("GuardrailScopeRef", GuardrailScopeRef(GuardrailScopeLink(.org, "o")), .component("GuardrailScopeRef")),
        ("EffectiveGuardrailView", EffectiveGuardrailView(effectiveGuardrail), .component("EffectiveGuardrail")),
        (
            "EffectiveGuardrailsAnswer",
            EffectiveGuardrailsAnswer(
                EffectiveGuardrails(items: [effectiveGuardrail], resolutionOrder: [GuardrailScopeLink(.org, "o")])),
            .component("EffectiveGuardrails")
        ),
        ("GuardrailPresetTrial", GuardrailPresetTrial(text: "t"), .component("GuardrailPresetTrial")),
        ("GuardrailTrialHit", GuardrailTrialHit(trial.hits[0]), .component("GuardrailTrialHit")),
        ("GuardrailTrialRefusal", GuardrailTrialRefusal(trial.refusal!), .component("GuardrailTrialRefusal")),
        ("GuardrailTrialSkip", GuardrailTrialSkip(trial.skipped[0]), .component("GuardrailTrialSkip")),
        ("GuardrailTrialAnswer", GuardrailTrialAnswer(trial), .component("GuardrailTrial")),
    ]
}
