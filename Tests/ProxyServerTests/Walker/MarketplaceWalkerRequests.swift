import CockpitCore
import Foundation

/// Walker templates for the copilot marketplace (`/v1/copilot/marketplace…`): listings are reached by id
/// (`.marketplaceListing`), grants, discover, installs and ratings by the copilot tree's ids. Entity ids are free
/// text the original does not check, so they carry no reference to swap.
enum MarketplaceWalkerRequests {
    static let base = "/v1/copilot/marketplace"
    static let scopes: [(String, IDKind)] = [
        ("org", .org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot)),
    ]

    static func add(to specs: inout RouteSpecs) {
        specs.add(
            "GET \(base)", { _ in .get(base) }, { _ in .get("\(base)?limit=100&include_grants=true") },
            { _ in .get("\(base)?published_only=true&title=walk&entity_type=agent") })
        specs.add("POST \(base)") { r in
            .json(
                base,
                [
                    "entity_type": "agent", "entity_id": .string("walk-\(r.nonce)"), "title": r.walkName,
                    "description": "walk", "is_published": false,
                    "grants": .array(scopes.map { ["scope_type": .string($0.0), "scope_id": r.json($0.1)] }),
                ])
        }
        specs.add("GET \(base)/discover") { r in
            .get(
                "\(base)/discover?org_id=\(r[.org(.copilot)])&team_id=\(r[.team(.copilot)])&user_id=\(r[.user(.copilot)])&limit=10"
            )
        }
        specs.add("GET \(base)/{marketplace_id}") { r in .get("\(base)/\(r[.marketplaceListing])") }
        specs.add("PATCH \(base)/{marketplace_id}") { r in
            .json(
                "\(base)/\(r[.marketplaceListing])",
                ["title": r.walkName, "grants": [["scope_type": "team", "scope_id": r.json(.team(.copilot))]]])
        }
        for publish in ["false", "true"] {
            specs.add("POST \(base)/{marketplace_id}/publish") { r in
                .plain("\(base)/\(r[.marketplaceListing])/publish?publish=\(publish)")
            }
        }
        specs.add("DELETE \(base)/{marketplace_id}", filtering: true) { r in
            .plain("\(base)/\(r[.marketplaceListing])")
        }
        for (type, kind) in scopes {
            specs.add("POST \(base)/{marketplace_id}/grants") { r in
                .json(
                    "\(base)/\(r[.marketplaceListing])/grants", ["scope_type": .string(type), "scope_id": r.json(kind)])
            }
            specs.add("DELETE \(base)/{marketplace_id}/grants", filtering: true) { r in
                .plain("\(base)/\(r[.marketplaceListing])/grants?scope_type=\(type)&scope_id=\(r[kind])")
            }
        }
        specs.add("DELETE \(base)/{marketplace_id}/grants") { r in .plain("\(base)/\(r[.marketplaceListing])/grants") }
        specs.add("GET \(base)/{marketplace_id}/grants") { r in .get("\(base)/\(r[.marketplaceListing])/grants") }
        specs.add("POST \(base)/{marketplace_id}/install") { r in
            .json("\(base)/\(r[.marketplaceListing])/install", ["user_id": r.json(.user(.copilot))])
        }
        specs.add("POST \(base)/{marketplace_id}/rate") { r in
            .json("\(base)/\(r[.marketplaceListing])/rate", ["user_id": r.json(.user(.copilot)), "rating": 5])
        }
    }
}
