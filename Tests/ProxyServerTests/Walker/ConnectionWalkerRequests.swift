import CockpitCore
import Foundation

/// Walker templates for copilot connections (`/v1/copilot/connections…`): connections are reached by id
/// (`.connection`), grants and the effective view by the copilot tree's ids. Creating one names its type in the path,
/// no reference. (An `account`-scope grant is refused with the original's 400 for another account's id, not a 404:
/// the route tests cover it.)
enum ConnectionWalkerRequests {
    static let base = "/v1/copilot/connections"
    static let scopes: [(String, IDKind)] = [
        ("org", .org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot)),
    ]

    static func add(to specs: inout RouteSpecs) {
        specs.add(
            "GET \(base)", { _ in .get(base) }, { _ in .get("\(base)?connection_type=integration") })
        specs.add("GET \(base)/effective") { r in .get("\(base)/effective?user_id=\(r[.user(.copilot)])") }
        for (type, config) in [
            ("openapi", JSONValue.object(["spec_url": "https://93.184.216.34/walk/openapi.json"])),
            ("mcp", ["server_url": "https://93.184.216.34/walk/mcp", "transport": "streamable_http"]),
            ("composio", ["auth_mode": "api_key"]),
        ] {
            specs.add("POST \(base)/{connection_id}") { r in
                .json(
                    "\(base)/\(type)",
                    [
                        "name": r.walkName, "description": "walk", "config_json": config,
                        "secret_json": ["api_key": .string("walk-secret-\(r.nonce)")],
                    ])
            }
        }
        specs.add("GET \(base)/{connection_id}") { r in .get("\(base)/\(r[.connection])") }
        specs.add("PATCH \(base)/{connection_id}") { r in
            .json(
                "\(base)/\(r[.connection])",
                ["name": r.walkName, "config_json": ["base_url": "https://93.184.216.34/walk"], "secret_json": [:]])
        }
        for (type, kind) in scopes {
            specs.add("POST \(base)/{connection_id}/grants") { r in
                .json(
                    "\(base)/\(r[.connection])/grants",
                    ["scope_type": .string(type), "scope_id": r.json(kind), "can_manage": true])
            }
            specs.add("DELETE \(base)/{connection_id}/grants", filtering: true) { r in
                .plain("\(base)/\(r[.connection])/grants?scope_type=\(type)&scope_id=\(r[kind])")
            }
        }
        specs.add("GET \(base)/{connection_id}/grants") { r in .get("\(base)/\(r[.connection])/grants") }
        // A's connection names no spec: the test answers without a request leaving the process.
        specs.add("POST \(base)/{connection_id}/test") { r in .json("\(base)/\(r[.connection])/test", [:]) }
        specs.add("DELETE \(base)/{connection_id}", filtering: true) { r in .plain("\(base)/\(r[.connection])") }
    }
}
