import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Account admins, feature pack and console model policy: `/v1/accounts/{id}/…` for super-admins.
enum AccountAdminRoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/accounts/{id}/admins") { request, context, c in
            WireJSON.list(try await c.admins.list(account: try request.id("id", context)).map(AdminView.init))
        }
        table.add(.post, "/v1/accounts/{id}/admins") { request, context, c in
            let id = try request.id("id", context)
            let body = try await WireJSON.decode(AdminCreate.self, from: request, context)
            _ = try await c.admins.save(
                account: id, email: try body.checkedEmail(), password: body.password, role: body.role)
            return WireJSON.ok()
        }
        table.add(.patch, "/v1/accounts/{id}/admins/{email}") { request, context, c in
            let id = try request.id("id", context)
            let email = (context.parameters.get("email") ?? "").removingPercentEncoding ?? ""
            let body = try await WireJSON.decode(AdminChange.self, from: request, context)
            let admin = try await c.admins.update(
                account: id, email: email, newEmail: body.newEmail, role: body.role, password: body.password.value,
                clearPassword: body.password == .null)
            return WireJSON.response(AdminChanged(admin))
        }
        table.add(.delete, "/v1/accounts/{id}/admins/{email}") { request, context, c in
            let id = try request.id("id", context)
            let email = (context.parameters.get("email") ?? "").removingPercentEncoding ?? ""
            try await c.admins.remove(account: id, email: email)
            return WireJSON.ok()
        }
        table.add(.get, "/v1/accounts/{id}/feature-pack") { request, context, c in
            WireJSON.response(FeaturePackAnswer(try await c.accounts.featurePack(try request.id("id", context))))
        }
        table.add(.put, "/v1/accounts/{id}/feature-pack") { request, context, c in
            let id = try request.id("id", context)
            let pack = try await WireJSON.decode(FeaturePackReplace.self, from: request, context).pack
            return WireJSON.response(FeaturePackAnswer(try await c.accounts.setFeaturePack(id, pack), saved: true))
        }
        table.add(.get, "/v1/accounts/{id}/console-model-policy") { request, context, c in
            WireJSON.response(PolicyAnswer(try await c.accounts.consoleModelPolicy(try request.id("id", context))))
        }
        table.add(.put, "/v1/accounts/{id}/console-model-policy") { request, context, c in
            let id = try request.id("id", context)
            let policy = try await WireJSON.decode(PolicyReplace.self, from: request, context).policy()
            return WireJSON.response(PolicyAnswer(try await c.accounts.setConsoleModelPolicy(id, policy), saved: true))
        }
    }
}
