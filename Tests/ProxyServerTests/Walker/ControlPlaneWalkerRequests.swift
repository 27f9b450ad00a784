import CockpitCore
import Foundation

/// Walker templates for the tenant's `/v1` control plane (both trees, grants, entitlements, reports, the caller's
/// own context), the session routes and the public health routes.
enum ControlPlaneWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        for d in ProductDomain.allCases { addTree(d, to: &specs) }
        specs.add("GET /v1/me/context") { _ in .get("/v1/me/context") }
        specs.add("GET /v1/me/account") { _ in .get("/v1/me/account") }
        specs.add("GET /v1/auth/zitadel/status") { _ in .get("/v1/auth/zitadel/status") }
        specs.add("GET /v1/audit", { _ in .get("/v1/audit") }, { _ in .get("/v1/audit?domain=console") })
        specs.add("GET /v1/costs/breakdown") { _ in .get("/v1/costs/breakdown?by=team") }
        specs.add("GET /v1/logs") { _ in .get("/v1/logs?limit=20") }
        specs.add("GET /v1/keys") { _ in .get("/v1/keys") }
        specs.add("POST /v1/keys") { r in .json("/v1/keys", ["key_alias": r.walkName, "rpm_limit": 5]) }
        specs.add("PUT /v1/keys/{id}") { r in .json("/v1/keys/\(r[.keyID])", ["key_alias": r.walkName]) }
        specs.add("DELETE /v1/keys/{id}") { r in .plain("/v1/keys/\(r[.keyID])") }
        specs.add("POST /v1/keys/{id}/block") { r in .json("/v1/keys/\(r[.keyID])/block", [:]) }
        specs.add("POST /v1/keys/{id}/unblock") { r in .json("/v1/keys/\(r[.keyID])/unblock", [:]) }
        specs.add("GET /v1/deployments") { _ in .get("/v1/deployments") }
        specs.add("POST /v1/deployments") { r in
            .json(
                "/v1/deployments", ["id": .string(r[.modelID]), "model_name": r.walkName, "provider_model": "mock/x"])
        }
        specs.add("DELETE /v1/deployments/{id}") { r in .plain("/v1/deployments/\(r[.modelID])") }
        specs.add("GET /v1/logs") { r in .get("/v1/logs?key=\(r[.keyHash])") }
        specs.add("POST /v2/login", header: .ignored) { _ in
            .json(
                "/v2/login",
                [
                    "username": .string(TenantWalkerFixture.alphaAdmin),
                    "password": .string(TenantWalkerFixture.password),
                ])
        }
        specs.add("POST /v2/login/resolve", header: .ignored) { _ in
            .json("/v2/login/resolve", ["email": .string(TenantWalkerFixture.alphaAdmin)])
        }
        specs.add("POST /v2/logout", endsSession: true) { _ in .json("/v2/logout", [:]) }
        for path in ["/health/liveliness", "/health/liveness", "/health/readiness", "/metrics"] {
            specs.add("GET \(path)", header: .ignored) { _ in .get(path) }
        }
    }

    private static func addTree(_ d: ProductDomain, to specs: inout RouteSpecs) {
        let v = "/v1/\(d.rawValue)"
        specs.add("GET \(v)/orgs") { _ in .get("\(v)/orgs") }
        specs.add("POST \(v)/orgs") { r in .json("\(v)/orgs", ["name": r.walkName]) }
        specs.add("GET \(v)/orgs/{id}") { r in .get("\(v)/orgs/\(r[.org(d)])") }
        specs.add("PATCH \(v)/orgs/{id}") { r in
            .json("\(v)/orgs/\(r[.org(d)])", ["name": r.walkName, "max_budget": 9])
        }
        specs.add("DELETE \(v)/orgs/{id}") { r in .plain("\(v)/orgs/\(r[.org(d)])") }
        specs.add("GET \(v)/teams", { _ in .get("\(v)/teams") }, { r in .get("\(v)/teams?org_id=\(r[.org(d)])") })
        specs.add("POST \(v)/teams") { r in .json("\(v)/teams", ["org_id": r.json(.org(d)), "name": r.walkName]) }
        specs.add("GET \(v)/teams/{id}") { r in .get("\(v)/teams/\(r[.team(d)])") }
        specs.add("PATCH \(v)/teams/{id}") { r in .json("\(v)/teams/\(r[.team(d)])", ["name": r.walkName]) }
        specs.add("DELETE \(v)/teams/{id}") { r in .plain("\(v)/teams/\(r[.team(d)])") }
        for (kind, ref) in [("orgs", IDKind.org(d)), ("teams", .team(d)), ("users", .user(d))] {
            specs.add("GET \(v)/\(kind)/{id}/budget") { r in .get("\(v)/\(kind)/\(r[ref])/budget") }
            specs.add("PUT \(v)/\(kind)/{id}/budget") { r in
                .json("\(v)/\(kind)/\(r[ref])/budget", ["rpm_limit": 60, "max_budget": 100, "budget_duration": "30d"])
            }
        }
        specs.add("GET \(v)/users", { _ in .get("\(v)/users") }, { r in .get("\(v)/users?q=\(r[.email(d)])") })
        specs.add("POST \(v)/users") { r in
            .json("\(v)/users", ["email": .string("walk-\(r.nonce)@alpha.test"), "team_ids": r.list(.team(d))])
        }
        specs.add("GET \(v)/users/{id}") { r in .get("\(v)/users/\(r[.user(d)])") }
        specs.add("PATCH \(v)/users/{id}") { r in
            .json("\(v)/users/\(r[.user(d)])", ["display_name": r.walkName, "max_budget": 8])
        }
        specs.add("DELETE \(v)/users/{id}") { r in .plain("\(v)/users/\(r[.user(d)])") }
        specs.add("GET \(v)/users/{id}/memberships") { r in .get("\(v)/users/\(r[.user(d)])/memberships") }
        specs.add("GET \(v)/teams/{id}/members") { r in .get("\(v)/teams/\(r[.team(d)])/members") }
        specs.add("GET \(v)/members") { _ in .get("\(v)/members?limit=2") }
        specs.add("POST \(v)/teams/{id}/members") { r in
            .json("\(v)/teams/\(r[.team(d)])/members", ["user_id": r.json(.user(d)), "role": "admin"])
        }
        specs.add("DELETE \(v)/teams/{id}/members") { r in
            .plain("\(v)/teams/\(r[.team(d)])/members?user_id=\(r[.user(d)])")
        }
        let scopes: [(String, IDKind)] = [("org", .org(d)), ("team", .team(d)), ("user", .user(d))]
        specs.add("GET \(v)/models/grants") { _ in .get("\(v)/models/grants") }
        for (scope, kind) in scopes {
            specs.add("GET \(v)/models/grants") { r in .get("\(v)/models/grants?scope=\(scope)&scope_id=\(r[kind])") }
            specs.add("POST \(v)/models/grants") { r in
                .json(
                    "\(v)/models/grants",
                    ["model_name": r.walkName, "scope": .string(scope), "scope_id": r.json(kind), "effect": "deny"])
            }
            specs.add("GET /v1/features/entitlements") { r in
                .get("/v1/features/entitlements?domain=\(d.rawValue)&scope=\(scope)&scope_id=\(r[kind])")
            }
            specs.add("GET \(v)/models/effective") { r in
                .get("\(v)/models/effective?model_name=m&\(scope)_id=\(r[kind])")
            }
            specs.add("POST /v1/features/entitlements") { r in
                .json(
                    "/v1/features/entitlements",
                    [
                        "domain": .string(d.rawValue), "feature_code": r.walkName, "scope": .string(scope),
                        "scope_id": r.json(kind), "enabled": true,
                    ])
            }
        }
        specs.add("DELETE \(v)/models/grants/{id}") { r in .plain("\(v)/models/grants/\(r[.grant(d)])") }
        specs.add("DELETE /v1/features/entitlements/{id}") { r in
            .plain("/v1/features/entitlements/\(r[.entitlement(d)])?domain=\(d.rawValue)")
        }
        specs.add("GET \(v)/models/effective") { r in .get("\(v)/models/effective?model_name=m&\(chain(r, d))") }
        specs.add("GET /v1/features/effective") { r in
            .get("/v1/features/effective?domain=\(d.rawValue)&feature_code=f&\(chain(r, d))")
        }
        specs.add("GET /v1/costs/breakdown") { r in
            .get("/v1/costs/breakdown?domain=\(d.rawValue)&by=user&\(chain(r, d))")
        }
    }

    /// `org_id`, `team_id` and `user_id` of one tree, as a query.
    static func chain(_ r: Refs, _ d: ProductDomain) -> String {
        "org_id=\(r[.org(d)])&team_id=\(r[.team(d)])&user_id=\(r[.user(d)])"
    }
}
