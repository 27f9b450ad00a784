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

        enum CodingKeys: String, CodingKey { case accountId, isSuperAdmin, authProvider, roles, scopes, productDomainsAllowed, name }
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let authenticator = table.authenticator
        table.addPublic(.post, "/v2/login") { request, context in
            let body = try await WireJSON.decode(LoginBody.self, from: request, context)
            let login = try await authenticator.login(username: body.username, password: body.password, address: context.remoteAddress)
            return WireJSON.response(LoginAnswer(token: login.token, expiresAt: login.expiresAt, accountId: login.accountID,
                                                 roles: login.roles.map(\.rawValue)))
        }
        table.add(.post, "/v2/logout", .authenticated) { _, context, principal in
            try await authenticator.logout(principal, requestID: context.id)
            return WireJSON.ok(["signed_out": .bool(true)])
        }
        table.add(.get, "/v1/me/account", .readAccount) { _, _, principal in
            WireJSON.item(try await cockpit.accounts.get(try principal.requireAccount()))
        }
        table.add(.get, "/v1/me/context", .authenticated) { _, _, principal in
            let scopes = scopes(of: principal)
            return WireJSON.response(ContextAnswer(
                accountId: principal.accountID, isSuperAdmin: principal.isSuperAdmin, authProvider: principal.method.rawValue,
                roles: principal.roles.map(\.rawValue).sorted(), scopes: scopes, productDomainsAllowed: principal.domainsDescription,
                name: principal.name))
        }
    }

    /// The permissions the principal holds, as scope names (`accounts:write`, `console:read`…), for clients that gate UI.
    static func scopes(of principal: Principal) -> [String] {
        var scopes: [String] = []
        if Policy.allows(principal, .superAdmin) { scopes.append("accounts:write") }
        if Policy.allows(principal, .readAudit) { scopes.append("audit:read") }
        for d in ProductDomain.allCases {
            if Policy.allows(principal, .readTree(d)) { scopes.append("\(d.rawValue):read") }
            if Policy.allows(principal, .writeTree(d)) { scopes.append("\(d.rawValue):write") }
            if Policy.allows(principal, .manageMembers(d)) { scopes.append("\(d.rawValue):members") }
            if Policy.allows(principal, .manageGrants(d)) { scopes.append("\(d.rawValue):grants") }
        }
        return scopes
    }
}
