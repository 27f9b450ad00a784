import Foundation

/// Trying a preset (cockpit's `POST …/presets/{code}/test`): the admin's way to see what a preset does to a text
/// before assigning it. A read: nothing is stored, audited or logged, the text included.
extension GuardrailService {
    /// Bytes (UTF-8) a trial text may have.
    public static let maxTrialTextBytes = 64 * 1024

    /// Runs the preset whose code is exactly `code` over `text` with the gateway's engine: its enabled patterns that
    /// apply to `direction` (nil, or `input`/`output`; nil: every pattern). 400 when the text is over 64 KiB or the
    /// direction unknown, then 404 `Guardrail preset not found`. Patterns the engine cannot compile are skipped and
    /// listed.
    public func trial(account: UUID, code: String, text: String, direction: String?) async throws -> GuardrailTrial {
        try context.reading(permission, in: account)
        guard text.utf8.count <= Self.maxTrialTextBytes else {
            throw CockpitError.invalid(field: "text", reason: "must be at most 64 KiB")
        }
        var scanned: GuardrailDirection?
        if let direction {
            guard let parsed = GuardrailDirection(rawValue: direction) else {
                throw CockpitError.badRequest("direction must be one of: input,output")
            }
            scanned = parsed
        }
        let preset = try await context.read(.account(account)) { tx in
            try GuardrailRepository(tx, domain: domain).preset(code: code, account: account)
        }
        guard let preset else { throw CockpitError.nothingFound("Guardrail preset not found") }
        let scanner = try await GuardrailScanner.compile(
            presets: [GuardrailPresetPatterns(preset: preset)], direction: scanned)
        let outcome = scanner.apply(to: text)
        return GuardrailTrial(
            preset: preset.code, hits: outcome.verdict.hits, refusal: outcome.verdict.refusal, text: outcome.text,
            skipped: scanner.skipped)
    }
}

/// What a trial found: the hits (UTF-8 byte offsets), the refusal if a refusing pattern matched, the text with masks
/// applied, and the patterns skipped because they do not compile.
public struct GuardrailTrial: Sendable, Equatable {
    public var preset: String
    public var hits: [GuardrailHit]
    public var refusal: GuardrailRefusal?
    public var text: String
    public var skipped: [GuardrailSkippedPattern]
}
