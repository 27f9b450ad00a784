import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Copilot agents in the original's shapes (V1_CONTRACT.md "Agents"): the agents with their mandatory guardrail
/// presets and grants, the grant routes, and cockpit's effective view (which agents a copilot user may use). The
/// agent service checks who may do what; the routes read the wire and answer it.
enum AgentRoutes {
    static let base = "/v1/copilot/agents"

    static func register(_ table: RouteTable) {
        table.add(.post, base) { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(AgentCreate.self, from: request, context)
            return WireJSON.item(AgentView(try await c.agents.create(account: account, body.input)))
        }
        table.add(.get, base) { request, _, c in
            let account = try c.callerAccount()
            let withGrants = try MarketplaceRoutes.flag(request, "include_grants", false)
            let agents = try await c.agents.list(account: account, includeGrants: withGrants)
            return WireJSON.response(ItemList(agents.map { AgentView($0) }))
        }
        // A fixed segment: the router prefers it over `{agent_id}`, so no agent id is ever read as "effective".
        table.add(.get, "\(base)/effective") { request, _, c in
            let account = try c.callerAccount()
            let user = try AccessRoutes.required(request, "user_id")
            let agents = try await c.agents.effective(account: account, userID: user)
            return WireJSON.response(ItemList(agents.map(AgentView.init)))
        }
        table.add(.get, "\(base)/{agent_id}") { _, context, c in
            WireJSON.item(AgentView(try await c.agents.get(account: try c.callerAccount(), id: id(context))))
        }
        table.add(.put, "\(base)/{agent_id}") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(AgentUpdate.self, from: request, context)
            return WireJSON.item(
                AgentView(try await c.agents.update(account: account, id: id(context), body.change)))
        }
        table.add(.delete, "\(base)/{agent_id}") { _, context, c in
            let deleted = try await c.agents.delete(account: try c.callerAccount(), id: id(context))
            return WireJSON.response(DeletedAnswer(deleted))
        }
        registerGrants(table)
    }

    /// `/v1/copilot/agents/{agent_id}/grants`: grant (idempotent), list (`{scope_type, scope_id}` only), revoke.
    static func registerGrants(_ table: RouteTable) {
        table.add(.post, "\(base)/{agent_id}/grants") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(AgentGrantCreate.self, from: request, context)
            let grant = try await c.agents.grant(
                account: account, agentID: id(context), scopeType: body.scopeType, scopeID: body.scopeID)
            return WireJSON.item(AgentGrantView(grant))
        }
        table.add(.get, "\(base)/{agent_id}/grants") { _, context, c in
            let scopes = try await c.agents.grants(account: try c.callerAccount(), agentID: id(context))
            return WireJSON.response(ItemList(scopes.map(AgentGrantScope.init)))
        }
        table.add(.delete, "\(base)/{agent_id}/grants") { request, context, c in
            let account = try c.callerAccount()
            let (type, scope) = (
                try AccessRoutes.required(request, "scope_type"), try AccessRoutes.required(request, "scope_id")
            )
            let deleted = try await c.agents.revoke(
                account: account, agentID: id(context), scopeType: type, scopeID: scope)
            return WireJSON.response(DeletedAnswer(deleted))
        }
    }

    /// The agent id of the path, as sent (a text that is no id names no agent: the core's 404).
    static func id(_ context: CockpitRequestContext) -> String { context.parameters.get("agent_id") ?? "" }
}
