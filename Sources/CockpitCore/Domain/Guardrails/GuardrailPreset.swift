import Foundation

/// A guardrail preset of an account's tree (V1_CONTRACT.md "Guardrails"): a code unique per account and tree, a name
/// and its `preset_json` (patterns live in its `custom_patterns`).
public struct GuardrailPreset: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var code: String
    public var name: String
    public var presetJSON: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    /// The tree whose routes administer it (`copilot` for the original's routes).
    public var domain: ProductDomain

    public init(
        id: UUID, accountID: UUID, code: String, name: String, presetJSON: JSONValue, createdBy: String,
        createdAt: Date, updatedAt: Date, domain: ProductDomain = .copilot
    ) {
        (self.id, self.accountID, self.code, self.name, self.presetJSON) = (id, accountID, code, name, presetJSON)
        (self.createdBy, self.createdAt, self.updatedAt, self.domain) = (createdBy, createdAt, updatedAt, domain)
    }
}

/// Where a guardrail preset applies: the account, an agent (copilot), or an organization, team or user of a tree.
public enum GuardrailScopeType: String, Sendable, Codable, CaseIterable {
    case account, agent, org, team, user

    /// The wire's `scope_type` as sent (trimmed); the original's 400 otherwise. Agents are the copilot tree's: the
    /// console tree's list leaves them out.
    public static func parse(_ raw: String, domain: ProductDomain = .copilot) throws -> GuardrailScopeType {
        let type = GuardrailScopeType(rawValue: raw.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let type, domain == .copilot || type != .agent else {
            let names = allCases.filter { domain == .copilot || $0 != .agent }.map(\.rawValue)
            throw CockpitError.badRequest("scope_type must be one of: \(names.joined(separator: ","))")
        }
        return type
    }
}

/// One assignment of a preset to a scope of the preset's tree. Duplicates may accumulate (as in the original).
public struct GuardrailAssignment: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var presetID: UUID
    public var scopeType: GuardrailScopeType
    public var scopeID: String
    public var createdBy: String
    public var createdAt: Date
    /// The tree it was made in (the preset's). An `account`-scope assignment applies to the keys of both trees.
    public var domain: ProductDomain

    public init(
        id: UUID, accountID: UUID, presetID: UUID, scopeType: GuardrailScopeType, scopeID: String, createdBy: String,
        createdAt: Date, domain: ProductDomain = .copilot
    ) {
        (self.id, self.accountID, self.presetID, self.scopeType, self.scopeID) =
            (id, accountID, presetID, scopeType, scopeID)
        (self.createdBy, self.createdAt, self.domain) = (createdBy, createdAt, domain)
    }

    /// True when it applies to the keys of `tree`: made in that tree, or at the account scope.
    public func applies(to tree: ProductDomain) -> Bool { domain == tree || scopeType == .account }
}
