import CHyperscan
import Foundation

/// Validates guardrail patterns with Hyperscan's compiler when they are saved, so the gateway only ever compiles
/// patterns that work. Refusals are `CockpitError.badRequest` naming the pattern (or preset) and the problem in
/// Hyperscan's words; they never contain anything but the pattern's name and the engine's diagnosis.
///
/// Flags: every pattern is compiled with `HS_FLAG_UTF8` (it matches characters, not bytes) and
/// `HS_FLAG_SOM_LEFTMOST` (matches report where they start, which masking and `allow` need), and with
/// `HS_FLAG_UCP` (Unicode `\w`, `\d`, `\s`) unless it uses `\b` or `\B`, which Hyperscan supports only in ASCII mode.
/// Case-insensitivity and the other modifiers come from the pattern itself (`(?i)`, `(?s)`, `(?m)`, `(?x)`).
public enum PatternCompiler {
    /// Characters (Unicode scalars) a `pattern_regex` may have.
    public static let maxRegexLength = 2_000
    /// Patterns one preset may hold.
    public static let maxPatternsPerPreset = 500
    /// Bytes one pattern's compiled database (block or stream) may take.
    public static let maxPatternDatabaseBytes = 2 << 20
    /// Bytes a preset's compiled database (block or stream) may take.
    public static let maxPresetDatabaseBytes = 32 << 20

    /// What validation learned of a pattern.
    public struct Report: Sendable, Equatable {
        /// Shortest and longest match in bytes (`nil`: unbounded).
        public var minWidth: Int
        public var maxWidth: Int?
        /// Whether `\w`, `\d`, `\s` are Unicode-aware (false when the pattern needs `\b`/`\B`).
        public var unicodeClasses: Bool
        public var blockDatabaseBytes: Int
        public var streamDatabaseBytes: Int
    }

    /// Validates one pattern: size and characters, a known built-in, and a regex that compiles for both block and
    /// streaming scans with start-of-match tracking, within the size budget. Runs on
    /// `BoundedWorkPool.guardrailValidation` (one at a time, off Swift's shared threads; 503 when too many wait).
    @discardableResult
    public static func validate(_ pattern: GuardrailPattern) async throws -> Report {
        try await BoundedWorkPool.guardrailValidation.run { try validateAlone(pattern) }
    }

    private static func validateAlone(_ pattern: GuardrailPattern) throws -> Report {
        let expressions = try expressions(for: pattern)
        var widths = (min: Int.max, max: Int?.some(0))
        for expression in expressions {
            let info = try analyse(expression, of: pattern)
            widths.min = min(widths.min, info.minWidth)
            widths.max = info.maxWidth.flatMap { w in widths.max.map { max($0, w) } }
        }
        let block = try compile(expressions, mode: .block, of: pattern)
        let stream = try compile(expressions, mode: .stream, of: pattern)
        return Report(
            minWidth: widths.min, maxWidth: widths.max,
            unicodeClasses: expressions.allSatisfy { $0.flags & UInt32(HS_FLAG_UCP) != 0 },
            blockDatabaseBytes: block.byteSize, streamDatabaseBytes: stream.byteSize)
    }

    /// Validates a preset's patterns as a whole: at most `maxPatternsPerPreset`, each valid, and one database for
    /// all of them within `maxPresetDatabaseBytes`. The patterns are compiled together (one compile per mode, not
    /// one per pattern); a pattern Hyperscan refuses there is then validated alone for its precise refusal. Runs
    /// where `validate(_:)` runs.
    public static func validate(presetCode: String, patterns: [GuardrailPattern]) async throws {
        guard patterns.count <= maxPatternsPerPreset else {
            throw CockpitError.badRequest(
                "preset \(GuardrailRefusal.quoted(presetCode)) has more than \(maxPatternsPerPreset) patterns")
        }
        try await BoundedWorkPool.guardrailValidation.run {
            var expressions: [(pattern: GuardrailPattern, expression: HyperscanExpression)] = []
            for pattern in patterns {
                let own = try self.expressions(for: pattern)
                for expression in own { _ = try analyse(expression, of: pattern) }
                expressions += own.map { (pattern, $0) }
            }
            guard !expressions.isEmpty else { return }
            for mode in [HyperscanMode.block, .stream] {
                let database: HyperscanDatabase
                do { database = try HyperscanDatabase(expressions.map(\.expression), mode: mode) } catch let
                    error as HyperscanCompileFailure
                {
                    if let index = error.expression { _ = try validateAlone(expressions[index].pattern) }
                    throw CockpitError.badRequest(
                        "preset \(GuardrailRefusal.quoted(presetCode)): its patterns do not compile together: "
                            + HyperscanDiagnosis.explain(error.message))
                }
                guard database.byteSize <= maxPresetDatabaseBytes else {
                    throw CockpitError.badRequest(
                        "preset \(GuardrailRefusal.quoted(presetCode)): its patterns compile to \(database.byteSize) "
                            + "bytes, above the budget of \(maxPresetDatabaseBytes)")
                }
            }
        }
    }

