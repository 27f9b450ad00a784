import CockpitCore
import Foundation
import Hummingbird

/// Per-account Zitadel settings: `GET/PUT /v1/accounts/{id}/zitadel/config` (super-admin).
enum ZitadelRoutes {
    struct ConfigBody: Decodable {
        let enabled: Bool?
        let issuer: String?
        let audience: String?
        let projectId: String?
        let organizationId: String?
        let roleMappings: [String: String]?
        let accountIdClaim: String?
    }

    static func register(_ table: RouteTable, cockpit: Cockpit) {
        let service = cockpit.zitadelConfig
        table.add(.get, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, _ in
            WireJSON.item(try await service.config(account: try request.id("id", context)))
        }
        table.add(.put, "/v1/accounts/{id}/zitadel/config", .superAdmin) { request, context, principal in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(ConfigBody.self, from: request)
            let config = ZitadelAccountConfig(enabled: b.enabled ?? false, issuer: b.issuer ?? "", audience: b.audience ?? "",
                                              projectID: b.projectId ?? "", organizationID: b.organizationId ?? "",
                                              roleMappings: b.roleMappings ?? [:], accountIDClaim: b.accountIdClaim ?? "")
            return WireJSON.item(try await service.setConfig(account: id, config, actor: principal.actor(requestID: context.id)))
        }
    }
}
