import CockpitCore
import Foundation

/// Walker templates for the LiteLLM-compatible management routes. Every template names the account (`account_id`,
/// as LiteLLM clients of a multi-tenant proxy do), so another account's id is walked there too.
enum LiteLLMWalkerRequests {
    static func add(to specs: inout RouteSpecs) {
        addKeys(to: &specs)
        for d in ProductDomain.allCases { addDirectory(d, to: &specs) }
        specs.add("POST /model/new") { r in
            body(r, "/model/new", ["model_name": r.walkName, "litellm_params": ["model": "mock/x"]])
        }
        specs.add("POST /model/update") { r in
            body(
                r, "/model/update",
                ["id": r.json(.modelID), "model_name": r.walkName, "litellm_params": ["model": "mock/x"]])
        }
        specs.add("POST /model/delete") { r in body(r, "/model/delete", ["id": r.json(.modelID)]) }
        specs.add("GET /model/info") { r in query(r, "/model/info") }
        specs.add(
            "GET /spend/logs", { r in query(r, "/spend/logs?start_date=2000-01-01") },
            { r in query(r, "/spend/logs?start_date=2000-01-01&api_key=\(r[.keyHash])") })
        specs.add("GET /global/spend") { r in query(r, "/global/spend") }
        addLongTail(to: &specs)
    }

    /// A POST body with `account_id`.
    static func body(_ r: Refs, _ path: String, _ fields: [String: JSONValue]) -> WalkRequest {
        .json(path, .object(fields.merging(["account_id": r.json(.account)]) { $1 }))
    }

    /// A GET with `account_id` in the query.
    static func query(_ r: Refs, _ path: String) -> WalkRequest {
        .get(path + (path.contains("?") ? "&" : "?") + "account_id=\(r[.account])")
    }

    private static func addKeys(to specs: inout RouteSpecs) {
        let c = ProductDomain.console
        specs.add(
            "POST /key/generate",
            { r in
                body(
                    r, "/key/generate",
                    [
                        "key_alias": r.walkName, "team_id": r.json(.team(c)), "user_id": r.json(.user(c)),
                        "organization_id": r.json(.org(c)),
                    ])
            },
            { r in
                body(
                    r, "/key/generate",
                    ["domain": "copilot", "team_id": r.json(.team(.copilot)), "user_id": r.json(.user(.copilot))])
            })
        specs.add(
            "POST /key/update",
            { r in
                body(
                    r, "/key/update",
                    [
                        "key": r.json(.keyID), "key_alias": r.walkName, "team_id": r.json(.team(c)),
                        "user_id": r.json(.user(c)),
                    ])
            }, { r in body(r, "/key/update", ["key": r.json(.keyHash), "rpm_limit": 7]) })
        specs.add(
            "POST /key/delete", { r in body(r, "/key/delete", ["keys": r.list(.keyID)]) },
            { r in body(r, "/key/delete", ["keys": r.list(.keyHash)]) },
            { r in body(r, "/key/delete", ["key_aliases": r.list(.keyAlias)]) })
        specs.add(
            "GET /key/info", { r in query(r, "/key/info?key=\(r[.keyID])") },
            { r in query(r, "/key/info?key=\(r[.keyHash])") })
        specs.add(
            "GET /key/list", { r in query(r, "/key/list?return_full_object=true") },
            { r in query(r, "/key/list?team_id=\(r[.team(c)])&return_full_object=true") },
            { r in query(r, "/key/list?user_id=\(r[.user(c)])&return_full_object=true") },
            { r in query(r, "/key/list?key_alias=\(r[.keyAlias])&return_full_object=true") })
        specs.add(
            "POST /key/{key}/regenerate", { r in body(r, "/key/\(r[.keyHash])/regenerate", [:]) },
            { r in body(r, "/key/\(r[.keyID])/regenerate", [:]) })
        for path in ["/key/block", "/key/unblock"] {
            specs.add(
                "POST \(path)", { r in body(r, path, ["key": r.json(.keyID)]) },
                { r in body(r, path, ["key": r.json(.keyHash)]) })
        }
    }

