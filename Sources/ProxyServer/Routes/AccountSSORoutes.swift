import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// `/v1/accounts/{id}/sso`: an account's SSO provider settings (super-admin), secrets sealed at rest and masked.
enum AccountSSORoutes {
    static func register(_ table: RouteTable) {
        table.add(.get, "/v1/accounts/{id}/sso") { request, context, c in
            WireJSON.response(SSOView(try await c.sso.get(try request.id("id", context))))
        }
        table.add(.post, "/v1/accounts/{id}/sso") { request, context, c in
            let id = try request.id("id", context)
            let body = try await WireJSON.decode(SSOSave.self, from: request, context)
            _ = try await c.sso.save(
                id, provider: body.ssoProvider, enabled: body.enabled ?? false, settings: body.ssoSettings ?? [:])
            return WireJSON.ok()
        }
        table.add(.delete, "/v1/accounts/{id}/sso") { request, context, c in
            let deleted = try await c.sso.delete(try request.id("id", context))
            return WireJSON.ok(["deleted": .bool(deleted)])
        }
    }
}
