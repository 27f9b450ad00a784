import Foundation

/// The marketplace's `title` filter, as the original's `title ILIKE '%<title>%'` on PostgreSQL answers it: a
/// case-insensitive substring where `%` matches any run of characters, `_` exactly one, and `\` makes the character
/// after it literal (PostgreSQL's default escape; a trailing `\` therefore makes the closing `%` a literal `%`).
///
/// Matched in the core, not the store: SQLite's `LIKE` folds ASCII letters only and has no default escape, so both
/// stores give PostgreSQL's answer this way. Case is folded with Unicode lower-casing of the whole text (as
/// PostgreSQL's `lower()` in a UTF-8 database) and characters are Unicode scalars (one `_`, one code point).
struct MarketplaceTitleFilter: Sendable {
    /// The longest filter taken: a title's limit (docs/COPILOT_CATALOG.md "Marketplace").
    static let maxLength = 300

    enum Token: Equatable, Sendable {
        case any, one
        case literal(Unicode.Scalar)
    }

    let tokens: [Token]
    /// How many characters a title needs at least (the tokens other than `%`).
    let minimum: Int

    /// The filter for `text`; nil for none (absent or empty, as the original's `if title:`). 400 naming `title` when
    /// it is longer than a title may be.
    init?(_ text: String?) throws {
        guard let text, !text.isEmpty else { return nil }
        guard text.count <= Self.maxLength else {
            throw CockpitError.invalid(field: "title", reason: "must be at most \(Self.maxLength) characters")
        }
        var tokens: [Token] = []
        var scalars = ("%" + text.lowercased() + "%").unicodeScalars.makeIterator()
        while let c = scalars.next() {
            switch c {
            case "\\": tokens.append(.literal(scalars.next() ?? "\\"))
            case "%" where tokens.last == .any: continue  // `%%` is `%`
            case "%": tokens.append(.any)
            case "_": tokens.append(.one)
            default: tokens.append(.literal(c))
            }
        }
        self.tokens = tokens
        minimum = tokens.filter { $0 != .any }.count
    }

    /// Whether `title` matches: greedy matching that returns to the last `%` on a mismatch (time proportional to the
    /// title's length times the filter's at worst, never exponential).
    func matches(_ title: String) -> Bool {
        let s = Array(title.lowercased().unicodeScalars)
        guard s.count >= minimum else { return false }
        var (si, pi) = (0, 0)
        var star: (pattern: Int, text: Int)?
        while si < s.count {
            if pi < tokens.count, tokens[pi] == .any {
                star = (pi, si)
                pi += 1
            } else if pi < tokens.count, tokens[pi] == .one || tokens[pi] == .literal(s[si]) {
                (si, pi) = (si + 1, pi + 1)
            } else if let last = star {
                star = (last.pattern, last.text + 1)
                (si, pi) = (last.text + 1, last.pattern + 1)
            } else {
                return false
            }
        }
        while pi < tokens.count, tokens[pi] == .any { pi += 1 }
        return pi == tokens.count
    }
}
