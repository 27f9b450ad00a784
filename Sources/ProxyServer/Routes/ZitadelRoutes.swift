import CockpitCore
import Foundation
import Hummingbird

/// Zitadel: per-account settings (`/v1/accounts/{id}/zitadel/config`), onboarding defaults for new accounts
/// (`/v1/super/zitadel/onboarding-defaults`), and the server's Zitadel status (`/v1/auth/zitadel/status`).
enum ZitadelRoutes {
    struct ConfigBody: Decodable {
        let enabled: Bool?
        let issuer: String?
        let audience: String?
        let projectId: String?
        let organizationId: String?
        let roleMappings: [String: String]?
        let accountIdClaim: String?

        var config: ZitadelAccountConfig {
            ZitadelAccountConfig(enabled: enabled ?? false, issuer: issuer ?? "", audience: audience ?? "", projectID: projectId ?? "",
                                 organizationID: organizationId ?? "", roleMappings: roleMappings ?? [:], accountIDClaim: accountIdClaim ?? "")
        }
    }

    struct BootstrapBody: Decodable { let dryRun: Bool? }

    struct RoleBody: Decodable {
        let key: String
        let displayName: String?
        let group: String?
    }

    struct GrantBody: Decodable {
        let userId: String?
        let email: String?
        let roleKeys: [String]
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let service = cockpit.zitadelConfig
        let verifier = table.authenticator.zitadel
        table.add(.get, "/v1/auth/zitadel/status", .authenticated) { _, _, _ in
            WireJSON.response(await verifier?.status() ?? ["configured": false])
        }
        let provisioner = verifier?.provisioner(context: cockpit.context)
        @Sendable func requireProvisioner() throws -> ZitadelProvisioner {
            guard let provisioner else {
                throw CockpitError.invalid(field: "ZITADEL_PAT", reason: "is not configured: provisioning needs ZITADEL_ISSUER and a personal access token")
            }
            return provisioner
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/provision/plan", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner().bootstrap(account: id, dryRun: true, actor: principal.actor(requestID: context.id)))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/bootstrap", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let dryRun = try await WireJSON.decode(BootstrapBody.self, from: request, context).dryRun ?? false
            return WireJSON.item(try await requireProvisioner().bootstrap(account: id, dryRun: dryRun, actor: principal.actor(requestID: context.id)))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/project-role", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(RoleBody.self, from: request, context)
            let key = try Validation.name(b.key, field: "key")
            let role = ZitadelRole(key: key, displayName: b.displayName ?? key, group: b.group ?? "")
            return WireJSON.item(try await requireProvisioner().ensureRole(account: id, role, actor: principal.actor(requestID: context.id)))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/user-grant", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(GrantBody.self, from: request, context)
            return WireJSON.item(try await requireProvisioner().ensureUserGrant(account: id, userID: b.userId, email: b.email, roleKeys: b.roleKeys,
                                                                                actor: principal.actor(requestID: context.id)))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-roles", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner().syncRoles(account: id, actor: principal.actor(requestID: context.id)))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-admin-grants", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            return WireJSON.item(try await requireProvisioner().syncAdminGrants(account: id, actor: principal.actor(requestID: context.id)))
        }
        table.add(.get, "/v1/super/zitadel/onboarding-defaults", .superAdmin) { _, _, _ in
            WireJSON.item(try await service.onboardingDefaults())
        }
        table.add(.put, "/v1/super/zitadel/onboarding-defaults", .superAdmin) { request, context, principal in
            let config = try await WireJSON.decode(ConfigBody.self, from: request, context).config
            return WireJSON.item(try await service.setOnboardingDefaults(config, actor: principal.actor(requestID: context.id)))
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, _ in
            WireJSON.item(try await service.config(account: try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let config = try await WireJSON.decode(ConfigBody.self, from: request, context).config
            return WireJSON.item(try await service.setConfig(account: id, config, actor: principal.actor(requestID: context.id)))
        }
    }
}
