import CockpitCore
import Foundation

/// One entry of an agent's grant list, `{scope_type, scope_id}`: string values (a value of another type, null
/// included, is the original's 422); a missing key reads as empty, as the original's `(grant or {}).get(…) or ""`,
/// so the core answers its 400. Also how answers show an agent's grants.
public struct AgentGrantScope: Codable, Sendable, Equatable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }

    public init(_ scope: CatalogScope) { self.init(scopeType: scope.type.rawValue, scopeID: scope.id) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scopeType = c.contains(.scopeType) ? try c.decode(String.self, forKey: .scopeType) : ""
        scopeID = c.contains(.scopeID) ? try c.decode(String.self, forKey: .scopeID) : ""
    }

    /// The core's entry.
    public var input: AgentGrantInput { AgentGrantInput(scopeType: scopeType, scopeID: scopeID) }

    enum CodingKeys: String, CodingKey { case scopeType, scopeID }
}

/// `POST /v1/copilot/agents`: `name` (required), `description`, `definition_json` (`{}`), `grants` (`[]`) and
/// `guardrail_preset_ids` (`[]`, but at least one is required by the core, as in the original).
public struct AgentCreate: Codable, Sendable {
    public var name: String
    public var description: String?
    public var definitionJson: JSONValue?
    public var grants: [AgentGrantScope]?
    public var guardrailPresetIds: [String]?

    public init(
        name: String, description: String? = nil, definitionJson: JSONValue? = nil, grants: [AgentGrantScope]? = nil,
        guardrailPresetIds: [String]? = nil
    ) {
        (self.name, self.description, self.definitionJson) = (name, description, definitionJson)
        (self.grants, self.guardrailPresetIds) = (grants, guardrailPresetIds)
    }

    /// The core's input.
    public var input: AgentInput {
        AgentInput(
            name: name, description: description, definitionJSON: definitionJson, grants: (grants ?? []).map(\.input),
            guardrailPresetIDs: guardrailPresetIds ?? [])
    }
}

/// `PUT /v1/copilot/agents/{agent_id}`: every field optional, null or absent keeps it; `guardrail_preset_ids` and
/// `grants`, when given, replace all of the agent's.
public struct AgentUpdate: Codable, Sendable {
    public var name: String?
    public var description: String?
    public var definitionJson: JSONValue?
    public var guardrailPresetIds: [String]?
    public var grants: [AgentGrantScope]?

    public init(
        name: String? = nil, description: String? = nil, definitionJson: JSONValue? = nil,
        guardrailPresetIds: [String]? = nil, grants: [AgentGrantScope]? = nil
    ) {
        (self.name, self.description, self.definitionJson) = (name, description, definitionJson)
        (self.guardrailPresetIds, self.grants) = (guardrailPresetIds, grants)
    }

    /// The core's change. A `definition_json` of JSON null keeps the definition, as an absent one does.
    public var change: AgentChange {
        AgentChange(
            name: name, description: description, definitionJSON: definitionJson == .null ? nil : definitionJson,
            guardrailPresetIDs: guardrailPresetIds, grants: grants?.map(\.input))
    }
}

/// `POST /v1/copilot/agents/{agent_id}/grants`: the scope to grant the agent to (both required).
public struct AgentGrantCreate: Codable, Sendable {
    public var scopeType: String
    public var scopeID: String

    public init(scopeType: String, scopeID: String) { (self.scopeType, self.scopeID) = (scopeType, scopeID) }
}
