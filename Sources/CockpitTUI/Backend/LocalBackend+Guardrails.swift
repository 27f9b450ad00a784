import CockpitAPI
import CockpitCore
import Foundation

/// Guardrails of one tree through the tree's `GuardrailService` (which checks each call).
extension LocalBackend {
    public func guardrailPresets(account: UUID, domain: ProductDomain) async throws -> [GuardrailPreset] {
        try await cockpit.guardrails(domain).presets(account: account)
    }

    public func saveGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, name: String, presetJSON: JSONValue?
    ) async throws -> GuardrailPreset {
        try await cockpit.guardrails(domain).upsertPreset(
            account: account, code: code, name: name, presetJSON: presetJSON)
    }

    public func guardrailAssignments(account: UUID, domain: ProductDomain) async throws -> [GuardrailAssignment] {
        try await cockpit.guardrails(domain).assignments(account: account, scopeType: nil, scopeID: nil)
    }

    public func assignGuardrailPreset(
        account: UUID, domain: ProductDomain, preset: UUID, scopeType: GuardrailScopeType, scopeID: String
    ) async throws -> GuardrailAssignment {
        try await cockpit.guardrails(domain).assign(
            account: account, presetID: preset.lowercased, scopeType: scopeType.rawValue, scopeID: scopeID)
    }

    public func unassignGuardrailPreset(
        account: UUID, domain: ProductDomain, id: UUID
    ) async throws -> GuardrailAssignment {
        try await cockpit.guardrails(domain).unassign(account: account, id: id.lowercased)
    }

    public func createGuardrailPattern(
        account: UUID, domain: ProductDomain, _ input: GuardrailPatternInput
    ) async throws -> GuardrailPatternView {
        GuardrailPatternView(try await cockpit.guardrails(domain).createPattern(account: account, input))
    }

    public func updateGuardrailPattern(
        account: UUID, domain: ProductDomain, id: String, _ change: GuardrailPatternChange
    ) async throws -> GuardrailPatternView {
        GuardrailPatternView(try await cockpit.guardrails(domain).updatePattern(account: account, id: id, change))
    }

    public func deleteGuardrailPattern(account: UUID, domain: ProductDomain, id: String) async throws -> Bool {
        try await cockpit.guardrails(domain).deletePattern(account: account, id: id)
    }

    public func effectiveGuardrails(
        account: UUID, domain: ProductDomain, org: UUID?, team: UUID?, user: UUID?
    ) async throws -> EffectiveGuardrailsAnswer {
        EffectiveGuardrailsAnswer(
            try await cockpit.guardrails(domain).effective(
                account: account, orgID: org?.lowercased, teamID: team?.lowercased, userID: user?.lowercased))
    }

    public func tryGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, text: String, direction: String?
    ) async throws -> GuardrailTrialAnswer {
        GuardrailTrialAnswer(
            try await cockpit.guardrails(domain).trial(account: account, code: code, text: text, direction: direction))
    }
}
