import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// The account's virtual keys on the control plane (`/v1/keys…`) and its own models (`/v1/deployments…`), for the
/// cockpit and for scripts that do not speak LiteLLM's `/key/*` and `/model/*`. A new key's secret is answered once.
enum KeyRoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/keys") { request, _, c in
            WireJSON.page(try await c.keys.list(account: try c.callerAccount(), page: request.page()))
        }
        table.add(.post, "/v1/keys") { request, context, c in
            let fields = try await WireJSON.decode(KeyFields.self, from: request, context)
            let (key, secret) = try await c.keys.generate(account: try c.callerAccount(), try fields.newKey())
            return WireJSON.response(KeyCreated(item: key, key: secret), status: .created)
        }
        table.add(.put, "/v1/keys/{id}") { request, context, c in
            let id = try request.id("id", context)
            let fields = try await WireJSON.decode(KeyFields.self, from: request, context)
            let expiry = try fields.expiry()
            return WireJSON.item(
                try await c.keys.update(account: try c.callerAccount(), id.lowercased) {
                    fields.apply(to: &$0, expiry: expiry)
                })
        }
        for (verb, blocked) in [("block", true), ("unblock", false)] {
            table.add(.post, "/v1/keys/{id}/\(verb)") { request, context, c in
                _ = try await WireJSON.decode(NoFields.self, from: request, context)
                return WireJSON.item(
                    try await c.keys.setBlocked(
                        account: try c.callerAccount(), id: try request.id("id", context), blocked: blocked))
            }
        }
        table.add(.delete, "/v1/keys/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.keys.delete(account: try c.callerAccount(), id: id)
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
        table.add(.get, "/v1/deployments") { request, _, c in
            WireJSON.page(try await c.modelCatalog.list(account: try c.callerAccount(), page: request.page()))
        }
        table.add(.post, "/v1/deployments") { request, context, c in
            let body = try await WireJSON.decode(DeploymentUpsert.self, from: request, context)
            let model = try await c.modelCatalog.upsert(body.input, account: try c.callerAccount())
            return WireJSON.item(model, status: body.id == nil ? .created : .ok)
        }
        table.add(.delete, "/v1/deployments/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.modelCatalog.delete(id, account: try c.callerAccount())
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
    }
}
