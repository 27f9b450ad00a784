import CockpitCore
import Foundation

/// Walker templates for copilot agents (`/v1/copilot/agents…`) and the guardrail presets and assignments they name
/// (`/v1/copilot/guardrails/{presets,assignments}`): agents are reached by id (`.agent`), presets by id
/// (`.guardrailPreset`), grants, assignments and the effective view by the copilot tree's ids. (An `account`-scope
/// grant or assignment is refused with the original's 400 for another account's id, not a 404: the route tests
/// cover it.)
enum AgentWalkerRequests {
    static let base = "/v1/copilot/agents"
    static let guardrails = "/v1/copilot/guardrails"
    static let scopes: [(String, IDKind)] = [
        ("org", .org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot)),
    ]

    static func add(to specs: inout RouteSpecs) {
        specs.add("POST \(base)") { r in
            .json(
                base,
                [
                    "name": r.walkName, "description": "walk", "definition_json": ["steps": ["walk"]],
                    "grants": .array(scopes.map { ["scope_type": .string($0.0), "scope_id": r.json($0.1)] }),
                    "guardrail_preset_ids": r.list(.guardrailPreset),
                ])
        }
        specs.add("GET \(base)", { _ in .get(base) }, { _ in .get("\(base)?include_grants=true") })
        specs.add("GET \(base)/effective") { r in .get("\(base)/effective?user_id=\(r[.user(.copilot)])") }
        specs.add("GET \(base)/{agent_id}") { r in .get("\(base)/\(r[.agent])") }
        specs.add("PUT \(base)/{agent_id}") { r in
            .json(
                "\(base)/\(r[.agent])",
                [
                    "name": r.walkName, "definition_json": ["walk": true],
                    "guardrail_preset_ids": r.list(.guardrailPreset),
                    "grants": [["scope_type": "team", "scope_id": r.json(.team(.copilot))]],
                ])
        }
        specs.add("DELETE \(base)/{agent_id}", filtering: true) { r in .plain("\(base)/\(r[.agent])") }
        for (type, kind) in scopes {
            specs.add("POST \(base)/{agent_id}/grants") { r in
                .json("\(base)/\(r[.agent])/grants", ["scope_type": .string(type), "scope_id": r.json(kind)])
            }
            specs.add("DELETE \(base)/{agent_id}/grants", filtering: true) { r in
                .plain("\(base)/\(r[.agent])/grants?scope_type=\(type)&scope_id=\(r[kind])")
            }
        }
        specs.add("GET \(base)/{agent_id}/grants") { r in .get("\(base)/\(r[.agent])/grants") }
        addGuardrails(to: &specs)
    }

    /// Presets (by code, no reference) and assignments of a preset to each kind of scope, agents included.
    static func addGuardrails(to specs: inout RouteSpecs) {
        specs.add("POST \(guardrails)/presets") { r in
            .json(
                "\(guardrails)/presets",
                ["code": .string("walk-\(r.nonce)"), "name": r.walkName, "preset_json": ["config": ["walk": true]]])
        }
        specs.add("GET \(guardrails)/presets") { _ in .get("\(guardrails)/presets") }
        for (type, kind) in scopes + [("agent", .agent)] {
            specs.add("POST \(guardrails)/assignments") { r in
                .json(
                    "\(guardrails)/assignments",
                    ["preset_id": r.json(.guardrailPreset), "scope_type": .string(type), "scope_id": r.json(kind)])
            }
            specs.add("GET \(guardrails)/assignments") { r in
                .get("\(guardrails)/assignments?scope_type=\(type)&scope_id=\(r[kind])")
            }
        }
        specs.add("GET \(guardrails)/assignments") { _ in .get("\(guardrails)/assignments") }
    }
}
