import CockpitCore
import Foundation

/// Walker templates for the super-admin routes (accounts, their admins, packs and policies, Zitadel, the global
/// catalogue). No principal of an account may call them; they are walked with B's ids all the same, to prove the
/// refusal comes before any look-up.
enum SuperAdminWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        func add(_ route: String, _ templates: RouteSpec.Template...) {
            for t in templates { specs.add(route, control: .none, t) }
        }
        let account: @Sendable (Refs) -> String = { r in "/v1/accounts/\(r[.account])" }
        add("GET /v1/accounts") { _ in .get("/v1/accounts") }
        add("POST /v1/accounts") { r in
            .json(
                "/v1/accounts",
                [
                    "account_name": r.walkName, "domain": .string("walk-\(r.nonce).test"),
                    "admin_email": .string("a@walk-\(r.nonce).test"),
                ])
        }
        add("GET /v1/accounts/{id}") { r in .get(account(r)) }
        add("PATCH /v1/accounts/{id}") { r in .json(account(r), ["account_name": r.walkName, "max_budget": 1]) }
        add(
            "DELETE /v1/accounts/{id}", { r in .plain(account(r)) },
            { r in .plain(account(r) + "?hard_delete=true&confirm_name=walk") })
        add("POST /v1/accounts/{id}/status") { r in .json(account(r) + "/status", ["status": "suspended"]) }
        add("GET /v1/accounts/{id}/admins") { r in .get(account(r) + "/admins") }
        add("POST /v1/accounts/{id}/admins") { r in
            .json(
                account(r) + "/admins", ["email": .string("walk-\(r.nonce)@walk.test"), "password": "walk-password-1"])
        }
        add("PATCH /v1/accounts/{id}/admins/{email}") { r in
            .json(account(r) + "/admins/\(r[.adminEmail])", ["password": "walk-password-2"])
        }
        add("DELETE /v1/accounts/{id}/admins/{email}") { r in .plain(account(r) + "/admins/\(r[.adminEmail])") }
        add("GET /v1/accounts/{id}/sso") { r in .get(account(r) + "/sso") }
        add("POST /v1/accounts/{id}/sso") { r in
            .json(account(r) + "/sso", ["sso_provider": "generic", "sso_settings": ["generic_client_secret": "walk"]])
        }
        add("DELETE /v1/accounts/{id}/sso") { r in .plain(account(r) + "/sso") }
        add("GET /v1/accounts/{id}/feature-pack") { r in .get(account(r) + "/feature-pack") }
        add("PUT /v1/accounts/{id}/feature-pack") { r in .json(account(r) + "/feature-pack", ["walk": true]) }
        add("GET /v1/accounts/{id}/console-model-policy") { r in .get(account(r) + "/console-model-policy") }
        add("PUT /v1/accounts/{id}/console-model-policy") { r in
            .json(account(r) + "/console-model-policy", ["deny": r.list(.modelName)])
        }
        add("GET /v1/accounts/{id}/zitadel/config") { r in .get(account(r) + "/zitadel/config") }
        add("PUT /v1/accounts/{id}/zitadel/config") { r in .json(account(r) + "/zitadel/config", ["enabled": false]) }
        add("GET /v1/accounts/{id}/zitadel/provision/plan") { r in .get(account(r) + "/zitadel/provision/plan") }
        add("POST /v1/accounts/{id}/zitadel/provision/bootstrap") { r in
            .json(account(r) + "/zitadel/provision/bootstrap", ["dry_run": false])
        }
        add("POST /v1/accounts/{id}/zitadel/provision/project-role") { r in
            .json(account(r) + "/zitadel/provision/project-role", ["key": "walk"])
        }
        add("POST /v1/accounts/{id}/zitadel/provision/user-grant") { r in
            .json(
                account(r) + "/zitadel/provision/user-grant",
                ["email": r.json(.adminEmail), "role_keys": ["account_admin"]])
        }
        add("POST /v1/accounts/{id}/zitadel/provision/sync-roles") { r in
            .json(account(r) + "/zitadel/provision/sync-roles", [:])
        }
        add("POST /v1/accounts/{id}/zitadel/provision/sync-admin-grants") { r in
            .json(account(r) + "/zitadel/provision/sync-admin-grants", [:])
        }
        add("GET /v1/super/zitadel/onboarding-defaults") { _ in .get("/v1/super/zitadel/onboarding-defaults") }
        add("PUT /v1/super/zitadel/onboarding-defaults") { _ in
            .json("/v1/super/zitadel/onboarding-defaults", ["enabled": true])
        }
        add("GET /v1/super/models") { _ in .get("/v1/super/models") }
        add(
            "POST /v1/super/models/upsert",
            { r in
                .json("/v1/super/models/upsert", ["model_name": r.walkName, "litellm_params": ["model": "mock/x"]])
            },
            { r in
                .json(
                    "/v1/super/models/upsert",
                    ["id": r.json(.modelID), "model_name": r.json(.modelName), "litellm_params": ["model": "mock/x"]])
            })
        add("DELETE /v1/super/models/{id}") { r in .plain("/v1/super/models/\(r[.modelID])") }
        add("GET /health") { _ in .get("/health") }
    }
}
