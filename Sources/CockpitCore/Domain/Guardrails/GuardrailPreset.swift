import Foundation

/// A guardrail preset of an account (V1_CONTRACT.md "Guardrails"): a code unique per account, a name and its
/// `preset_json` (patterns live in its `custom_patterns`).
public struct GuardrailPreset: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var code: String
    public var name: String
    public var presetJSON: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, code: String, name: String, presetJSON: JSONValue, createdBy: String,
        createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.accountID, self.code, self.name, self.presetJSON) = (id, accountID, code, name, presetJSON)
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }
}

/// Where a guardrail preset applies: the account, an agent, or an organization, team or user of the copilot tree.
public enum GuardrailScopeType: String, Sendable, Codable, CaseIterable {
    case account, agent, org, team, user

    /// The wire's `scope_type` as sent (trimmed); the original's 400 otherwise.
    public static func parse(_ raw: String) throws -> GuardrailScopeType {
        guard let type = GuardrailScopeType(rawValue: raw.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CockpitError.badRequest("scope_type must be one of: account,agent,org,team,user")
        }
        return type
    }
}

/// One assignment of a preset to a scope. Duplicates may accumulate (as in the original).
public struct GuardrailAssignment: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var presetID: UUID
    public var scopeType: GuardrailScopeType
    public var scopeID: String
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID, accountID: UUID, presetID: UUID, scopeType: GuardrailScopeType, scopeID: String, createdBy: String,
        createdAt: Date
    ) {
        (self.id, self.accountID, self.presetID, self.scopeType, self.scopeID) =
            (id, accountID, presetID, scopeType, scopeID)
        (self.createdBy, self.createdAt) = (createdBy, createdAt)
    }
}
