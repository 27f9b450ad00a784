import Foundation

/// The cursor behind `JSONBytes`: strict RFC 8259 (no trailing commas, no comments), nesting limited to 128, strings
/// checked for valid UTF-8 and escapes.
struct JSONCursor {
    static let maxDepth = 128
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8], index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ reason: String) -> CockpitError {
        CockpitError.invalid(field: "body", reason: "is not valid JSON (\(reason) at byte \(index))")
    }

    mutating func skipSpace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
        { index += 1 }
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek == byte else { throw error("expected '\(Character(UnicodeScalar(byte)))'") }
        index += 1
    }

    mutating func literal(_ word: String) throws {
        var i = index
        for b in word.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw error("unknown literal") }
            i += 1
        }
        index = i
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting too deep") }
        skipSpace()
        guard let b = peek else { throw error("unexpected end") }
        switch b {
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if peek == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                object[key] = try value(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(object)
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(array) }
            while true {
                array.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(array)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    /// Skips one value without building it (the scanner's path), with the same checks as `value`.
    mutating func skipValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw error("nesting too deep") }
        skipSpace()
        guard let b = peek else { throw error("unexpected end") }
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipSpace()
            if peek == close { index += 1; return }
            while true {
                if close == UInt8(ascii: "}") {
                    skipSpace()
                    try skipString()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(close)
                return
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    mutating func number() throws -> Double {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, first >= 0x30, first <= 0x39 else { throw error("expected a value") }
        if first == 0x30 { index += 1 } else { while let d = peek, d >= 0x30, d <= 0x39 { index += 1 } }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let d = peek, d >= 0x30, d <= 0x39 else { throw error("bad number") }
            while let d = peek, d >= 0x30, d <= 0x39 { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let d = peek, d >= 0x30, d <= 0x39 else { throw error("bad number") }
            while let d = peek, d >= 0x30, d <= 0x39 { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw error("bad number") }
        return value
    }

    /// Skips a string literal. Its escapes are checked as `unescape` checks them (the scanner must refuse what the
    /// parser refuses) unless the caller unescapes it anyway (`checkEscapes: false`).
    mutating func skipString(checkEscapes: Bool = true) throws {
        guard peek == 0x22 else { throw error("expected a string") }
        index += 1
        var plain = true
        var escaped = false
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x22 {
                if escaped, checkEscapes { try checkEscapeSequences(bytes[start..<index]) }
                if plain || validUTF8(start..<index) { index += 1; return }
                throw error("invalid UTF-8")
            }
            if b == 0x5C { escaped = true; index += 2; continue }
            if b < 0x20 { throw error("control character in string") }
            if b >= 0x80 { plain = false }
            index += 1
        }
        throw error("unterminated string")
    }

    private func validUTF8(_ range: Range<Int>) -> Bool {
        String(validating: bytes[range], as: UTF8.self) != nil
    }

    mutating func string() throws -> String {
        let start = index + 1
        try skipString(checkEscapes: false)
        let raw = bytes[start..<(index - 1)]
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        return try unescape(raw)
    }

    private func unescape(_ raw: ArraySlice<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        var pendingHigh: UInt32?
        while i < raw.endIndex {
            let b = raw[i]
            guard b == 0x5C else { out.append(b); i += 1; continue }
            guard i + 1 < raw.endIndex else { throw error("bad escape") }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let code = hexQuad(raw, at: i) else { throw error("bad \\u escape") }
                i += 4
                var scalarValue = code
                if (0xD800...0xDBFF).contains(code) { pendingHigh = code; continue }
                if (0xDC00...0xDFFF).contains(code) {
                    guard let high = pendingHigh else { throw error("lone surrogate") }
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                }
                pendingHigh = nil
                guard let scalar = Unicode.Scalar(scalarValue) else { throw error("bad \\u escape") }
                out += Array(String(Character(scalar)).utf8)
            default: throw error("bad escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The checks of `unescape` without building the text: known escapes, four hex digits after `\\u`, no low
    /// surrogate without a high one before it.
    private func checkEscapeSequences(_ raw: ArraySlice<UInt8>) throws {
        var i = raw.startIndex
        var pendingHigh = false
        while i < raw.endIndex {
            guard raw[i] == 0x5C else { i += 1; continue }
            guard i + 1 < raw.endIndex else { throw error("bad escape") }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"):
                guard let code = hexQuad(raw, at: i) else { throw error("bad \\u escape") }
                i += 4
                if (0xD800...0xDBFF).contains(code) { pendingHigh = true; continue }
                if (0xDC00...0xDFFF).contains(code), !pendingHigh { throw error("lone surrogate") }
                pendingHigh = false
            default: throw error("bad escape")
            }
        }
    }

    /// The value of the four hex digits at `i`, or nil (a sign or a short run is not hex digits).
    private func hexQuad(_ raw: ArraySlice<UInt8>, at i: Int) -> UInt32? {
        guard i + 4 <= raw.endIndex else { return nil }
        var code: UInt32 = 0
        for b in raw[i..<(i + 4)] {
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            code = code << 4 | UInt32(digit)
        }
        return code
    }
}
