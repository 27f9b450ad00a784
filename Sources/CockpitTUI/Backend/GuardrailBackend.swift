import CockpitAPI
import CockpitCore
import Foundation

/// Guardrails of one tree (`:guardrails`): the account's presets (their patterns are the `custom_patterns` of each
/// preset's `preset_json`), their assignments to scopes, the patterns of the guard types (`pii`, `toxic`,
/// `jailbreak`), the effective presets of a node with the scope each comes from, and a preset tried on a text. Every
/// method names the tree (`domain`): the service is per tree. Answers the core has no public initializer for come as
/// the wire's views (`CockpitAPI`). Every call is checked by the core (the local backend) or by the server's routes
/// (the remote one), and a refusal comes back in the core's words.
public protocol GuardrailBackend: Sendable {
    /// The tree's presets, newest first.
    func guardrailPresets(account: UUID, domain: ProductDomain) async throws -> [GuardrailPreset]
    /// Creates a preset, or replaces the name and `preset_json` of the one with the same code (the core's upsert; a
    /// `custom_patterns` entry whose regex does not compile is refused, naming it).
    func saveGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, name: String, presetJSON: JSONValue?
    ) async throws -> GuardrailPreset
    /// Every assignment of the tree's presets, newest first.
    func guardrailAssignments(account: UUID, domain: ProductDomain) async throws -> [GuardrailAssignment]
    /// Assigns a preset to a scope (`account`, `org`, `team`, `user`, `agent`).
    func assignGuardrailPreset(
        account: UUID, domain: ProductDomain, preset: UUID, scopeType: GuardrailScopeType, scopeID: String
    ) async throws -> GuardrailAssignment
    /// Removes an assignment of the tree (not an agent's: those change with the agent); answers the removed one.
    func unassignGuardrailPreset(account: UUID, domain: ProductDomain, id: UUID) async throws -> GuardrailAssignment
    /// Adds a pattern to its guard type's preset (created when missing); its regex is compiled first.
    func createGuardrailPattern(
        account: UUID, domain: ProductDomain, _ input: GuardrailPatternInput
    ) async throws -> GuardrailPatternView
    /// Changes a guard type's pattern (nil keeps a field; a system pattern only toggles `enabled`).
    func updateGuardrailPattern(
        account: UUID, domain: ProductDomain, id: String, _ change: GuardrailPatternChange
    ) async throws -> GuardrailPatternView
    /// Deletes a guard type's pattern (not a system one).
    func deleteGuardrailPattern(account: UUID, domain: ProductDomain, id: String) async throws -> Bool
    /// The presets in effect for an organization, team and user of the tree (each optional) and the account, with the
    /// scope each comes from, in the order they are resolved.
    func effectiveGuardrails(
        account: UUID, domain: ProductDomain, org: UUID?, team: UUID?, user: UUID?
    ) async throws -> EffectiveGuardrailsAnswer
    /// Runs the preset `code` over `text` (nothing stored): the hits with their UTF-8 byte spans, the refusal, the
    /// masked text and the patterns skipped. `direction` nil: every pattern.
    func tryGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, text: String, direction: String?
    ) async throws -> GuardrailTrialAnswer
}
