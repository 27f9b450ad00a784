import CockpitCore
import Foundation
import Hummingbird

/// Account admins, feature pack and console model policy: `/v1/accounts/{id}/…` for super-admins.
enum AccountAdminRoutes {
    struct AdminBody: Decodable {
        let email: String
        let password: String?
    }

    struct PolicyBody: Decodable {
        let allow: [String]?
        let deny: [String]?
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let admins = cockpit.admins, accounts = cockpit.accounts
        table.add(.get, "/v1/accounts/{id}/admins", .superAdmin) { request, context, _ in
            WireJSON.list(try await admins.list(account: try request.id("id", context)))
        }
        table.add(.post, "/v1/accounts/{id}/admins", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let body = try await WireJSON.decode(AdminBody.self, from: request, context)
            return WireJSON.item(try await admins.add(account: id, email: body.email, password: body.password,
                                                      actor: principal.actor(requestID: context.id)), status: .created)
        }
        table.add(.patch, "/v1/accounts/{id}/admins/{email}", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let email = context.parameters.get("email") ?? ""
            let body = try await PatchBody.read(request, context)
            let password = try body.string("password")
            return WireJSON.item(try await admins.update(account: id, email: email, password: password ?? nil, clearPassword: password == .some(nil),
                                                         actor: principal.actor(requestID: context.id)))
        }
        table.add(.delete, "/v1/accounts/{id}/admins/{email}", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let email = context.parameters.get("email") ?? ""
            try await admins.remove(account: id, email: email, actor: principal.actor(requestID: context.id))
            return WireJSON.ok(["email": .string(email.lowercased())])
        }
        table.add(.get, "/v1/accounts/{id}/feature-pack", .superAdmin) { request, context, _ in
            WireJSON.item(try await accounts.featurePack(try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/feature-pack", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let pack = try await WireJSON.decode(JSONValue.self, from: request, context)
            return WireJSON.item(try await accounts.setFeaturePack(id, pack, actor: principal.actor(requestID: context.id)))
        }
        table.add(.get, "/v1/accounts/{id}/console-model-policy", .superAdmin) { request, context, _ in
            WireJSON.item(try await accounts.consoleModelPolicy(try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/console-model-policy", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let body = try await WireJSON.decode(PolicyBody.self, from: request, context)
            let policy = ConsoleModelPolicy(allow: body.allow ?? [], deny: body.deny ?? [])
            return WireJSON.item(try await accounts.setConsoleModelPolicy(id, policy, actor: principal.actor(requestID: context.id)))
        }
    }
}