    /// The Hyperscan expressions of a pattern with their flags, after the checks that need no compile (size,
    /// characters, built-in name, Hyperscan's parse). A scanner compiles these.
    static func expressions(for pattern: GuardrailPattern) throws -> [HyperscanExpression] {
        let regex = pattern.regex
        guard !regex.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refusal(pattern, "pattern_regex is required")
        }
        guard regex.unicodeScalars.count <= maxRegexLength else {
            throw refusal(pattern, "pattern_regex is longer than \(maxRegexLength) characters")
        }
        if regex.unicodeScalars.contains(where: { $0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0) }) {
            throw refusal(pattern, "pattern_regex contains a control character (write it as an escape, e.g. \\x00)")
        }
        if regex.hasPrefix(BuiltinDetector.prefix) {
            guard let builtin = BuiltinDetector(reference: regex) else {
                let known = BuiltinDetector.allCases.map(\.reference).joined(separator: ", ")
                throw refusal(pattern, "unknown built-in detector (known: \(known))")
            }
            return builtin.expressions
        }
        let base = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_SOM_LEFTMOST)
        let unicode = HyperscanExpression(regex: regex, flags: base | UInt32(HS_FLAG_UCP))
        do {
            _ = try HyperscanDatabase.info(unicode)
            return [unicode]
        } catch let error as HyperscanCompileFailure where error.message.contains("UCP mode") {
            return [HyperscanExpression(regex: regex, flags: base)]
        } catch let error as HyperscanCompileFailure {
            throw refusal(pattern, HyperscanDiagnosis.explain(error.message))
        }
    }

    private static func analyse(
        _ expression: HyperscanExpression, of pattern: GuardrailPattern
    ) throws
        -> HyperscanExpressionInfo
    {
        let info: HyperscanExpressionInfo
        do { info = try HyperscanDatabase.info(expression) } catch let error as HyperscanCompileFailure {
            throw refusal(pattern, HyperscanDiagnosis.explain(error.message))
        }
        guard info.minWidth > 0 else { throw refusal(pattern, "pattern_regex matches the empty string") }
        return info
    }

    /// Compiles for one mode; tells a pattern Hyperscan cannot track match starts of from one that does not
    /// compile at all, and holds the database to the budget.
    private static func compile(
        _ expressions: [HyperscanExpression], mode: HyperscanMode, of pattern: GuardrailPattern
    )
        throws -> HyperscanDatabase
    {
        let database: HyperscanDatabase
        do { database = try HyperscanDatabase(expressions, mode: mode) } catch let error as HyperscanCompileFailure {
            let withoutStarts = expressions.map {
                HyperscanExpression(regex: $0.regex, flags: $0.flags & ~UInt32(HS_FLAG_SOM_LEFTMOST))
            }
            if (try? HyperscanDatabase(withoutStarts, mode: .block)) != nil {
                throw refusal(pattern, HyperscanDiagnosis.startTrackingFailed(error.message))
            }
            throw refusal(pattern, HyperscanDiagnosis.explain(error.message))
        }
        guard database.byteSize <= maxPatternDatabaseBytes else {
            throw refusal(
                pattern,
                "pattern_regex compiles to \(database.byteSize) bytes, above the budget of \(maxPatternDatabaseBytes)")
        }
        return database
    }

    static func refusal(_ pattern: GuardrailPattern, _ reason: String) -> CockpitError {
        .badRequest("pattern \(GuardrailRefusal.quoted(pattern.name)): \(reason)")
    }
}
