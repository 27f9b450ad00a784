import Foundation

/// Hyperscan's compile messages as refusal reasons: its own words (they name the construct and often its index in
/// the regex), with a sentence of why when the construct is one a linear-time engine cannot have.
enum HyperscanDiagnosis {
    /// Constructs a non-backtracking engine refuses, as Hyperscan's messages name them.
    private static let unsupported: [(fragment: String, name: String)] = [
        ("Back-reference", "back-references"), ("Zero-width assertion", "lookahead and lookbehind"),
        ("Atomic group", "atomic groups"), ("Possessive", "possessive quantifiers"), ("\\K", "\\K"),
        ("\\R", "\\R"), ("Subroutine", "subroutines"), ("Recursion", "recursion"), ("Conditional", "conditionals"),
        ("callout", "callouts"), ("Backtracking control", "backtracking control verbs"),
    ]

    /// The reason for a pattern Hyperscan does not compile.
    static func explain(_ message: String) -> String {
        let message = clean(message)
        if message.contains("matches empty buffer") { return "pattern_regex matches the empty string" }
        if let construct = unsupported.first(where: { message.localizedCaseInsensitiveContains($0.fragment) }) {
            return "pattern_regex uses \(construct.name), which the guardrail engine does not support (it matches "
                + "in linear time and never backtracks): \(message)"
        }
        return "pattern_regex does not compile: \(message)"
    }

    /// The reason for a pattern that compiles but whose match starts Hyperscan cannot track (large bounded repeats
    /// such as `.{0,300}`); masking and `allow` need the starts.
    static func startTrackingFailed(_ message: String) -> String {
        "pattern_regex is too complex to locate where its matches start (\(clean(message))); use smaller bounded "
            + "repeats, or an unbounded one (.* instead of .{0,300})"
    }

    /// The message without Hyperscan's flag names (`HS_FLAG_…` means nothing to an admin).
    private static func clean(_ message: String) -> String {
        guard let range = message.range(of: "; use HS_FLAG") else { return message }
        return String(message[..<range.lowerBound]) + "."
    }
}
