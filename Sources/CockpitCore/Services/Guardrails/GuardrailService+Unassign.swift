import Foundation

/// Removing an assignment (cockpit's addition; the original could only add them): `DELETE …/assignments/{id}`.
extension GuardrailService {
    /// Removes an assignment of this service's tree: 404 `Guardrail assignment not found` (another tree's or
    /// account's included); an agent's assignments are its mandatory presets and change with the agent (400); a team
    /// admin removes only those of the teams it administers and their members (403), as it assigns.
    public func unassign(account: UUID, id: String) async throws -> GuardrailAssignment {
        let actor = try context.changing(permission, in: account)
        let missing = CockpitError.nothingFound("Guardrail assignment not found")
        guard let assignmentID = UUID.fast(id) else { throw missing }
        let (now, caller, domain) = (context.now(), context.caller, domain)
        return try await context.writeAdmission(account) { tx in
            let repo = GuardrailRepository(tx, domain: domain)
            guard let existing = try repo.assignment(assignmentID, account: account) else { throw missing }
            guard existing.scopeType != .agent else {
                throw CockpitError.badRequest(
                    "an agent's guardrail presets change with the agent (PUT /v1/copilot/agents/{agent_id})")
            }
            let type = CatalogScopeType(rawValue: existing.scopeType.rawValue) ?? .account
            try CatalogScopes.requireAdministration(
                tx, CatalogScope(type: type, id: existing.scopeID), caller: caller, domain: domain)
            try repo.deleteAssignment(assignmentID, account: account)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: AuditDomain(domain), action: "guardrail.assignment_delete",
                objectType: "guardrail_assignment", objectID: existing.id.lowercased, before: Self.values(existing),
                after: nil, at: now)
            return existing
        }
    }
}
