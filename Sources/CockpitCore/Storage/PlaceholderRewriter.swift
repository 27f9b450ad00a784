/// Rewrites the `$N` placeholders that repositories write into the forms SQLite binds by position: plain `?` when
/// the numbers run 1, 2, 3… in order (SQLite resolves each numbered `?N` by scanning the ones before it, which is
/// quadratic for the spend writer's statements of thousands of parameters), numbered `?N` otherwise. Quoted strings
/// and identifiers are left alone, and so is a `$` not followed by a digit.
enum PlaceholderRewriter {
    static func sqlite(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var quote: UInt8?
        var placeholders: [(start: Int, end: Int, number: Int)] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                quote = b
            } else if b == UInt8(ascii: "$"), i + 1 < bytes.count, (48...57).contains(bytes[i + 1]) {
                var end = i + 1, number = 0
                while end < bytes.count, (48...57).contains(bytes[end]) {
                    number = number * 10 + Int(bytes[end] - 48)
                    end += 1
                }
                placeholders.append((i, end, number))
                i = end
                continue
            }
            i += 1
        }
        guard !placeholders.isEmpty else { return sql }
        let sequential = placeholders.enumerated().allSatisfy { $0.offset + 1 == $0.element.number }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var last = 0
        for p in placeholders {
            out += bytes[last..<p.start]
            out.append(UInt8(ascii: "?"))
            if !sequential { out += bytes[(p.start + 1)..<p.end] }
            last = p.end
        }
        out += bytes[last...]
        return String(decoding: out, as: UTF8.self)
    }
}
