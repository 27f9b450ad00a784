import CockpitCore
import Foundation

/// Walker templates for copilot agents (`/v1/copilot/agents…`): agents are reached by id (`.agent`), the guardrail
/// presets they name by id (`.guardrailPreset(.copilot)`), grants by the copilot tree's ids. (An `account`-scope
/// grant is refused with the original's 400 for another account's id, not a 404: the route tests cover it.)
enum AgentWalkerRequests {
    static let base = "/v1/copilot/agents"
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
                    "guardrail_preset_ids": r.list(.guardrailPreset(.copilot)),
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
                    "guardrail_preset_ids": r.list(.guardrailPreset(.copilot)),
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
    }
}
