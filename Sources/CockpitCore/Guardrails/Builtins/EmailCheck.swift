import Foundation

/// `builtin:email`: e-mail addresses, pragmatically (RFC 5321 sizes, the dot-atom local parts people use, local
/// parts in any script as RFC 6531 allows; ASCII domains). The check wants the whole address (nothing
/// address-like right after it), a domain of at most 253 bytes in labels of 1–63 that do not start or end with
/// `-`, an alphabetic top-level domain of two letters or more, and a local part without `..` or a trailing dot.
/// The local part is narrowed to its last 64 bytes and drops leading dots: text glued before an address (no space
/// in Japanese prose) is masked with it rather than let the address through.
enum EmailCheck {
    /// Local-part characters: ASCII atoms and non-ASCII letters (Latin-1 punctuation, general and CJK punctuation
    /// and full-width symbols left out, so quotes and `：` end an address).
    static let localPart =
        #"[A-Za-z0-9._%+\x{C0}-\x{1FFF}\x{2070}-\x{2FFF}\x{3040}-\x{FEFF}\x{FF10}-\x{FF19}\x{FF21}-\x{10FFFF}-]"#
    static let label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    static let regex = "\(localPart)+@\(label)(?:\\.\(label))+"

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        // The whole address only: checked first, so each address costs one full check.
        if let after = window[span.upperBound] {
            if after.isAlphanumeric || after == UInt8(ascii: "-") { return nil }
            if after == UInt8(ascii: "."), window[span.upperBound + 1]?.isAlphanumeric ?? false { return nil }
        }
        guard let at = window.slice(span).firstIndex(of: UInt8(ascii: "@")).map({ $0 + window.base }) else {
            return nil
        }
        var start = max(span.lowerBound, at - 64)
        while let byte = window[start], byte & 0xC0 == 0x80 || byte == UInt8(ascii: ".") { start += 1 }
        let local = window.slice(start..<at)
        let domain = window.slice(at + 1..<span.upperBound)
        guard !local.isEmpty, local.last != UInt8(ascii: "."), !hasDoubleDot(local) else { return nil }
        guard domain.count <= 253 else { return nil }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return nil }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return start..<span.upperBound
    }

    private static func hasDoubleDot(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
    }
}
