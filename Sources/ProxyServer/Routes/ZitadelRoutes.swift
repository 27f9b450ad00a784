import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Zitadel: per-account settings (`/v1/accounts/{id}/zitadel/config`), onboarding defaults for new accounts
/// (`/v1/super/zitadel/onboarding-defaults`), and the server's Zitadel status (`/v1/auth/zitadel/status`).
enum ZitadelRoutes {
    static func register(_ table: RouteTable) {
        let verifier = table.authenticator.zitadel
        table.add(.get, "/v1/auth/zitadel/status") { _, _, _ in
            WireJSON.response(await verifier?.status() ?? ["configured": false])
        }
        @Sendable func requireProvisioner(_ c: Cockpit) throws -> ZitadelProvisioner {
            try .acting(for: c, verifier: verifier)
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/provision/plan") { request, context, c in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner(c).bootstrap(account: id, dryRun: true))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/bootstrap") { request, context, c in
            let id = try request.id("id", context)
            let dryRun = try await WireJSON.decode(BootstrapRequest.self, from: request, context).dryRun ?? false
            return WireJSON.item(try await requireProvisioner(c).bootstrap(account: id, dryRun: dryRun))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/project-role") { request, context, c in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(ProjectRoleRequest.self, from: request, context)
            let key = try Validation.name(b.key, field: "key")
            let role = ZitadelRole(key: key, displayName: b.displayName ?? key, group: b.group ?? "")
            return WireJSON.item(try await requireProvisioner(c).ensureRole(account: id, role))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/user-grant") { request, context, c in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(UserGrantRequest.self, from: request, context)
            return WireJSON.item(
                try await requireProvisioner(c).ensureUserGrant(
                    account: id, userID: b.userID, email: b.email, roleKeys: b.roleKeys))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-roles") { request, context, c in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner(c).syncRoles(account: id))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-admin-grants") { request, context, c in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner(c).syncAdminGrants(account: id))
        }
        table.add(.get, "/v1/super/zitadel/onboarding-defaults") { _, _, c in
            WireJSON.item(try await c.zitadelConfig.onboardingDefaults())
        }
        table.add(.put, "/v1/super/zitadel/onboarding-defaults") { request, context, c in
            let config = try await WireJSON.decode(ZitadelConfigBody.self, from: request, context).config
            return WireJSON.item(try await c.zitadelConfig.setOnboardingDefaults(config))
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/config") { request, context, c in
            WireJSON.item(try await c.zitadelConfig.config(account: try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/zitadel/config") { request, context, c in
            let id = try request.id("id", context)
            let config = try await WireJSON.decode(ZitadelConfigBody.self, from: request, context).config
            return WireJSON.item(try await c.zitadelConfig.setConfig(account: id, config))
        }
    }
}
