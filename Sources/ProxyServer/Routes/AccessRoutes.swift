import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Model grants (`/v1/{domain}/models/grants`, `/effective`) and feature entitlements (`/v1/features/…`).
enum AccessRoutes {
    static func register(_ table: RouteTable) {
        for d in ProductDomain.allCases {
            let base = "/v1/\(d.rawValue)/models"
            table.add(.get, "\(base)/grants") { request, _, c in
                WireJSON.list(
                    try await c.access.modelGrants(
                        account: try c.callerAccount(), domain: d, scope: try scopeFilter(request)
                    ).map(GrantView.init))
            }
            table.add(.post, "\(base)/grants") { request, context, c in
                let b = try await WireJSON.decode(GrantCreate.self, from: request, context)
                guard let effect = GrantEffect(rawValue: b.effect ?? "allow") else {
                    throw APIError(.badRequest, "effect must be allow or deny")
                }
                let scope = try ScopeFields(scope: b.scope, scopeID: b.scopeID).grantScope()
                let grant = try await c.access.setModelGrant(
                    account: try c.callerAccount(), domain: d, modelName: b.modelName, scope: scope, effect: effect)
                return WireJSON.item(GrantView(grant), status: .created)
            }
            table.add(.delete, "\(base)/grants/{id}") { request, context, c in
                let id = try request.id("id", context)
                try await c.access.deleteModelGrant(account: try c.callerAccount(), domain: d, id: id)
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
            table.add(.get, "\(base)/effective") { request, _, c in
                guard let model = request.query("model_name") else {
                    throw APIError(.badRequest, "model_name is required")
                }
                let answer = try await c.access.effectiveModel(
                    account: try c.callerAccount(), domain: d, modelName: model, orgID: try request.queryID("org_id"),
                    teamID: try request.queryID("team_id"), userID: try request.queryID("user_id"))
                return WireJSON.item(EffectiveAnswer(modelName: model, answer: answer))
            }
        }
        table.add(.get, "/v1/features/entitlements") { request, _, c in
            let d = try domain(request.query("domain"))
            return WireJSON.list(
                try await c.access.entitlements(
                    account: try c.callerAccount(), domain: d, scope: try scopeFilter(request)
                ).map(EntitlementView.init))
        }
        table.add(.post, "/v1/features/entitlements") { request, context, c in
            let b = try await WireJSON.decode(EntitlementCreate.self, from: request, context)
            let d = try domain(b.domain)
            let scope = try ScopeFields(scope: b.scope, scopeID: b.scopeID).grantScope()
            let entitlement = try await c.access.setEntitlement(
                account: try c.callerAccount(), domain: d, featureCode: b.featureCode, scope: scope, enabled: b.enabled,
                config: b.config)
            return WireJSON.item(EntitlementView(entitlement), status: .created)
        }
        table.add(.delete, "/v1/features/entitlements/{id}") { request, context, c in
            let id = try request.id("id", context)
            try await c.access.deleteEntitlement(
                account: try c.callerAccount(), domain: try domain(request.query("domain")), id: id)
            return WireJSON.ok(["id": .string(id.lowercased)])
        }
        table.add(.get, "/v1/features/effective") { request, _, c in
            let d = try domain(request.query("domain"))
            guard let code = request.query("feature_code") else {
                throw APIError(.badRequest, "feature_code is required")
            }
            let answer = try await c.access.effectiveFeature(
                account: try c.callerAccount(), domain: d, featureCode: code, orgID: try request.queryID("org_id"),
                teamID: try request.queryID("team_id"), userID: try request.queryID("user_id"))
            return WireJSON.item(EffectiveAnswer(featureCode: code, answer: answer))
        }
    }

    /// `?scope=&scope_id=` as a filter; nil when no scope is given.
    static func scopeFilter(_ request: Request) throws -> GrantScope? {
        guard let kind = request.query("scope") else { return nil }
        return try ScopeFields(scope: kind, scopeID: request.query("scope_id")).grantScope()
    }

    static func domain(_ text: String?) throws -> ProductDomain {
        guard let text else { throw APIError(.badRequest, "domain is required (console or copilot)") }
        return try ProductDomain.parse(text)
    }
}
