import CockpitCore
import Foundation

/// An agent as the wire shows it (V1_CONTRACT.md "Agents"): its row (`description` written as null when none),
/// `mandatory_guardrail_preset_ids` (oldest first), and, where the answer carries them, `grants` (oldest first) or,
/// on the effective view, `granted_via` (the grants that reach the user asked about).
public struct AgentView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    public var description: String?
    public var definitionJson: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var mandatoryGuardrailPresetIds: [UUID]
    public var grants: [AgentGrantScope]?
    public var grantedVia: [AgentGrantScope]?

    public init(_ d: AgentDetail, grantedVia: [CatalogScope]? = nil) {
        let a = d.agent
        (id, accountID, name, description, definitionJson) = (
            a.id, a.accountID, a.name, a.description, a.definitionJSON
        )
        (createdBy, createdAt, updatedAt) = (a.createdBy, a.createdAt, a.updatedAt)
        mandatoryGuardrailPresetIds = d.presetIDs
        grants = d.grants?.map(AgentGrantScope.init)
        self.grantedVia = grantedVia?.map(AgentGrantScope.init)
    }

    /// An agent a user may use, with the grants that reach them.
    public init(_ e: EffectiveAgent) { self.init(e.detail, grantedVia: e.grantedVia) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(definitionJson, forKey: .definitionJson)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(mandatoryGuardrailPresetIds, forKey: .mandatoryGuardrailPresetIds)
        try c.encodeIfPresent(grants, forKey: .grants)
        try c.encodeIfPresent(grantedVia, forKey: .grantedVia)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, name, description, definitionJson, createdBy, createdAt, updatedAt
        case mandatoryGuardrailPresetIds, grants, grantedVia
    }
}

/// One grant of an agent: `{id, account_id, agent_id, scope_type, scope_id, created_by, created_at}`.
public struct AgentGrantView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var agentID: UUID
    public var scopeType: String
    public var scopeID: String
    public var createdBy: String
    public var createdAt: Date

    public init(_ g: AgentGrant) {
        (id, accountID, agentID, scopeType, scopeID) = (g.id, g.accountID, g.agentID, g.scope.type.rawValue, g.scope.id)
        (createdBy, createdAt) = (g.createdBy, g.createdAt)
    }
}
