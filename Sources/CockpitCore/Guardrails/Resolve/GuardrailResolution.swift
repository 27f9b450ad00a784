import Foundation

/// One scope of a guardrail chain: `agent`, `user`, `team`, `org` or `account` and its id (lower-case UUID text).
public struct GuardrailScopeLink: Sendable, Hashable {
    public var type: GuardrailScopeType
    public var id: String

    public init(_ type: GuardrailScopeType, _ id: String) { (self.type, self.id) = (type, id) }

    /// The chain the original's effective route walks: the agent first, then user → team → organization → account,
    /// each only when known (V1_CONTRACT.md "Guardrails").
    public static func chain(
        account: UUID, orgID: String? = nil, teamID: String? = nil, userID: String? = nil, agentID: String? = nil
    ) -> [GuardrailScopeLink] {
        let links: [(GuardrailScopeType, String?)] = [
            (.agent, agentID), (.user, userID), (.team, teamID), (.org, orgID), (.account, account.lowercased),
        ]
        return links.compactMap { type, id in id.map { GuardrailScopeLink(type, $0.lowercased()) } }
    }
}

/// A preset in effect for a chain, with the scope whose assignment brought it (the effective route's item).
public struct EffectiveGuardrail: Sendable, Equatable {
    /// The assignment's own scope (equal to `source` today: an assignment applies exactly at its scope).
    public var assignment: GuardrailAssignment
    public var preset: GuardrailPreset
    public var source: GuardrailScopeLink
}

/// Resolves guardrails over a chain: every assignment at each scope of the chain joined with its preset, in chain
/// order and, within a scope, in the order given (the union; no de-duplication, as in the original). The effective
/// route and the gateway both resolve with this.
public enum GuardrailResolution {
    public static func effective(
        chain: [GuardrailScopeLink], assignments: [GuardrailAssignment], presets: [UUID: GuardrailPreset]
    ) -> [EffectiveGuardrail] {
        var byScope: [GuardrailScopeLink: [GuardrailAssignment]] = [:]
        for assignment in assignments {
            byScope[GuardrailScopeLink(assignment.scopeType, assignment.scopeID.lowercased()), default: []]
                .append(assignment)
        }
        var items: [EffectiveGuardrail] = []
        for link in chain {
            for assignment in byScope[link] ?? [] {
                guard let preset = presets[assignment.presetID] else { continue }
                items.append(EffectiveGuardrail(assignment: assignment, preset: preset, source: link))
            }
        }
        return items
    }
}
