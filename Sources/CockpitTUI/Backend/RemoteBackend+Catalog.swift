import CockpitAPI
import CockpitCore
import Foundation

/// Copilot agents and connections over `/v1/copilot/agents`, `/v1/copilot/connections` and the guardrail presets,
/// read back with the wire's own types (`CockpitAPI`) into the core's.
extension RemoteBackend {
    static let agentsPath = "/v1/copilot/agents"
    static let connectionsPath = "/v1/copilot/connections"

    public func agents(account: UUID) async throws -> [AgentDetail] {
        try decode([AgentView].self, try await get("\(Self.agentsPath)?include_grants=true", account: account)["items"])
            .map { try $0.detail() }
    }

    public func createAgent(account: UUID, _ input: AgentInput) async throws -> AgentDetail {
        let body = AgentCreate(
            name: input.name, description: input.description, definitionJson: input.definitionJSON,
            grants: input.grants.map { AgentGrantScope(scopeType: $0.scopeType, scopeID: $0.scopeID) },
            guardrailPresetIds: input.guardrailPresetIDs)
        return try decode(AgentView.self, try await send("POST", Self.agentsPath, body: body, account: account)["item"])
            .detail()
    }

    public func updateAgent(account: UUID, id: UUID, _ change: AgentChange) async throws -> AgentDetail {
        let body = AgentUpdate(
            name: change.name, description: change.description, definitionJson: change.definitionJSON,
            guardrailPresetIds: change.guardrailPresetIDs,
            grants: change.grants?.map { AgentGrantScope(scopeType: $0.scopeType, scopeID: $0.scopeID) })
        let answer = try await send("PUT", "\(Self.agentsPath)/\(id.lowercased)", body: body, account: account)
        return try decode(AgentView.self, answer["item"]).detail()
    }

    public func deleteAgent(account: UUID, id: UUID) async throws -> Bool {
        try decode(
            DeletedAnswer.self, try await send("DELETE", "\(Self.agentsPath)/\(id.lowercased)", nil, account: account)
        ).deleted
    }

    public func grantAgent(account: UUID, id: UUID, to scope: CatalogScope) async throws {
        _ = try await send(
            "POST", "\(Self.agentsPath)/\(id.lowercased)/grants",
            body: AgentGrantCreate(scopeType: scope.type.rawValue, scopeID: scope.id), account: account)
    }

    public func revokeAgent(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool {
        let path = "\(Self.agentsPath)/\(id.lowercased)/grants?\(Self.scopeQuery(scope))"
        return try decode(DeletedAnswer.self, try await send("DELETE", path, nil, account: account)).deleted
    }

    public func usableAgents(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]] {
        let items = try await get("\(Self.agentsPath)/effective?user_id=\(user.lowercased)", account: account)["items"]
        return try Self.byID(
            try decode([AgentView].self, items).map {
                ($0.id, try ($0.grantedVia ?? []).map { try Self.scope($0.scopeType, $0.scopeID) })
            })
    }

    public func guardrailPresets(account: UUID) async throws -> [GuardrailPreset] {
        try decode(
            [GuardrailPresetView].self, try await get("/v1/copilot/guardrails/presets", account: account)["items"]
        )
        .map {
            GuardrailPreset(
                id: $0.id, accountID: $0.accountID, code: $0.code, name: $0.name, presetJSON: $0.presetJson,
                createdBy: $0.createdBy, createdAt: $0.createdAt, updatedAt: $0.updatedAt)
        }
    }

    public func connections(account: UUID) async throws -> [CatalogConnection] {
        try decode([ConnectionView].self, try await get(Self.connectionsPath, account: account)["items"])
            .map(CatalogConnection.init)
    }

    public func createConnection(
        account: UUID, type: String, _ input: ConnectionInput
    ) async throws -> CatalogConnection {
        let body = ConnectionCreate(
            name: input.name, description: input.description, credentialVisibility: input.credentialVisibility,
            allowUserSelfManage: input.allowUserSelfManage, configJson: input.config.objectValue,
            secretJson: input.secret.objectValue)
        let kind = type.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = try await send("POST", "\(Self.connectionsPath)/\(kind)", body: body, account: account)
        return try CatalogConnection(try decode(ConnectionView.self, answer["item"]))
    }

