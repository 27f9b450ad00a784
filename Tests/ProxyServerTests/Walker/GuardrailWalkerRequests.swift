import CockpitCore
import Foundation

/// Walker templates for the guardrail routes of each tree (`/v1/copilot/guardrails/…`, `/v1/console/guardrails/…`):
/// presets (by code, no reference) and assignments of a preset (`.guardrailPreset`) to each kind of scope of the tree
/// (agents for the copilot tree), patterns (reached by id, `.guardrailPattern`), the effective view (by the tree's ids
/// and, for the copilot tree, an agent's) and the trial of a preset (by code, `.guardrailCode`). (An `account`-scope
/// assignment is refused with the original's 400 for another account's id, not a 404: the route tests cover it.)
enum GuardrailWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        for domain in ProductDomain.allCases {
            addPresets(to: &specs, domain)
            addPatterns(to: &specs, domain)
        }
    }

    /// Presets and assignments.
    static func addPresets(to specs: inout RouteSpecs, _ domain: ProductDomain) {
        let base = "/v1/\(domain.rawValue)/guardrails"
        specs.add("POST \(base)/presets") { r in
            .json(
                "\(base)/presets",
                ["code": .string("walk-\(r.nonce)"), "name": r.walkName, "preset_json": ["config": ["walk": true]]])
        }
        specs.add("GET \(base)/presets") { _ in .get("\(base)/presets") }
        var scopes: [(String, IDKind)] = [("org", .org(domain)), ("team", .team(domain)), ("user", .user(domain))]
        if domain == .copilot { scopes.append(("agent", .agent)) }
        for (type, kind) in scopes {
            specs.add("POST \(base)/assignments") { r in
                .json(
                    "\(base)/assignments",
                    [
                        "preset_id": r.json(.guardrailPreset(domain)), "scope_type": .string(type),
                        "scope_id": r.json(kind),
                    ])
            }
            specs.add("GET \(base)/assignments") { r in
                .get("\(base)/assignments?scope_type=\(type)&scope_id=\(r[kind])")
            }
        }
        specs.add("GET \(base)/assignments") { _ in .get("\(base)/assignments") }
        specs.add("DELETE \(base)/assignments/{assignment_id}") { r in
            .plain("\(base)/assignments/\(r[.guardrailAssignment(domain)])")
        }
    }

    /// Patterns, the effective view and the trial.
    static func addPatterns(to specs: inout RouteSpecs, _ domain: ProductDomain) {
        let base = "/v1/\(domain.rawValue)/guardrails"
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
        let pattern = IDKind.guardrailPattern(domain)
        specs.add("GET \(base)/patterns/{pattern_id}") { r in .get("\(base)/patterns/\(r[pattern])") }
        specs.add("PUT \(base)/patterns/{pattern_id}") { r in
            .json("\(base)/patterns/\(r[pattern])", ["pattern_name": r.walkName, "enabled": true])
        }
        specs.add("DELETE \(base)/patterns/{pattern_id}") { r in .plain("\(base)/patterns/\(r[pattern])") }
        specs.add("GET \(base)/effective") { r in
            .get(
                "\(base)/effective?org_id=\(r[.org(domain)])&team_id=\(r[.team(domain)])&user_id=\(r[.user(domain)])"
                    + (domain == .copilot ? "&agent_id=\(r[.agent])" : ""))
        }
        specs.add("POST \(base)/presets/{code}/test") { r in
            .json(
                "\(base)/presets/\(r[.guardrailCode(domain)])/test",
                ["text": .string("walk \(r.nonce) mail me at walker@example.com"), "direction": "input"])
        }
    }

    /// A tenant's pattern in a tree (a masking block pattern in its `pii` preset). Returns its id.
    static func pattern(
        _ cockpit: Cockpit, _ domain: ProductDomain, account: UUID, prefix: String
    ) async throws
        -> String
    {
        let pattern = try await cockpit.guardrails(domain).createPattern(
            account: account,
            GuardrailPatternInput(
                guardType: "pii", patternName: "\(prefix)-\(domain.rawValue)-pattern",
                patternRegex: "\(prefix)-secret-word", patternType: "block", action: "mask"))
        return pattern.id ?? ""
    }

    /// A tenant's preset in a tree (code `<prefix>-preset`), assigned to the tree's team. Returns its id.
    static func preset(
        _ cockpit: Cockpit, _ domain: ProductDomain, account: UUID, prefix: String, team: String
    ) async throws -> String {
        let service = cockpit.guardrails(domain)
        let preset = try await service.upsertPreset(
            account: account, code: "\(prefix)-preset", name: "\(prefix)-\(domain.rawValue)-preset-name",
            presetJSON: ["config": .string("\(prefix)-preset-config")])
        _ = try await service.assign(
            account: account, presetID: preset.id.lowercased, scopeType: "team", scopeID: team)
        return preset.id.lowercased
    }
}
