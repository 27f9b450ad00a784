import Foundation

/// An account's guardrails as admission needs them, cached like its other policies: every preset and every
/// assignment. Which presets apply to a request is then resolved in memory (`GuardrailResolution`).
struct GuardrailPolicy: Sendable {
    var presets: [UUID: GuardrailPreset]
    var assignments: [GuardrailAssignment]

    static let none = GuardrailPolicy(presets: [:], assignments: [])

    /// Reads the policy of `account`, both trees, from the store (two queries).
    static func load(_ tx: Transaction, account: UUID) throws -> GuardrailPolicy {
        let repo = GuardrailRepository(tx, domain: nil)
        let assignments = try repo.assignments(account: account, scope: nil)
        guard !assignments.isEmpty else { return .none }
        var presets: [UUID: GuardrailPreset] = [:]
        for preset in try repo.presets(account: account) { presets[preset.id] = preset }
        return GuardrailPolicy(presets: presets, assignments: assignments.reversed())
    }

    /// The presets in effect for `chain` in `tree` (its assignments and the account-scope ones of both trees; a key
    /// owned in no tree: the account-scope ones), in chain order, each once (a preset assigned at several scopes of
    /// the chain applies once).
    func presets(for chain: [GuardrailScopeLink], in tree: ProductDomain?) -> [GuardrailPreset] {
        let applying = assignments.filter { tree.map($0.applies(to:)) ?? ($0.scopeType == .account) }
        guard !applying.isEmpty else { return [] }
        var seen = Set<UUID>()
        return GuardrailResolution.effective(chain: chain, assignments: applying, presets: presets)
            .compactMap { seen.insert($0.preset.id).inserted ? $0.preset : nil }
    }
}

/// The compiled guardrails of one caller: a scanner for its requests and one for its answers (nil: nothing to
/// check in that direction).
struct CallerGuardrails: Sendable {
    var input: GuardrailScanner?
    var output: GuardrailScanner?

    static let none = CallerGuardrails(input: nil, output: nil)

    /// Whose guardrails they are, as the gateway caches them: a key of an account with the agent its request names
    /// (all nil: config.yaml's alone). Ids, so a lookup builds no text.
    struct Owner: Hashable, Sendable {
        var account: UUID?
        var key: UUID?
        var agent: UUID?
    }

    var isEmpty: Bool { input == nil && output == nil }
}
