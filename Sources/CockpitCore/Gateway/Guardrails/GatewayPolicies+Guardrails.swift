import Foundation

extension GatewayPolicies {
    /// The guardrails of an account (its presets and assignments), cached like its other policies.
    func guardrailPolicy(_ account: UUID) async throws -> GuardrailPolicy {
        try await cached(guardrailPolicies, account) {
            try await cockpit.database.read(.account(account)) { try GuardrailPolicy.load($0, account: account) }
        }
    }

    /// The compiled guardrails a request runs under: config.yaml's, then (for a virtual key) the presets assigned
    /// along its chain in its tree — the agent the request names (copilot keys), the key's user, team and
    /// organization, and the account (account-scope assignments of both trees) — each once. Built once per cache period per key and agent; a key whose account
    /// assigns nothing costs one lookup.
    func guardrails(_ key: VirtualKey?, agentID: String?) async throws -> CallerGuardrails {
        var policy = GuardrailPolicy.none
        if let key { policy = try await guardrailPolicy(key.accountID) }
        guard let key, !policy.assignments.isEmpty else {
            // The master key, or an account that assigns nothing: config.yaml's guardrails alone.
            guard !configGuardrails.isEmpty else { return .none }
            return try await cached(callerGuardrails, CallerGuardrails.Owner(account: nil, key: nil, agent: nil)) {
                try await scanners.guardrails(for: configGuardrails)
            }
        }
        let agent = key.domain == .copilot ? agentID.flatMap(UUID.fast) : nil
        let owner = CallerGuardrails.Owner(account: key.accountID, key: key.id, agent: agent)
        return try await cached(callerGuardrails, owner) {
            let chain = try await loadTreeChain(key)
            let links = GuardrailScopeLink.chain(
                account: key.accountID, orgID: chain.orgID, teamID: chain.teamID, userID: chain.userID,
                agentID: agent?.lowercased)
            return try await scanners.guardrails(for: configGuardrails + policy.presets(for: links, in: key.domain))
        }
    }
}
