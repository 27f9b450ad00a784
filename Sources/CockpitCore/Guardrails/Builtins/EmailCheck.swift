import Foundation

/// `builtin:email`: e-mail addresses, pragmatically (RFC 5321 sizes, the dot-atom local parts people use, local
/// parts in any script as RFC 6531 allows; ASCII domains). The Hyperscan candidate is `@` and a dotted domain; the
/// check walks back from `@` over the local part (at most `maxLocalPart` bytes: text glued before an address, as
/// in Japanese prose, is masked with it rather than let the address through), drops leading dots, and wants a
/// local part without `..` or a trailing dot, the whole domain (nothing domain-like right after it) of at most 253
/// bytes in labels of 1–63, and an alphabetic top-level domain of two letters or more.
enum EmailCheck {
    static let label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    static let regex = "@\(label)(?:\\.\(label))+"
    static let maxLocalPart = 64

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        // The whole domain only: checked first, so each address costs one full check.
        if let after = window[span.upperBound] {
            if after.isAlphanumeric || after == UInt8(ascii: "-") { return nil }
            if after == UInt8(ascii: "."), window[span.upperBound + 1]?.isAlphanumeric ?? false { return nil }
        }
        let at = span.lowerBound
        var start = at
        while let (scalar, from) = window.scalar(endingAt: start), at - from <= maxLocalPart, isLocal(scalar) {
            start = from
        }
        while window[start] == UInt8(ascii: "."), start < at { start += 1 }
        let local = window.slice(start..<at)
        guard !local.isEmpty, local.last != UInt8(ascii: "."), !hasDoubleDot(local) else { return nil }
        let domain = window.slice(at + 1..<span.upperBound)
        guard domain.count <= 253 else { return nil }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ (1...63).contains($0.count) }) else { return nil }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return start..<span.upperBound
    }

    /// Local-part characters: ASCII atoms and non-ASCII letters (Latin-1 punctuation, general and CJK punctuation
    /// and full-width symbols are left out, so quotes, `、` and `：` end an address).
    static func isLocal(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            let byte = UInt8(scalar)
            return byte.isAlphanumeric || "._%+-".utf8.contains(byte)
        }
        switch scalar {
        case 0xC0...0x1FFF, 0x2070...0x2FFF, 0x3040...0xFEFF, 0xFF10...0xFF19, 0xFF21...0x10FFFF: return true
        default: return false
        }
    }

    private static func hasDoubleDot(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
    }
}
