import Foundation

/// One entry of an agent's grant list as the wire sends it (`{scope_type, scope_id}`, strings not yet checked).
public struct AgentGrantInput: Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }
}

/// A new agent as `POST /v1/copilot/agents` sends it: a name (required, stored as sent), an optional description,
/// its definition (absent: `{}`), its grants and its mandatory guardrail presets (at least one, as in the original).
public struct AgentInput: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var definitionJSON: JSONValue?
    public var grants: [AgentGrantInput]
    public var guardrailPresetIDs: [String]

    public init(
        name: String, description: String? = nil, definitionJSON: JSONValue? = nil, grants: [AgentGrantInput] = [],
        guardrailPresetIDs: [String] = []
    ) {
        (self.name, self.description, self.definitionJSON) = (name, description, definitionJSON)
        (self.grants, self.guardrailPresetIDs) = (grants, guardrailPresetIDs)
    }
}

/// A change of an agent (`PUT /v1/copilot/agents/{agent_id}`): nil keeps a field as it is (so a description cannot be
/// cleared, as in the original); presets and grants, when given, replace all of the agent's.
public struct AgentChange: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var definitionJSON: JSONValue?
    public var guardrailPresetIDs: [String]?
    public var grants: [AgentGrantInput]?

    public init(
        name: String? = nil, description: String? = nil, definitionJSON: JSONValue? = nil,
        guardrailPresetIDs: [String]? = nil, grants: [AgentGrantInput]? = nil
    ) {
        (self.name, self.description, self.definitionJSON) = (name, description, definitionJSON)
        (self.guardrailPresetIDs, self.grants) = (guardrailPresetIDs, grants)
    }
}
