/// Rewrites the `$N` placeholders that repositories write into the numbered `?N` form SQLite binds by
/// position. Quoted strings and identifiers are left alone, and so is a `$` not followed by a digit.
enum PlaceholderRewriter {
    static func sqlite(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var out = bytes
        var quote: UInt8?
        for (i, b) in bytes.enumerated() {
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                quote = b
            } else if b == UInt8(ascii: "$"), i + 1 < bytes.count, (48...57).contains(bytes[i + 1]) {
                out[i] = UInt8(ascii: "?")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
