import Foundation

/// `builtin:secret`: API-key-looking tokens. Candidates are tokens with a well-known key prefix (`sk-`, `sk_live_`,
/// `ghp_`, `xoxb-`, `AKIA`…), PEM private key blocks, and long runs of letters, digits, `_` and `-`. The check
/// wants a whole token (nothing token-like glued on either side); a prefixed token's body must mix letters and
/// digits (`sk-learn-tutorial` is prose), and an unprefixed token at least 32 bytes with digits, upper- and
/// lower-case letters, a Shannon entropy of at least `minimumEntropy` bits per byte (a hex digest or a UUID stays
/// below it) and a character class (upper, lower, digit, other) changing at `minimumClassChanges` of its steps at
/// least (random tokens change at about 65 %, `CamelCaseIdentifiers2` at about 30 %).
enum SecretCheck {
    static let prefixes = [
        "sk-", "sk_live_", "sk_test_", "rk_live_", "pk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
        "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "glpat-", "AKIA", "ASIA", "AIza", "hf_",
    ]
    static let pemRegex = #"-----BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/=\s]*-----END [A-Z ]*PRIVATE KEY-----"#
    static var prefixedRegex: String { "(?:\(prefixes.joined(separator: "|")))[A-Za-z0-9_-]{10,}" }
    static let longTokenLength = 32
    static let longTokenRegex = "[A-Za-z0-9_-]{\(longTokenLength),}"
    static let minimumEntropy = 4.0
    static let minimumClassChanges = 0.4

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        guard let first = window[span.lowerBound] else { return nil }
        if first == UInt8(ascii: "-") && window[span.lowerBound + 1] == UInt8(ascii: "-") {
            return span  // A PEM private key block: the regex is the check.
        }
        if window[span.lowerBound - 1]?.isTokenByte ?? false { return nil }
        if window[span.upperBound]?.isTokenByte ?? false { return nil }
        let token = window.slice(span)
        if let prefix = prefixes.first(where: { token.starts(with: $0.utf8) }) {
            let body = token.dropFirst(prefix.utf8.count)
            if body.count >= 10, body.contains(where: \.isDigit), body.contains(where: \.isLetter) { return span }
        }
        guard token.count >= longTokenLength, token.contains(where: \.isDigit), token.contains(where: \.isUpper),
            token.contains(where: \.isLower)
        else { return nil }
        return entropy(token) >= minimumEntropy && classChanges(token) >= minimumClassChanges ? span : nil
    }

    /// The share of adjacent byte pairs whose character classes differ.
    static func classChanges(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double {
        func kind(_ byte: UInt8) -> Int { byte.isUpper ? 0 : byte.isLower ? 1 : byte.isDigit ? 2 : 3 }
        let changes = zip(bytes, bytes.dropFirst()).reduce(0) { $0 + (kind($1.0) != kind($1.1) ? 1 : 0) }
        return Double(changes) / Double(max(1, bytes.count - 1))
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}