    private static func addDirectory(_ d: ProductDomain, to specs: inout RouteSpecs) {
        let domain = JSONValue.string(d.rawValue)
        @Sendable func tree(_ r: Refs, _ path: String, _ fields: [String: JSONValue]) -> WalkRequest {
            body(r, path, fields.merging(["domain": domain]) { $1 })
        }
        @Sendable func read(_ r: Refs, _ path: String) -> WalkRequest {
            query(r, path + (path.contains("?") ? "&" : "?") + "domain=\(d.rawValue)")
        }
        specs.add("POST /user/new") { r in
            tree(
                r, "/user/new",
                [
                    "user_email": .string("walk-\(r.nonce)@alpha.test"), "teams": r.list(.team(d)),
                    "auto_create_key": false,
                ])
        }
        if d == .console {
            specs.add("POST /user/new") { r in
                tree(r, "/user/new", ["user_email": .string("walk-key-\(r.nonce)@alpha.test"), "max_budget": 3])
            }
        }
        specs.add("GET /user/info") { r in read(r, "/user/info?user_id=\(r[.user(d)])") }
        specs.add("POST /user/update") { r in
            tree(
                r, "/user/update",
                ["user_id": r.json(.user(d)), "user_alias": r.walkName, "max_budget": 5, "budget_duration": "30d"])
        }
        specs.add("POST /user/delete") { r in tree(r, "/user/delete", ["user_ids": r.list(.user(d))]) }
        specs.add("GET /user/list") { r in read(r, "/user/list") }
        specs.add("POST /team/new") { r in
            tree(
                r, "/team/new",
                [
                    "team_alias": r.walkName, "organization_id": r.json(.org(d)), "rpm_limit": 9,
                    "members_with_roles": [["user_id": r.json(.user(d)), "role": "admin"]],
                ])
        }
        specs.add("GET /team/info") { r in read(r, "/team/info?team_id=\(r[.team(d)])") }
        specs.add("POST /team/update") { r in
            tree(r, "/team/update", ["team_id": r.json(.team(d)), "team_alias": r.walkName, "tpm_limit": 99])
        }
        specs.add("POST /team/delete") { r in tree(r, "/team/delete", ["team_ids": r.list(.team(d))]) }
        specs.add(
            "GET /team/list", { r in read(r, "/team/list") },
            { r in read(r, "/team/list?organization_id=\(r[.org(d)])") })
        specs.add("POST /team/member_add") { r in
            tree(
                r, "/team/member_add",
                ["team_id": r.json(.team(d)), "member": ["user_id": r.json(.user(d)), "role": "user"]])
        }
        specs.add("POST /team/member_delete") { r in
            tree(r, "/team/member_delete", ["team_id": r.json(.team(d)), "user_id": r.json(.user(d))])
        }
        specs.add("POST /team/member_update") { r in
            tree(
                r, "/team/member_update",
                ["team_id": r.json(.team(d)), "user_id": r.json(.user(d)), "role": "admin", "max_budget_in_team": 3])
        }
        for path in ["/team/block", "/team/unblock"] {
            specs.add("POST \(path)") { r in tree(r, path, ["team_id": r.json(.team(d))]) }
        }
        for path in ["/team/model/add", "/team/model/delete"] {
            specs.add("POST \(path)") { r in tree(r, path, ["team_id": r.json(.team(d)), "models": ["walk-model"]]) }
        }
        specs.add("POST /organization/new") { r in
            tree(r, "/organization/new", ["organization_alias": r.walkName, "max_budget": 4])
        }
        specs.add("GET /organization/info") { r in read(r, "/organization/info?organization_id=\(r[.org(d)])") }
        specs.add("POST /organization/member_add") { r in
            tree(
                r, "/organization/member_add",
                ["organization_id": r.json(.org(d)), "member": ["user_id": r.json(.user(d)), "role": "internal_user"]])
        }
        for method in ["PATCH", "POST"] {
            specs.add("\(method) /organization/member_update") { r in
                tree(
                    r, "/organization/member_update",
                    ["organization_id": r.json(.org(d)), "user_id": r.json(.user(d)), "role": "internal_user_viewer"])
            }
        }
        for method in ["DELETE", "POST"] {
            specs.add("\(method) /organization/member_delete") { r in
                tree(
                    r, "/organization/member_delete", ["organization_id": r.json(.org(d)), "user_id": r.json(.user(d))])
            }
        }
        for method in ["PATCH", "POST"] {
            specs.add("\(method) /organization/update") { r in
                tree(
                    r, "/organization/update",
                    ["organization_id": r.json(.org(d)), "organization_alias": r.walkName, "rpm_limit": 3])
            }
        }
        for method in ["DELETE", "POST"] {
            specs.add("\(method) /organization/delete") { r in
                tree(r, "/organization/delete", ["organization_ids": r.list(.org(d))])
            }
        }
        specs.add("GET /organization/list") { r in read(r, "/organization/list") }
    }

    /// The LiteLLM long tail: key rotation, bulk updates and spend resets, and the spend reports.
    private static func addLongTail(to specs: inout RouteSpecs) {
        let c = ProductDomain.console
        specs.add(
            "POST /key/regenerate", { r in body(r, "/key/regenerate", ["key": r.json(.keyHash)]) },
            { r in body(r, "/key/regenerate", ["key": r.json(.keyID), "key_alias": r.walkName, "rpm_limit": 5]) })
        specs.add(
            "POST /key/bulk_update",
            { r in body(r, "/key/bulk_update", ["keys": [["key": r.json(.keyHash), "max_budget": 5]]]) },
            { r in body(r, "/key/bulk_update", ["keys": [["key": r.json(.keyID), "team_id": r.json(.team(c))]]]) })
        specs.add("POST /key/reset_spend") { r in body(r, "/key/reset_spend", ["key": r.json(.keyHash), "reset_to": 0])
        }
        specs.add("POST /key/{key}/reset_spend") { r in body(r, "/key/\(r[.keyID])/reset_spend", ["reset_to": 0]) }
        specs.add(
            "GET /spend/logs/v2",
            { r in query(r, "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&page=1&page_size=10") },
            { r in query(r, "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&api_key=\(r[.keyHash])") },
            { r in query(r, "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&team_id=\(r[.team(c)])") },
            { r in query(r, "/spend/logs/v2?start_date=2000-01-01&end_date=2100-01-01&user_id=\(r[.user(c)])") })
        specs.add(
            "GET /global/spend/report",
            { r in query(r, "/global/spend/report?start_date=2024-01-01&end_date=2024-12-31") },
            { r in query(r, "/global/spend/report?start_date=2024-01-01&end_date=2024-12-31&team_id=\(r[.team(c)])") },
            { r in
                query(
                    r,
                    "/global/spend/report?start_date=2024-01-01&end_date=2024-12-31&group_by=api_key&api_key=\(r[.keyHash])"
                )
            })
        specs.add("GET /spend/logs") { r in
            query(
                r,
                "/spend/logs?start_date=2000-01-01&team_id=\(r[.team(c)])&user_id=\(r[.user(c)])&request_id=x&page=1&page_size=5"
            )
        }
        specs.add("GET /global/activity") { r in query(r, "/global/activity?start_date=2024-01-01&end_date=2024-12-31")
        }
    }
}
