import CockpitAPI
@testable import CockpitCore
@testable import CockpitTUI
import Foundation

/// The catalog fixture's Acme with `:guardrails` loaded for the copilot tree: the guard type preset `pii` (an e-mail
/// mask, a phone detection, a disabled allow-list) assigned to organization global, a custom preset `support-safe`
/// (one refusing pattern) assigned to team Support, an empty `tox`; team Support is selected in the copilot tree and
/// its effective presets come from the team and the organization. `trial` adds a trial's answer with a masked e-mail.
enum GuardrailFixture {
    static func entry(
        _ n: Int, _ name: String, _ regex: String, _ type: String, _ action: String?, enabled: Bool = true,
        appliesTo: String? = nil
    ) -> JSONValue {
        var entry: [String: JSONValue] = [
            "id": .string(Fixture.uuid(n).lowercased), "pattern_name": .string(name), "pattern_regex": .string(regex),
            "pattern_type": .string(type), "action": action.map(JSONValue.string) ?? .null, "enabled": .bool(enabled),
            "is_system": false,
        ]
        if let appliesTo { entry["applies_to"] = .string(appliesTo) }
        return .object(entry)
    }

    static func preset(_ n: Int, _ code: String, _ name: String, _ entries: [JSONValue]) -> GuardrailPreset {
        var p = CatalogFixture.preset(n, code, name)
        p.presetJSON = ["config": [:], "custom_patterns": .array(entries)]
        return p
    }

    static func assignment(_ n: Int, preset: Int, _ type: GuardrailScopeType, _ scope: Int) -> GuardrailAssignment {
        GuardrailAssignment(
            id: Fixture.uuid(n), accountID: Fixture.uuid(1), presetID: Fixture.uuid(preset), scopeType: type,
            scopeID: Fixture.uuid(scope).lowercased, createdBy: "admin@acme.io", createdAt: Fixture.epoch)
    }

    static func overview(_ s: CockpitState) -> GuardrailsOverview {
        var o = GuardrailsOverview(domain: .copilot)
        o.tree = s.session.data[.copilot]!
        let pii = preset(
            80, "pii", "PII redaction",
            [
                entry(140, "email", "builtin:email", "block", "mask"),
                entry(141, "phone", "builtin:phone", "detect", nil, appliesTo: "input"),
                entry(142, "test addresses", "(?i)@example\\.com", "allow", nil, enabled: false),
            ])
        let safe = preset(
            82, "support-safe", "Support desk",
            [entry(143, "ticket secrets", "(?i)password\\s*[:=]\\s*\\S+", "block", "refuse", appliesTo: "output")])
        o.presets = [safe, pii, CatalogFixture.preset(81, "tox", "Toxicity")]
        let byPII = assignment(150, preset: 80, .org, 30), bySafe = assignment(151, preset: 82, .team, 31)
        o.assignments = [bySafe, byPII]
        let chain = GuardrailScopeLink.chain(
            account: Fixture.uuid(1), orgID: Fixture.uuid(30).lowercased, teamID: Fixture.uuid(31).lowercased)
        let effective = EffectiveGuardrails(
            items: [
                EffectiveGuardrail(assignment: bySafe, preset: safe, source: GuardrailScopeLink(.team, bySafe.scopeID)),
                EffectiveGuardrail(assignment: byPII, preset: pii, source: GuardrailScopeLink(.org, byPII.scopeID)),
            ], resolutionOrder: chain)
        o.effective = .init(node: .team(Fixture.uuid(31)), answer: EffectiveGuardrailsAnswer(effective))
        return o
    }

    static func state() -> CockpitState {
        var s = CatalogFixture.state()
        let o = overview(s)
        var session = s.session
        session.screenData[GuardrailsScreen.name] = ScreenData(o)
        session.guardrailScopes[.copilot] = o.assignedScopes
        session.focus = .copilot
        s.session = session
        s.mode = .screen(GuardrailsScreen.screen(.copilot))
        return s
    }

    /// The state with a trial's answer shown: `pii` on a text with an e-mail (masked) and a phone (detected).
    static func trial() -> CockpitState {
        var s = state()
        var o = GuardrailsScreen.overview(s)!
        let text = "mail me at a@b.co or call +1 415 555 0100 — ünïcode"
        let start = text.utf8.count - "a@b.co or call +1 415 555 0100 — ünïcode".utf8.count
        let phone = text.utf8.count - "+1 415 555 0100 — ünïcode".utf8.count
        let trial = GuardrailTrial(
            preset: "pii",
            hits: [
                GuardrailHit(
                    presetCode: "pii", patternName: "email", patternType: .block, action: "mask", outcome: .masked,
                    byteOffset: start, byteCount: 6),
                GuardrailHit(
                    presetCode: "pii", patternName: "phone", patternType: .detect, action: "", outcome: .detected,
                    byteOffset: phone, byteCount: 15),
            ], refusal: nil, text: "mail me at [EMAIL] or call +1 415 555 0100 — ünïcode", skipped: [])
        o.trial = .init(code: "pii", text: text, direction: nil, answer: GuardrailTrialAnswer(trial))
        s.session.screenData[GuardrailsScreen.name] = ScreenData(o)
        s.mode = .screen(GuardrailsScreen.screen(.copilot, trial: true, selected: 3))
        return s
    }
}
