import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Zitadel: the caller's Zitadel status (`/v1/auth/zitadel/status`), per-account settings
/// (`/v1/accounts/{id}/zitadel/config`), onboarding defaults (`/v1/super/zitadel/onboarding-defaults`) and
/// provisioning (`/v1/accounts/{id}/zitadel/provision/…`), in the original's shapes (V1_CONTRACT.md, "Zitadel");
/// provisioning answers carry cockpit's short report beside them as `item`.
enum ZitadelRoutes {
    static func register(_ table: RouteTable) {
        let verifier = table.authenticator.zitadel
        table.add(.get, "/v1/auth/zitadel/status") { _, _, c in
            WireJSON.response(await status(c.context.caller, verifier))
        }
        @Sendable func provisioner(_ c: Cockpit) throws -> ZitadelProvisioner {
            try .acting(for: c, verifier: verifier)
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/provision/plan") { request, context, c in
            let plan = try await provisioner(c).plan(
                account: try request.id("id", context), rolePrefix: request.query("role_prefix"))
            return WireJSON.response(planWire(plan))
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/bootstrap") { request, context, c in
            let id = try request.id("id", context)
            let options = try await WireJSON.decode(BootstrapRequest.self, from: request, context).options
            let run = try await provisioner(c).bootstrap(account: id, options: options)
            return try answer(["summary": run.summary, "result": run.result], report: run.report)
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/project-role") { request, context, c in
            let provisioner = try provisioner(c)
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(ProjectRoleRequest.self, from: request, context)
            let key = try Validation.name(b.key, field: "key")
            let name = try Validation.name(b.displayName ?? "", field: "display_name")
            let role = ZitadelRole(key: key, displayName: name, group: b.group ?? "")
            let (result, report) = try await provisioner.projectRole(account: id, role, projectID: b.projectID)
            return try answer(["result": result], report: report)
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/user-grant") { request, context, c in
            let id = try request.id("id", context)
            let b = try await WireJSON.decode(UserGrantRequest.self, from: request, context)
            var options = ProvisioningOptions()
            (options.projectID, options.organizationID) = (b.projectID, b.organizationID)
            let (result, report) = try await provisioner(c).userGrant(
                account: id, userID: b.userID, email: b.email, roleKeys: b.roleKeys ?? [], options: options)
            return try answer(["result": result], report: report)
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-roles") { request, context, c in
            let id = try request.id("id", context)
            let options = try await WireJSON.decode(SyncRolesRequest.self, from: request, context).options
            let result = try await provisioner(c).syncRoles(account: id, options: options)
            return try answer(["result": result.wire], report: result.report)
        }
        table.add(.post, "/v1/accounts/{id}/zitadel/provision/sync-admin-grants") { request, context, c in
            let id = try request.id("id", context)
            let options = try await WireJSON.decode(SyncAdminGrantsRequest.self, from: request, context).options
            let result = try await provisioner(c).syncAdminGrants(account: id, options: options)
            return try answer(["result": result.wire], report: result.report)
        }
        table.add(.get, "/v1/super/zitadel/onboarding-defaults") { _, _, c in
            WireJSON.response(["item": try await c.zitadelConfig.onboardingDefaults().wire] as JSONValue)
        }
        table.add(.put, "/v1/super/zitadel/onboarding-defaults") { request, context, c in
            let defaults = try await WireJSON.decode(OnboardingDefaultsBody.self, from: request, context).defaults
            let saved = try await c.zitadelConfig.setOnboardingDefaults(defaults)
            return WireJSON.response(["status": "ok", "item": saved.wire] as JSONValue)
        }
        table.add(.get, "/v1/accounts/{id}/zitadel/config") { request, context, c in
            let config = try await c.zitadelConfig.config(account: try request.id("id", context)).metadata
            return WireJSON.response(["zitadel_config": config, "item": config] as JSONValue)
        }
        table.add(.put, "/v1/accounts/{id}/zitadel/config") { request, context, c in
            let id = try request.id("id", context)
            let config = try await WireJSON.decode(ZitadelConfigBody.self, from: request, context).config
            let saved = try await c.zitadelConfig.setConfig(account: id, config).metadata
            return WireJSON.response(["status": "ok", "zitadel_config": saved, "item": saved] as JSONValue)
        }
    }

    /// `{"status": "ok", …}` with cockpit's report as `item`.
    static func answer(_ fields: [String: JSONValue], report: ProvisioningReport) throws -> Response {
        var object = fields
        object["status"] = "ok"
        object["item"] = try wire(report)
        return WireJSON.response(JSONValue.object(object))
    }

    /// A value as the wire writes it (lower-case ids, snake_case keys), to be put beside other fields.
    static func wire<T: Encodable>(_ value: T) throws -> JSONValue { try JSONBytes.parse(APIJSON.encode(value)) }

    /// The original's status of the caller, with cockpit's server settings beside it.
    static func status(_ caller: Principal, _ verifier: ZitadelVerifier?) async -> JSONValue {
        var object = (await verifier?.status())?.objectValue ?? ["configured": false]
        object["enabled"] = .bool(caller.method == .zitadel)
        object["zitadel_configured"] = .bool(verifier != nil)
        object["issuer"] = object["issuer"] ?? .null
        object["auth_provider"] = .string(caller.method.rawValue)
        object["account_id"] = caller.accountID.map { .string($0.lowercased) } ?? .null
        object["roles"] = .array(caller.roles.map(\.rawValue).sorted().map(JSONValue.string))
        object["scopes"] = []
        object["product_domains_allowed"] = .array(caller.domains.map(\.rawValue).sorted().map(JSONValue.string))
        return .object(object)
    }

    /// The original's plan: `{account_id, zitadel_config, standard_roles, account_admins}`.
    static func planWire(_ plan: ProvisioningPlan) -> JSONValue {
        let admins: [JSONValue] = plan.admins.map { admin, keys in
            var row = (try? wire(AdminView(admin)))?.objectValue ?? [:]
            row["resolved_role_keys"] = .array(keys.map(JSONValue.string))
            return .object(row)
        }
        return [
            "account_id": .string(plan.accountID.lowercased), "zitadel_config": plan.config.metadata,
            "standard_roles": ZitadelRoleMap.listed(prefix: plan.rolePrefix), "account_admins": .array(admins),
        ]
    }
}
