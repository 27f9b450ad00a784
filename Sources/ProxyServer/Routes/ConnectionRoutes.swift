import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Copilot connections in the original's shapes (V1_CONTRACT.md "Connections"): create by type, list, read, change,
/// delete, grant; and cockpit's additions beside them (docs/COPILOT_CATALOG.md "Connections"): a connection's grants
/// listed and removed, and the connections a copilot user may use. Every answer masks the secret. The connection
/// service checks who may do what; the routes read the wire and answer it.
enum ConnectionRoutes {
    static let base = "/v1/copilot/connections"

    static func register(_ table: RouteTable) {
        table.add(.get, base) { request, _, c in
            let account = try c.callerAccount()
            let items = try await c.connections.list(account: account, type: request.query("connection_type"))
            return WireJSON.response(ItemList(items.map { ConnectionView($0) }))
        }
        // A fixed segment: the router prefers it over the `{connection_id}` beside it (ConnectionRouteTests).
        table.add(.get, "\(base)/effective") { request, _, c in
            let account = try c.callerAccount()
            let user = try AccessRoutes.required(request, "user_id")
            let items = try await c.connections.effective(account: account, userID: user)
            return WireJSON.response(ItemList(items.map(ConnectionView.init)))
        }
        // The original's create names the type where the other routes name the id: one path parameter, read as
        // the type here (two names at one place would make the router pick one route for every method).
        table.add(.post, "\(base)/{connection_id}") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(ConnectionCreate.self, from: request, context)
            return WireJSON.item(
                ConnectionView(try await c.connections.create(account: account, type: id(context), body.input)))
        }
        table.add(.get, "\(base)/{connection_id}") { _, context, c in
            WireJSON.item(ConnectionView(try await c.connections.get(account: try c.callerAccount(), id: id(context))))
        }
        table.add(.patch, "\(base)/{connection_id}") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(ConnectionUpdate.self, from: request, context)
            return WireJSON.item(
                ConnectionView(try await c.connections.update(account: account, id: id(context), body.patch)))
        }
        table.add(.delete, "\(base)/{connection_id}") { _, context, c in
            let deleted = try await c.connections.delete(account: try c.callerAccount(), id: id(context))
            return WireJSON.response(DeletedAnswer(deleted))
        }
        registerGrants(table)
        registerTest(table)
    }

    /// `/v1/copilot/connections/{connection_id}/grants`: grant (the original's upsert), and cockpit's list (full rows,
    /// oldest first) and removal.
    static func registerGrants(_ table: RouteTable) {
        table.add(.post, "\(base)/{connection_id}/grants") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(ConnectionGrantCreate.self, from: request, context)
            let grant = try await c.connections.grant(
                account: account, connectionID: id(context), scopeType: body.scopeType, scopeID: body.scopeID,
                canManage: body.canManage ?? false)
            return WireJSON.item(ConnectionGrantView(grant))
        }
        table.add(.get, "\(base)/{connection_id}/grants") { _, context, c in
            let grants = try await c.connections.grants(account: try c.callerAccount(), connectionID: id(context))
            return WireJSON.response(ItemList(grants.map(ConnectionGrantView.init)))
        }
        table.add(.delete, "\(base)/{connection_id}/grants") { request, context, c in
            let account = try c.callerAccount()
            let (type, scope) = (
                try AccessRoutes.required(request, "scope_type"), try AccessRoutes.required(request, "scope_id")
            )
            let deleted = try await c.connections.revoke(
                account: account, connectionID: id(context), scopeType: type, scopeID: scope)
            return WireJSON.response(DeletedAnswer(deleted))
        }
    }

    /// `POST /v1/copilot/connections/{connection_id}/test` (cockpit's addition, issue 16): one bounded request to the
    /// connection; `{"status", "latency_ms", "detail"}`. The body takes no fields.
    static func registerTest(_ table: RouteTable) {
        table.add(.post, "\(base)/{connection_id}/test") { request, context, c in
            let account = try c.callerAccount()
            _ = try await WireJSON.decode(NoFields.self, from: request, context)
            return WireJSON.response(
                ConnectionHealthView(try await c.connections.test(account: account, id: id(context))))
        }
    }

    /// The path's segment after `connections/` as sent: the connection's id (or, on create, its type).
    static func id(_ context: CockpitRequestContext) -> String { context.parameters.get("connection_id") ?? "" }
}
