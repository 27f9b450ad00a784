import Foundation

/// The effective guardrails of a chain (V1_CONTRACT.md "Guardrails", `GET …/effective`): resolved with
/// `GuardrailResolution.effective`, the rule the gateway applies too.
extension GuardrailService {
    /// The presets in effect for an agent, user, team and organization (each optional; empty is none) and the
    /// account: checks in the original's order (404 `copilot org not found`, `copilot team not found`, `copilot user
    /// not found`, `Copilot agent not found`), then every assignment at each scope of the chain (agent → user → team →
    /// org → account) with its preset, in chain order, oldest assignment first within a scope, no de-duplication.
    /// Two queries, whatever the chain's length.
    public func effective(
        account: UUID, orgID: String? = nil, teamID: String? = nil, userID: String? = nil, agentID: String? = nil
    ) async throws -> EffectiveGuardrails {
        try context.reading(permission, in: account)
        let given: @Sendable (String?) -> String? = { s in s.flatMap { $0.isEmpty ? nil : $0 } }
        return try await context.read(.account(account)) { tx in
            var ids: [CatalogScopeType: String] = [:]
            for (type, id) in [(CatalogScopeType.org, given(orgID)), (.team, given(teamID)), (.user, given(userID))] {
                guard let id else { continue }
                ids[type] = try MarketplaceService.treeID(tx, type, id, domain: domain).lowercased
            }
            var agent: String?
            if let id = given(agentID) {
                guard domain == .copilot else {
                    throw CockpitError.badRequest("agent_id: agents belong to the copilot tree")
                }
                guard let uuid = UUID.fast(id), try Self.agentExists(tx, uuid, account: account) else {
                    throw CockpitError.nothingFound("Copilot agent not found")
                }
                agent = uuid.lowercased
            }
            let chain = GuardrailScopeLink.chain(
                account: account, orgID: ids[.org], teamID: ids[.team], userID: ids[.user], agentID: agent)
            let (assignments, presets) = try GuardrailRepository(tx, domain: domain).assignments(
                at: chain, account: account)
            return EffectiveGuardrails(
                items: GuardrailResolution.effective(chain: chain, assignments: assignments, presets: presets),
                resolutionOrder: chain)
        }
    }
}

/// The effective view: the presets in effect with their sources, and the chain walked.
public struct EffectiveGuardrails: Sendable, Equatable {
    public var items: [EffectiveGuardrail]
    public var resolutionOrder: [GuardrailScopeLink]
}
