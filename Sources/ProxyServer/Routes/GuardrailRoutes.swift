import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Guardrail presets and their assignments in the original's shapes (V1_CONTRACT.md "Guardrails"): the rows an
/// agent's mandatory presets are; patterns, the effective view and the trial of a preset are in
/// `GuardrailRoutes+Patterns`. The same routes serve each tree: `/v1/copilot/guardrails/…` (the original's) and
/// `/v1/console/guardrails/…` (cockpit's, for the console tree). The guardrail service checks who may do what; the
/// routes read the wire and answer it.
enum GuardrailRoutes {
    /// The routes of every tree.
    static func register(_ table: RouteTable) {
        for domain in ProductDomain.allCases { register(table, domain) }
    }

    /// The routes of one tree.
    static func register(_ table: RouteTable, _ domain: ProductDomain) {
        let base = "/v1/\(domain.rawValue)/guardrails"
        table.add(.post, "\(base)/presets") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(GuardrailPresetCreate.self, from: request, context)
            let preset = try await c.guardrails(domain).upsertPreset(
                account: account, code: body.code, name: body.name, presetJSON: body.presetJson)
            return WireJSON.item(GuardrailPresetView(preset))
        }
        table.add(.get, "\(base)/presets") { _, _, c in
            let presets = try await c.guardrails(domain).presets(account: try c.callerAccount())
            return WireJSON.response(ItemList(presets.map(GuardrailPresetView.init)))
        }
        table.add(.post, "\(base)/assignments") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(GuardrailAssignmentCreate.self, from: request, context)
            let assignment = try await c.guardrails(domain).assign(
                account: account, presetID: body.presetID, scopeType: body.scopeType, scopeID: body.scopeID)
            return WireJSON.item(GuardrailAssignmentView(assignment))
        }
        table.add(.get, "\(base)/assignments") { request, _, c in
            let assignments = try await c.guardrails(domain).assignments(
                account: try c.callerAccount(), scopeType: request.query("scope_type"),
                scopeID: request.query("scope_id"))
            return WireJSON.response(ItemList(assignments.map(GuardrailAssignmentView.init)))
        }
        table.add(.delete, "\(base)/assignments/{assignment_id}") { _, context, c in
            let removed = try await c.guardrails(domain).unassign(
                account: try c.callerAccount(), id: context.parameters.get("assignment_id") ?? "")
            return WireJSON.item(GuardrailAssignmentView(removed))
        }
        registerPatterns(table, domain)
    }
}
