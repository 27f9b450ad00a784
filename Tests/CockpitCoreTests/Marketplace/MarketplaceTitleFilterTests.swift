@testable import CockpitCore
import Foundation
import Testing

/// The `title` filter as PostgreSQL answers `title ILIKE '%<title>%'` (the original's query): a case-insensitive
/// substring where `%` and `_` are wildcards and `\` escapes, decided in the core so SQLite answers alike.
@Suite struct MarketplaceTitleFilterTests {
    static func matches(_ filter: String, _ title: String) throws -> Bool {
        try #require(try MarketplaceTitleFilter(filter)).matches(title)
    }

    @Test func aCaseInsensitiveSubstring() throws {
        for (filter, title, expected) in [
            ("helper", "Code Helper", true), ("HELPER", "code helper", true), ("code h", "Code Helper", true),
            ("Helper ", "Code Helper", false), ("", "anything", true), ("x", "", false),
            // Unicode letters fold too (SQLite's LIKE folds ASCII only; PostgreSQL's ILIKE in UTF-8 folds these).
            ("ÉTÉ", "Plan d'été", true), ("straße", "STRASSE", false), ("ΣΟΦΊΑ", "σοφία", true),
            ("Ü", "über", true),
        ] {
            guard let filter = try MarketplaceTitleFilter(filter) else {
                #expect(expected, "an empty filter is no filter")
                continue
            }
            #expect(filter.matches(title) == expected, "\(filter.tokens) in \(title)")
        }
    }

    @Test func percentAndUnderscoreAreWildcards() throws {
        #expect(try Self.matches("a%c", "xxABBBCxx"))
        #expect(try Self.matches("a%c", "ac"))
        #expect(try Self.matches("a_c", "ABC"))
        #expect(try !Self.matches("a_c", "AC"), "_ is exactly one character")
        #expect(try !Self.matches("a_c", "ABBC"))
        #expect(try Self.matches("%", "anything"))
        #expect(try Self.matches("%", ""), "% alone matches the empty title too (ILIKE '%%%')")
        #expect(try Self.matches("_", "x"))
        #expect(try !Self.matches("_", ""))
        #expect(try Self.matches("__", "ab"))
        #expect(try Self.matches("50%", "50% off"))
        #expect(try Self.matches("50%", "500 agents"), "an unescaped % matches anything, as in the original")
        #expect(try Self.matches("é_t", "ÉTÉ ÉXT"), "one _ is one code point, an é included")
        #expect(try Self.matches("%%%%a%%%%", "xa"))
    }

    @Test func aBackslashEscapesAsPostgreSQLsDefaultEscape() throws {
        #expect(try Self.matches(#"50\%"#, "50% off"))
        #expect(try !Self.matches(#"50\%"#, "500 agents"), #"\% is a literal %"#)
        #expect(try Self.matches(#"a\_c"#, "A_C"))
        #expect(try !Self.matches(#"a\_c"#, "abc"))
        #expect(try Self.matches(#"a\\b"#, #"a\b"#))
        #expect(try Self.matches(#"a\b"#, "ab"), #"\ before an ordinary character makes it itself"#)
        // A trailing \ escapes the closing % of '%<title>%': the title must end with the text and a literal %.
        #expect(try Self.matches(#"abc\"#, "xx abc%"))
        #expect(try !Self.matches(#"abc\"#, "xx abc% yy"))
        #expect(try !Self.matches(#"abc\"#, "xx abc"))
    }

    @Test func aFilterLongerThanATitleIsRefusedAndHostilePatternsStayLinear() throws {
        #expect(throws: CockpitError.invalid(field: "title", reason: "must be at most 300 characters")) {
            try MarketplaceTitleFilter(String(repeating: "a", count: 301))
        }
        // Backtracking through many wildcards over a long title that almost matches: answered (the greedy matcher
        // returns to the last % only), never an exponential search.
        let title = String(repeating: "a", count: 300)
        let filter = try #require(try MarketplaceTitleFilter(String(repeating: "%a", count: 149) + "b"))
        #expect(!filter.matches(title))
        #expect(try Self.matches(String(repeating: "_", count: 300), title))
        #expect(try !Self.matches(String(repeating: "_", count: 300), String(title.dropFirst())))
    }
}
