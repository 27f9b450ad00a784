import CockpitCore
import Foundation

/// Walker templates for guardrail patterns (reached by id, `.guardrailPattern`), the effective view (by the copilot
/// tree's ids and an agent's) and the trial of a preset (by code, `.guardrailCode`).
enum GuardrailWalkerRequests {
    static let base = "/v1/copilot/guardrails"

    static func add(to specs: inout RouteSpecs) {
        specs.add(
            "GET \(base)/patterns", { _ in .get("\(base)/patterns") },
            { _ in .get("\(base)/patterns?guard_type=pii&enabled=true&limit=200") })
        specs.add("POST \(base)/patterns") { r in
            .json(
                "\(base)/patterns",
                [
                    "guard_type": "pii", "pattern_name": r.walkName, "pattern_regex": .string("walk-\(r.nonce)"),
                    "pattern_type": "detect",
                ])
        }
        specs.add("GET \(base)/patterns/{pattern_id}") { r in .get("\(base)/patterns/\(r[.guardrailPattern])") }
        specs.add("PUT \(base)/patterns/{pattern_id}") { r in
            .json("\(base)/patterns/\(r[.guardrailPattern])", ["pattern_name": r.walkName, "enabled": true])
        }
        specs.add("DELETE \(base)/patterns/{pattern_id}") { r in .plain("\(base)/patterns/\(r[.guardrailPattern])") }
        specs.add("GET \(base)/effective") { r in
            .get(
                "\(base)/effective?org_id=\(r[.org(.copilot)])&team_id=\(r[.team(.copilot)])"
                    + "&user_id=\(r[.user(.copilot)])&agent_id=\(r[.agent])")
        }
        specs.add("POST \(base)/presets/{code}/test") { r in
            .json(
                "\(base)/presets/\(r[.guardrailCode])/test",
                ["text": .string("walk \(r.nonce) mail me at walker@example.com"), "direction": "input"])
        }
    }

    /// A tenant's pattern (a masking block pattern in its `pii` preset). Returns its id.
    static func pattern(_ cockpit: Cockpit, account: UUID, prefix: String) async throws -> String {
        let pattern = try await cockpit.guardrails.createPattern(
            account: account,
            GuardrailPatternInput(
                guardType: "pii", patternName: "\(prefix)-pattern", patternRegex: "\(prefix)-secret-word",
                patternType: "block", action: "mask"))
        return pattern.id ?? ""
    }
}
