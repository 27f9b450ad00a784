import CockpitCore
import Foundation

/// Grants and entitlements over `/v1/{domain}/models/…` and `/v1/features/…`.
extension RemoteBackend {
    public func grants(account: UUID, domain: ProductDomain) async throws -> [ModelGrant] {
        let items = try await get("/v1/\(domain.rawValue)/models/grants", account: account)["items"]?.arrayValue ?? []
        return try items.map { item in
            let (fields, scope) = try Self.scoped(item)
            let grant = try decode(RemoteGrant.self, fields)
            return ModelGrant(
                id: grant.id, accountID: grant.accountID, domain: grant.domain, modelName: grant.modelName,
                scope: scope,
                effect: grant.effect, createdAt: grant.createdAt)
        }
    }

    public func setGrant(
        account: UUID, domain: ProductDomain, model: String, scope: GrantScope, effect: GrantEffect
    ) async throws -> ModelGrant {
        var body = Self.scopeFields(scope)
        (body["model_name"], body["effect"]) = (.string(model), .string(effect.rawValue))
        _ = try await send("POST", "/v1/\(domain.rawValue)/models/grants", .object(body), account: account)
        guard
            let grant = try await grants(account: account, domain: domain).first(where: {
                $0.modelName == model && $0.scope == scope
            })
        else {
            throw CockpitError.unavailable("the server did not list the grant it saved")
        }
        return grant
    }

    public func deleteGrant(account: UUID, domain: ProductDomain, id: UUID) async throws {
        _ = try await send("DELETE", "/v1/\(domain.rawValue)/models/grants/\(id.lowercased)", nil, account: account)
    }

    public func effectiveModel(
        account: UUID, domain: ProductDomain, model: String, at point: TreePoint
    ) async throws -> EffectiveAccess {
        let query = "model_name=\(Self.escaped(model))" + Self.pointQuery(point)
        return Self.effective(
            try await get("/v1/\(domain.rawValue)/models/effective?\(query)", account: account)["item"])
    }

    public func entitlements(account: UUID, domain: ProductDomain) async throws -> [FeatureEntitlement] {
        let items =
            try await get("/v1/features/entitlements?domain=\(domain.rawValue)", account: account)["items"]?.arrayValue
            ?? []
        return try items.map { item in
            let (fields, scope) = try Self.scoped(item)
            let e = try decode(RemoteEntitlement.self, fields)
            return FeatureEntitlement(
                id: e.id, accountID: e.accountID, domain: e.domain, featureCode: e.featureCode, scope: scope,
                enabled: e.enabled,
                config: e.config, createdAt: e.createdAt, updatedAt: e.updatedAt)
        }
    }

    public func setEntitlement(
        account: UUID, domain: ProductDomain, feature: String, scope: GrantScope, enabled: Bool
    ) async throws -> FeatureEntitlement {
        var body = Self.scopeFields(scope)
        (body["domain"], body["feature_code"], body["enabled"]) = (
            .string(domain.rawValue), .string(feature), .bool(enabled)
        )
        _ = try await send("POST", "/v1/features/entitlements", .object(body), account: account)
        guard
            let saved = try await entitlements(account: account, domain: domain).first(where: {
                $0.featureCode == feature && $0.scope == scope
            })
        else {
            throw CockpitError.unavailable("the server did not list the entitlement it saved")
        }
        return saved
    }

    public func deleteEntitlement(account: UUID, domain: ProductDomain, id: UUID) async throws {
        _ = try await send(
            "DELETE", "/v1/features/entitlements/\(id.lowercased)?domain=\(domain.rawValue)", nil, account: account)
    }

    public func effectiveFeature(
        account: UUID, domain: ProductDomain, feature: String, at point: TreePoint
    ) async throws -> EffectiveAccess {
        let query = "domain=\(domain.rawValue)&feature_code=\(Self.escaped(feature))" + Self.pointQuery(point)
        return Self.effective(try await get("/v1/features/effective?\(query)", account: account)["item"])
    }

    /// A grant's fields besides its scope.
    struct RemoteGrant: Decodable {
        var id: UUID
        var accountID: UUID
        var domain: ProductDomain
        var modelName: String
        var effect: GrantEffect
        var createdAt: Date
    }

    /// An entitlement's fields besides its scope.
    struct RemoteEntitlement: Decodable {
        var id: UUID
        var accountID: UUID
        var domain: ProductDomain
        var featureCode: String
        var enabled: Bool
        var config: JSONValue
        var createdAt: Date
        var updatedAt: Date
    }

    /// An item's scope, which travels as `{"team": {"_0": id}}` (or `{"account": {}}`), and its other fields.
    static func scoped(_ item: JSONValue) throws -> (JSONValue, GrantScope) {
        guard case .object(var fields) = item, case .object(let scope)? = fields.removeValue(forKey: "scope"),
            let (kind, value) = scope.first
        else { throw CockpitError.unavailable("the server's grant has no scope") }
        return (
            .object(fields),
            try GrantScope.parse(kind: kind, id: value["_0"]?.stringValue.flatMap(UUID.init(uuidString:)))
        )
    }

    /// `scope` and `scope_id` as the grant and entitlement routes take them.
    static func scopeFields(_ scope: GrantScope) -> [String: JSONValue] {
        ["scope": .string(scope.kind), "scope_id": scope.subjectID.map { .string($0.lowercased) } ?? .null]
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

    static func effective(_ item: JSONValue?) -> EffectiveAccess {
        EffectiveAccess(
            allowed: item?["allowed"] == .bool(true), decidedBy: item?["decided_by"]?.stringValue ?? "",
            scopeID: item?["scope_id"]?.stringValue.flatMap(UUID.init(uuidString:)))
    }
}
