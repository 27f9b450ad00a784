import Foundation

/// A copilot agent of an account (V1_CONTRACT.md "Agents"): a name, an optional description and its definition, a
/// JSON object the copilot runs (at most 256 KiB). Its mandatory guardrail presets are its `agent`-scope guardrail
/// assignments; who may use it is its grants.
public struct Agent: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    public var description: String?
    public var definitionJSON: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, name: String, description: String?, definitionJSON: JSONValue, createdBy: String,
        createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.accountID, self.name, self.description) = (id, accountID, name, description)
        (self.definitionJSON, self.createdBy, self.createdAt, self.updatedAt) = (
            definitionJSON, createdBy, createdAt, updatedAt
        )
    }
}

/// One grant of an agent to a scope of the copilot tree (an organization, team or user, or cockpit's `account`):
/// unique per (agent, scope); it goes with the agent.
public struct AgentGrant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var agentID: UUID
    public var scope: CatalogScope
    public var createdBy: String
    public var createdAt: Date

    public init(id: UUID, accountID: UUID, agentID: UUID, scope: CatalogScope, createdBy: String, createdAt: Date) {
        (self.id, self.accountID, self.agentID, self.scope) = (id, accountID, agentID, scope)
        (self.createdBy, self.createdAt) = (createdBy, createdAt)
    }
}

/// An agent with what the wire shows beside it: its mandatory guardrail preset ids and its grants' scopes, both
/// oldest first. `grants` is nil when they were not read (a list without `include_grants`).
public struct AgentDetail: Sendable, Equatable, Codable {
    public var agent: Agent
    public var presetIDs: [UUID]
    public var grants: [CatalogScope]?

    public init(agent: Agent, presetIDs: [UUID], grants: [CatalogScope]?) {
        (self.agent, self.presetIDs, self.grants) = (agent, presetIDs, grants)
    }
}

/// An agent a copilot user may use, with the grants that reach them (oldest first).
public struct EffectiveAgent: Sendable, Equatable, Codable {
    public var detail: AgentDetail
    public var grantedVia: [CatalogScope]

    public init(detail: AgentDetail, grantedVia: [CatalogScope]) {
        (self.detail, self.grantedVia) = (detail, grantedVia)
    }
}
