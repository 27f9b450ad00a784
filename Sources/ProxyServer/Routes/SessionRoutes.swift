import CockpitCore
import Foundation
import Hummingbird

/// `POST /v2/login`, `POST /v2/logout` (ends every session of the caller) and `GET /v1/me/context`.
enum SessionRoutes {
    struct LoginBody: Decodable {
        let username: String
        let password: String
    }

    struct LoginAnswer: Encodable {
        let token: String
        let expiresAt: Date
        let accountId: UUID?
        let roles: [String]
    }

    struct ContextAnswer: Encodable {
        let accountId: UUID?
        let isSuperAdmin: Bool
        let authProvider: String
        let roles: [String]
        let scopes: [String]
        let productDomainsAllowed: [String]
        let name: String

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(accountId, forKey: .accountId)  // null, not absent, for a super-admin without an account
            try c.encode(isSuperAdmin, forKey: .isSuperAdmin)
            try c.encode(authProvider, forKey: .authProvider)
            try c.encode(roles, forKey: .roles)
            try c.encode(scopes, forKey: .scopes)
            try c.encode(productDomainsAllowed, forKey: .productDomainsAllowed)
            try c.encode(name, forKey: .name)
        }

        enum CodingKeys: String, CodingKey {
            case accountId, isSuperAdmin, authProvider, roles, scopes, productDomainsAllowed, name
        }
    }

    static func register(_ table: RouteTable) {
        let authenticator = table.authenticator
        table.addPublic(.post, "/v2/login") { request, context in
            let body = try await WireJSON.decode(LoginBody.self, from: request, context)
            let login = try await authenticator.login(
                username: body.username, password: body.password, address: context.remoteAddress)
            return WireJSON.response(
                LoginAnswer(
                    token: login.token, expiresAt: login.expiresAt, accountId: login.accountID,
                    roles: login.roles.map(\.rawValue)))
        }
        table.add(.post, "/v2/logout") { _, _, c in
            try await authenticator.logout(c.caller)
            return WireJSON.ok(["signed_out": .bool(true)])
        }
        table.add(.get, "/v1/me/account") { _, _, c in
            WireJSON.item(try await c.accounts.get(try c.callerAccount()))
        }
        table.add(.get, "/v1/me/context") { _, _, c in
            let principal = c.caller
            return WireJSON.response(
                ContextAnswer(
                    accountId: principal.accountID, isSuperAdmin: principal.isSuperAdmin,
                    authProvider: principal.method.rawValue,
                    roles: principal.roles.map(\.rawValue).sorted(), scopes: Policy.scopeNames(principal),
                    productDomainsAllowed: principal.domainsDescription,
                    name: principal.name))
        }
    }
}
