import Foundation

/// A view of scanned bytes by absolute offset: the whole text in block mode, the bytes a stream still holds in
/// streaming mode. Offsets outside it read as `nil` (the text's edge, or bytes no longer held), which the built-in
/// checks treat as a boundary.
struct ByteWindow {
    /// Absolute offset of `bytes[0]`.
    let base: Int
    let bytes: UnsafeBufferPointer<UInt8>

    /// Absolute offset one past the last held byte.
    var end: Int { base + bytes.count }

    subscript(offset: Int) -> UInt8? { offset >= base && offset < end ? bytes[offset - base] : nil }

    /// The held bytes of `range` (clamped to what is held).
    func slice(_ range: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let lower = min(max(range.lowerBound, base), end) - base
        let upper = min(max(range.upperBound, base), end) - base
        return bytes[lower..<max(lower, upper)]
    }

    /// The held bytes of `range` as text (for checks that parse, e.g. an IPv6 address).
    func string(_ range: Range<Int>) -> String { String(decoding: slice(range), as: UTF8.self) }

    /// The Unicode scalar whose UTF-8 encoding ends just before `offset`, and where it starts; `nil` at the edge
    /// of the held bytes or on a malformed sequence.
    func scalar(endingAt offset: Int) -> (value: UInt32, start: Int)? {
        guard let last = self[offset - 1] else { return nil }
        if last < 0x80 { return (UInt32(last), offset - 1) }
        var start = offset - 1
        while let byte = self[start], byte & 0xC0 == 0x80, offset - start < 4 { start -= 1 }
        guard let lead = self[start], lead >= 0xC0 else { return nil }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard offset - start == length else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for index in start + 1..<offset { value = value << 6 | UInt32(self[index]! & 0x3F) }
        return (value, start)
    }

    /// The nearest offset at or before `offset` where a UTF-8 character begins (a cut there splits no character).
    func characterBoundary(atOrBefore offset: Int) -> Int {
        var o = offset
        while o > base, let byte = self[o], byte & 0xC0 == 0x80 { o -= 1 }
        return o
    }
}

extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isUpper: Bool { self >= 0x41 && self <= 0x5A }
    var isLower: Bool { self >= 0x61 && self <= 0x7A }
    var isLetter: Bool { isUpper || isLower }
    var isAlphanumeric: Bool { isDigit || isLetter }
    var isHexDigit: Bool { isDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    /// A byte of a token-like word: letters, digits, `_` and `-`.
    var isTokenByte: Bool { isAlphanumeric || self == UInt8(ascii: "_") || self == UInt8(ascii: "-") }
}
