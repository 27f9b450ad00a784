import Foundation

/// `builtin:ip`: IPv4 and IPv6 addresses. IPv4 candidates are four dotted groups of 1–3 digits; the check wants
/// octets ≤ 255 without leading zeros and no further dotted number around (`1.2.3.4.5` is a version, not an
/// address). IPv6 candidates are colon-separated hex groups (with an optional dotted IPv4 tail); the check wants
/// a standalone token with a decimal digit that `inet_pton` accepts.
enum IPAddressCheck {
    static let v4Regex = #"\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b"#
    static let v6Regex = #"(?:[0-9A-Fa-f]{1,4})?(?::(?:[0-9A-Fa-f]{1,4})?){2,7}(?:\.[0-9]{1,3}){0,3}"#

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        let bytes = window.slice(span)
        return bytes.contains(UInt8(ascii: ":")) ? checkV6(window, span) : checkV4(window, span)
    }

    static func checkV4(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        if continuesNumber(window[span.lowerBound - 1], window[span.lowerBound - 2]) { return nil }
        if continuesNumber(window[span.upperBound], window[span.upperBound + 1]) { return nil }
        let octets = window.slice(span).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isDigit) else { return nil }
            if octet.count > 1 && octet.first == UInt8(ascii: "0") { return nil }
            let value = octet.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            if value > 255 { return nil }
        }
        return span
    }

    /// A `.` or `:` next to the candidate with a digit beyond: the candidate is part of a longer dotted number.
    private static func continuesNumber(_ adjacent: UInt8?, _ beyond: UInt8?) -> Bool {
        guard let adjacent, adjacent == UInt8(ascii: ".") else { return false }
        return beyond?.isDigit ?? false
    }

    static func checkV6(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        if let before = window[span.lowerBound - 1],
            before.isAlphanumeric || before == UInt8(ascii: ":") || before == UInt8(ascii: ".")
        {
            return nil
        }
        if let after = window[span.upperBound], after.isAlphanumeric || after == UInt8(ascii: ":") { return nil }
        if continuesNumber(window[span.upperBound], window[span.upperBound + 1]) { return nil }
        let bytes = window.slice(span)
        guard bytes.contains(where: \.isDigit) else { return nil }
        var address = in6_addr()
        return inet_pton(AF_INET6, window.string(span), &address) == 1 ? span : nil
    }
}
