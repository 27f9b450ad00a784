import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Model grants (`/v1/{domain}/models/grants`, `/effective`) and feature entitlements (`/v1/features/…`), in the
/// original's shapes (V1_CONTRACT.md "Model grants", "Feature entitlements").
enum AccessRoutes {
    static func register(_ table: RouteTable) {
        for d in ProductDomain.allCases {
            let base = "/v1/\(d.rawValue)/models"
            table.add(.get, "\(base)/grants") { request, _, c in
                let account = try c.callerAccount()
                return WireJSON.list(
                    try await c.access.modelGrants(
                        account: account, domain: d, scope: try scopeFilter(request, account, d),
                        modelName: request.query("model_name")
                    ).map(GrantView.init))
            }
            table.add(.post, "\(base)/grants") { request, context, c in
                let account = try c.callerAccount()
                let b = try await WireJSON.decode(GrantCreate.self, from: request, context)
                let (scope, effect) = try b.checked(route: d, account: account)
                let grant = try await c.access.addModelGrant(
                    account: account, domain: d, modelName: b.modelName, scope: scope, effect: effect)
                return WireJSON.item(GrantView(grant))
            }
            table.add(.delete, "\(base)/grants/{id}") { request, context, c in
                let id = try request.id("id", context)
                try await c.access.deleteModelGrant(account: try c.callerAccount(), domain: d, id: id)
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
            table.add(.get, "\(base)/effective") { request, _, c in
                let account = try c.callerAccount()
                let model = try required(request, "model_name")
                let (org, team, user) = try points(request, d)
                let answer = try await c.access.effectiveModel(
                    account: account, domain: d, modelName: model, orgID: org, teamID: team, userID: user)
                return WireJSON.response(ModelAccessAnswer(modelName: model, access: answer, account: account))
            }
        }
        table.add(.get, "/v1/features/entitlements") { request, _, c in
            let account = try c.callerAccount()
            let d = try domain(request.query("domain"))
            let items = try await c.access.entitlements(
                account: account, domain: d, scope: try scopeFilter(request, account, d),
                featureCode: request.query("feature_code"))
            return WireJSON.response(EntitlementList(domain: d, items: items.map(EntitlementView.init)))
        }
        table.add(.post, "/v1/features/entitlements") { request, context, c in
            let account = try c.callerAccount()
            let b = try await WireJSON.decode(EntitlementCreate.self, from: request, context)
            let (d, scope, config) = try b.checked(account: account)
            let entitlement = try await c.access.setEntitlement(
                account: account, domain: d, featureCode: b.featureCode, scope: scope, enabled: b.enabled ?? true,
                config: config)
            return WireJSON.item(EntitlementView(entitlement))
        }
        table.add(.delete, "/v1/features/entitlements/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.access.deleteEntitlement(
                account: try c.callerAccount(), domain: try domain(request.query("domain")), id: id)
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
        table.add(.get, "/v1/features/effective") { request, _, c in
            let account = try c.callerAccount()
            let d = try domain(request.query("domain"))
            let code = try required(request, "feature_code")
            let (org, team, user) = try points(request, d)
            let answer = try await c.access.effectiveFeature(
                account: account, domain: d, featureCode: code, orgID: org, teamID: team, userID: user)
            return WireJSON.response(
                FeatureAccessAnswer(domain: d, featureCode: code, access: answer, account: account))
        }
    }

    /// `?scope_type=` (or `scope=`) and `scope_id=` as a filter; nil when no scope is given.
    static func scopeFilter(_ request: Request, _ account: UUID, _ d: ProductDomain) throws -> GrantScope? {
        let type = request.query("scope_type"), legacy = request.query("scope")
        guard type != nil || legacy != nil else { return nil }
        return try WireScope.parse(
            type: type, legacy: legacy, id: request.query("scope_id"), account: account, domain: d)
    }

    /// `org_id`, `team_id`, `user_id` of an effective query: free text, an id that names nothing is a 404 naming the
    /// tree and kind.
    static func points(_ request: Request, _ d: ProductDomain) throws -> (UUID?, UUID?, UUID?) {
        func point(_ name: String, _ kind: String) throws -> UUID? {
            guard let text = request.query(name), !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else { throw CockpitError.notFound("\(d.rawValue) \(kind)") }
            return id
        }
        return (try point("org_id", "org"), try point("team_id", "team"), try point("user_id", "user"))
    }

    /// A query parameter the route needs: 422 without it, as the original's validation answers.
    static func required(_ request: Request, _ name: String) throws -> String {
        guard let value = request.query(name), !value.isEmpty else {
            throw APIError(.unprocessableContent, "\(name) is required")
        }
        return value
    }

    /// `?domain=`: `console` or `copilot`, 422 otherwise.
    static func domain(_ text: String?) throws -> ProductDomain {
        guard let text, let d = ProductDomain(rawValue: text) else {
            throw APIError(.unprocessableContent, "domain is required: console or copilot")
        }
        return d
    }
}
