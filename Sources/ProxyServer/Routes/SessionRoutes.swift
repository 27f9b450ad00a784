import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// `POST /v2/login`, `POST /v2/login/resolve` (email-first: password or SSO), `POST /v2/logout` (ends every session of the caller) and `GET /v1/me/context`.
enum SessionRoutes {
    static func register(_ table: RouteTable) {
        let authenticator = table.authenticator
        table.addPublic(.post, "/v2/login") { request, context in
            let body = try await WireJSON.decode(LoginRequest.self, from: request, context)
            let login = try await authenticator.login(
                username: body.username, password: body.password, address: context.remoteAddress)
            return WireJSON.response(LoginAnswer(login))
        }
        table.addPublic(.post, "/v2/login/resolve") { request, context in
            let body = try await WireJSON.decode(LoginResolveRequest.self, from: request, context)
            let answer = try await authenticator.loginResolver.resolve(
                email: body.email ?? "", redirectURI: body.redirectUri)
            return WireJSON.response(LoginResolveAnswer(answer))
        }
        table.add(.post, "/v2/logout") { request, context, c in
            _ = try await WireJSON.decode(NoFields.self, from: request, context)
            try await authenticator.logout(c.caller)
            return WireJSON.ok(["signed_out": .bool(true)])
        }
        table.add(.get, "/v1/me/account") { _, _, c in
            WireJSON.item(try await c.accounts.get(try c.callerAccount()))
        }
        table.add(.get, "/v1/me/context") { _, _, c in WireJSON.response(ContextAnswer(c.caller)) }
    }
}
