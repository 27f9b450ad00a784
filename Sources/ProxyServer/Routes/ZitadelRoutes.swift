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

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let service = cockpit.zitadelConfig
        let verifier = table.authenticator.zitadel
        table.add(.get, "/v1/auth/zitadel/status", .authenticated) { _, _, _ in
            WireJSON.response(await verifier?.status() ?? ["configured": false])
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