    public func updateConnection(account: UUID, id: UUID, _ patch: ConnectionPatch) async throws -> CatalogConnection {
        let body = ConnectionUpdate(
            name: patch.name, description: patch.description, credentialVisibility: patch.credentialVisibility,
            allowUserSelfManage: patch.allowUserSelfManage, configJson: patch.config?.objectValue,
            secretJson: patch.secret?.objectValue)
        let answer = try await send("PATCH", "\(Self.connectionsPath)/\(id.lowercased)", body: body, account: account)
        return try CatalogConnection(try decode(ConnectionView.self, answer["item"]))
    }

    public func deleteConnection(account: UUID, id: UUID) async throws -> Bool {
        let answer = try await send("DELETE", "\(Self.connectionsPath)/\(id.lowercased)", nil, account: account)
        return try decode(DeletedAnswer.self, answer).deleted
    }

    public func connectionGrants(account: UUID, id: UUID) async throws -> [ConnectionGrant] {
        let items = try await get("\(Self.connectionsPath)/\(id.lowercased)/grants", account: account)["items"]
        return try decode([ConnectionGrantView].self, items).map {
            ConnectionGrant(
                id: $0.id, accountID: $0.accountID, connectionID: $0.connectionID,
                scope: try Self.scope($0.scopeType, $0.scopeID), canManage: $0.canManage, createdBy: $0.createdBy,
                createdAt: $0.createdAt)
        }
    }

    public func grantConnection(account: UUID, id: UUID, to scope: CatalogScope, canManage: Bool) async throws {
        _ = try await send(
            "POST", "\(Self.connectionsPath)/\(id.lowercased)/grants",
            body: ConnectionGrantCreate(scopeType: scope.type.rawValue, scopeID: scope.id, canManage: canManage),
            account: account)
    }

    public func revokeConnection(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool {
        let path = "\(Self.connectionsPath)/\(id.lowercased)/grants?\(Self.scopeQuery(scope))"
        return try decode(DeletedAnswer.self, try await send("DELETE", path, nil, account: account)).deleted
    }

    public func testConnection(account: UUID, id: UUID) async throws -> ConnectionHealth {
        let answer = try await send(
            "POST", "\(Self.connectionsPath)/\(id.lowercased)/test", JSONValue.emptyObject, account: account)
        let v = try decode(ConnectionHealthView.self, answer)
        return ConnectionHealth(
            status: ConnectionHealth.Status(rawValue: v.status) ?? .error, latencyMs: v.latencyMs, detail: v.detail)
    }

    public func usableConnections(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]] {
        let answer = try await get("\(Self.connectionsPath)/effective?user_id=\(user.lowercased)", account: account)
        return try Self.byID(
            try decode([ConnectionView].self, answer["items"]).map {
                ($0.id, try ($0.grantedVia ?? []).map { try Self.scope($0.scopeType, $0.scopeID) })
            })
    }

    /// `scope_type=…&scope_id=…` for a grant's removal.
    static func scopeQuery(_ scope: CatalogScope) -> String {
        let id = scope.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "scope_type=\(scope.type.rawValue)&scope_id=\(id)"
    }

    /// A scope as the wire names it.
    static func scope(_ type: String, _ id: String) throws -> CatalogScope {
        CatalogScope(type: try CatalogScopeType.parse(type, allowingAccount: true), id: id)
    }

    static func byID(_ pairs: [(UUID, [CatalogScope])]) throws -> [UUID: [CatalogScope]] {
        Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }
}

extension AgentView {
    /// The agent as the core holds it.
    func detail() throws -> AgentDetail {
        AgentDetail(
            agent: Agent(
                id: id, accountID: accountID, name: name, description: description, definitionJSON: definitionJson,
                createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt),
            presetIDs: mandatoryGuardrailPresetIds,
            grants: try grants?.map { try RemoteBackend.scope($0.scopeType, $0.scopeID) })
    }
}
