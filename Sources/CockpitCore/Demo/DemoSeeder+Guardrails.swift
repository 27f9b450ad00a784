import Foundation

extension DemoSeeder {
    /// One demo pattern: name, regex (or built-in detector), type, action, direction.
    typealias DemoPattern = (name: String, regex: String, type: String, action: String, appliesTo: String)

    /// The copilot tree's three guard-type presets (`pii`, `toxic`, `jailbreak`), in that order, with patterns that
    /// do something: personal data masked, insults recorded, jailbreak keywords refused.
    static let copilotPresets: [(code: String, name: String, patterns: [DemoPattern])] = [
        (
            "pii", "PII",
            [
                ("email", "builtin:email", "block", "mask", "both"),
                ("card", "builtin:card", "block", "mask", "both"),
                ("phone", "builtin:phone", "detect", "", "input"),
            ]
        ),
        ("toxic", "TOXIC", [("insult", "(?i)\\b(idiot|moron|stupid)\\b", "detect", "", "both")]),
        (
            "jailbreak", "JAILBREAK",
            [
                ("ignore-instructions", "(?i)ignore (all )?(previous|prior) instructions", "block", "block", "input"),
                ("developer-mode", "(?i)\\b(developer|DAN) mode\\b", "block", "block", "input"),
            ]
        ),
    ]

    /// The guardrails of a demo account, through the core's services: the copilot tree's guard-type presets (PII
    /// assigned to the first copilot organization, jailbreak keywords to the account, so keys of both trees are held
    /// to them) and a console PII preset (addresses and secrets masked) assigned to the first console team. Returns
    /// the copilot presets' ids, in `copilotPresets` order (the demo agents name them).
    func seedGuardrails(account: UUID, copilotOrg: UUID?, consoleTeam: UUID?) async throws -> [String] {
        var ids: [String] = []
        for (code, name, patterns) in Self.copilotPresets {
            ids.append(try await preset(account, .copilot, code: code, name: name, patterns).id.lowercased)
        }
        let copilot = cockpit.guardrails(.copilot)
        if let copilotOrg {
            _ = try await copilot.assign(
                account: account, presetID: ids[0], scopeType: "org", scopeID: copilotOrg.lowercased)
        }
        _ = try await copilot.assign(
            account: account, presetID: ids[2], scopeType: "account", scopeID: account.lowercased)
        let console = try await preset(
            account, .console, code: "pii", name: "Console PII",
            [
                ("email", "builtin:email", "block", "mask", "both"),
                ("secret", "builtin:secret", "block", "redact", "both"),
            ])
        if let consoleTeam {
            _ = try await cockpit.guardrails(.console).assign(
                account: account, presetID: console.id.lowercased, scopeType: "team", scopeID: consoleTeam.lowercased)
        }
        return ids
    }

    private func preset(
        _ account: UUID, _ domain: ProductDomain, code: String, name: String, _ patterns: [DemoPattern]
    ) async throws -> GuardrailPreset {
        let entries: [JSONValue] = patterns.map { p in
            [
                "id": .string(UUID().uuidString.lowercased()), "pattern_name": .string(p.name),
                "pattern_regex": .string(p.regex), "pattern_type": .string(p.type), "action": .string(p.action),
                "applies_to": .string(p.appliesTo), "enabled": true, "is_system": false,
            ]
        }
        return try await cockpit.guardrails(domain).upsertPreset(
            account: account, code: code, name: name, presetJSON: ["config": [:], "custom_patterns": .array(entries)])
    }

    /// What the gateway would have recorded on a demo request (the `n`th of the run): about one copilot request in
    /// eleven had an address masked, one request in ninety-seven (either tree) was refused by the jailbreak preset
    /// before any upstream call (a failure at no cost). Nil when it met no guardrail.
    static func demoHits(_ n: Int, domain: ProductDomain) -> (hits: [GuardrailHitSummary], refused: Bool)? {
        if n % 97 == 0 {
            let hit = GuardrailHitSummary(
                preset: "jailbreak", pattern: "ignore-instructions", action: "block", direction: "input",
                outcome: "refused", count: 1)
            return ([hit], true)
        }
        guard domain == .copilot, n % 11 == 0 else { return nil }
        let masked = GuardrailHitSummary(
            preset: "pii", pattern: "email", action: "mask", direction: "input", outcome: "masked", count: 1 + n % 3)
        return ([masked], false)
    }
}
