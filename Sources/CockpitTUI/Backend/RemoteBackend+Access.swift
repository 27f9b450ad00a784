import CockpitAPI
import CockpitCore
import Foundation

/// Grants and entitlements over `/v1/{domain}/models/…` and `/v1/features/…`.
extension RemoteBackend {
    public func grants(account: UUID, domain: ProductDomain) async throws -> [ModelGrant] {
        let items = try await get("/v1/\(domain.rawValue)/models/grants", account: account)["items"]
        return try decode([GrantView].self, items).map { try $0.grant() }
    }

    public func setGrant(
        account: UUID, domain: ProductDomain, model: String, scope: GrantScope, effect: GrantEffect
    ) async throws -> ModelGrant {
        let body = GrantCreate(domain: domain, modelName: model, scope: scope, effect: effect)
        let answer = try await send("POST", "/v1/\(domain.rawValue)/models/grants", body: body, account: account)[
            "item"]
        return try decode(GrantView.self, answer).grant()
    }

    public func deleteGrant(account: UUID, domain: ProductDomain, id: UUID) async throws {
        _ = try await send("DELETE", "/v1/\(domain.rawValue)/models/grants/\(id.lowercased)", nil, account: account)
    }

    public func effectiveModel(
        account: UUID, domain: ProductDomain, model: String, at point: TreePoint
    ) async throws -> EffectiveAccess {
        let query = "model_name=\(Self.escaped(model))" + Self.pointQuery(point)
        return try decode(
            ModelAccessAnswer.self, try await get("/v1/\(domain.rawValue)/models/effective?\(query)", account: account)
        ).access
    }

    public func entitlements(account: UUID, domain: ProductDomain) async throws -> [FeatureEntitlement] {
        let items = try await get("/v1/features/entitlements?domain=\(domain.rawValue)", account: account)["items"]
        return try decode([EntitlementView].self, items).map { try $0.entitlement() }
    }

    public func setEntitlement(
        account: UUID, domain: ProductDomain, feature: String, scope: GrantScope, enabled: Bool
    ) async throws -> FeatureEntitlement {
        let body = EntitlementCreate(domain: domain, featureCode: feature, scope: scope, enabled: enabled)
        let answer = try await send("POST", "/v1/features/entitlements", body: body, account: account)["item"]
        return try decode(EntitlementView.self, answer).entitlement()
    }

    public func deleteEntitlement(account: UUID, domain: ProductDomain, id: UUID) async throws {
        _ = try await send(
            "DELETE", "/v1/features/entitlements/\(id.lowercased)?domain=\(domain.rawValue)", nil, account: account)
    }

    public func effectiveFeature(
        account: UUID, domain: ProductDomain, feature: String, at point: TreePoint
    ) async throws -> EffectiveAccess {
        let query = "domain=\(domain.rawValue)&feature_code=\(Self.escaped(feature))" + Self.pointQuery(point)
        return try decode(
            FeatureAccessAnswer.self, try await get("/v1/features/effective?\(query)", account: account)
        ).access
    }

    /// `&org_id=…&team_id=…&user_id=…` for the ids the point has.
    static func pointQuery(_ p: TreePoint) -> String {
        [("org_id", p.org), ("team_id", p.team), ("user_id", p.user)].compactMap { name, id in
            id.map { "&\(name)=\($0.lowercased)" }
        }.joined()
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

}
