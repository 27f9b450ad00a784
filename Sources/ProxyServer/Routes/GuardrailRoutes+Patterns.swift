import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Guardrail patterns and the effective view in the original's shapes (V1_CONTRACT.md "Guardrails"), and cockpit's
/// trial of a preset (`POST …/presets/{code}/test`). The guardrail service checks who may do what.
extension GuardrailRoutes {
    static func registerPatterns(_ table: RouteTable, _ domain: ProductDomain) {
        let base = "/v1/\(domain.rawValue)/guardrails"
        table.add(.get, "\(base)/patterns") { request, _, c in
            let page = try await c.guardrails(domain).patterns(
                account: try c.callerAccount(), guardType: request.query("guard_type"),
                enabled: try request.query("enabled").map { _ in try MarketplaceRoutes.flag(request, "enabled", true) },
                limit: try CreditRoutes.count(request, "limit", 100),
                offset: try CreditRoutes.count(request, "offset", 0))
            return WireJSON.response(GuardrailPatternList(page))
        }
        table.add(.post, "\(base)/patterns") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(GuardrailPatternCreate.self, from: request, context)
            return WireJSON.item(
                GuardrailPatternView(try await c.guardrails(domain).createPattern(account: account, body.input)))
        }
        table.add(.get, "\(base)/patterns/{pattern_id}") { _, context, c in
            let pattern = try await c.guardrails(domain).pattern(account: try c.callerAccount(), id: patternID(context))
            return WireJSON.item(GuardrailPatternView(pattern))
        }
        table.add(.put, "\(base)/patterns/{pattern_id}") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(GuardrailPatternUpdate.self, from: request, context)
            let pattern = try await c.guardrails(domain).updatePattern(
                account: account, id: patternID(context), body.change)
            return WireJSON.item(GuardrailPatternView(pattern))
        }
        table.add(.delete, "\(base)/patterns/{pattern_id}") { _, context, c in
            let deleted = try await c.guardrails(domain).deletePattern(
                account: try c.callerAccount(), id: patternID(context))
            return WireJSON.response(DeletedAnswer(deleted))
        }
        table.add(.get, "\(base)/effective") { request, _, c in
            let effective = try await c.guardrails(domain).effective(
                account: try c.callerAccount(), orgID: request.query("org_id"), teamID: request.query("team_id"),
                userID: request.query("user_id"), agentID: request.query("agent_id"))
            return WireJSON.response(EffectiveGuardrailsAnswer(effective))
        }
        table.add(.post, "\(base)/presets/{code}/test") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(GuardrailPresetTrial.self, from: request, context)
            let code = (context.parameters.get("code") ?? "").removingPercentEncoding ?? ""
            let trial = try await c.guardrails(domain).trial(
                account: account, code: code, text: body.text, direction: body.direction)
            return WireJSON.response(GuardrailTrialAnswer(trial))
        }
    }

    /// The pattern id of the path, as sent (a text that is no id names no pattern: the core's 404).
    static func patternID(_ context: CockpitRequestContext) -> String { context.parameters.get("pattern_id") ?? "" }
}
