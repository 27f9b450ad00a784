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
            let dryRun = try await WireJSON.decode(BootstrapBody.self, from: request).dryRun ?? false
            do {
                return WireJSON.item(try await requireProvisioner().bootstrap(account: id, dryRun: dryRun, actor: principal.actor(requestID: context.id)))
            } catch let error as ZitadelAPIError {
                throw APIError(.badGateway, "Zitadel refused a provisioning call (\(error.status), code \(error.code)); run bootstrap again to resume")
            }
        }
        table.add(.get, "/v1/super/zitadel/onboarding-defaults", .superAdmin) { _, _, _ in
            WireJSON.item(try await service.onboardingDefaults())
        }
        table.add(.put, "/v1/super/zitadel/onboarding-defaults", .superAdmin) { request, context, principal in
            let config = try await WireJSON.decode(ConfigBody.self, from: request).config
            return WireJSON.item(try await service.setOnboardingDefaults(config, actor: principal.actor(requestID: context.id)))
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, _ in
            WireJSON.item(try await service.config(account: try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let config = try await WireJSON.decode(ConfigBody.self, from: request).config
            return WireJSON.item(try await service.setConfig(account: id, config, actor: principal.actor(requestID: context.id)))
        }
    }
}
