import Foundation

/// `builtin:phone`: phone numbers, E.164 (`+4915112345678`) or grouped by spaces, dashes, dots and one pair of
/// parentheses. The check wants 7–15 digits; without `+` or parentheses, at least one separator and a phone's
/// grouping, not a date (`2024-01-15`, `15.01.2024` — also at the start), an IPv4-like or version-like dotted
/// number, a thousands-grouped amount (`1 000 000`) or a range (`1000-2000`); and no further digit group on either
/// side (a part of a longer number, such as a card's, is not a phone number).
enum PhoneCheck {
    static let regex = #"(?:\+|\(|\b)[0-9][0-9 ().-]{5,22}[0-9]\b"#

    private struct Shape {
        var plus = false
        var parens = 0
        var groups: [Int] = []
        var separators: [UInt8] = []
    }

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        if let before = window[span.lowerBound - 1] {
            if before.isAlphanumeric || before == UInt8(ascii: "+") { return nil }
            if " .-/:".utf8.contains(before), window[span.lowerBound - 2]?.isDigit ?? false { return nil }
        }
        if let after = window[span.upperBound], " .-/:".utf8.contains(after),
            window[span.upperBound + 1]?.isDigit ?? false
        {
            return nil
        }
        guard let shape = parse(window.slice(span)) else { return nil }
        let digits = shape.groups.reduce(0, +)
        guard (7...15).contains(digits) else { return nil }
        if shape.plus { return span }
        if looksLikeDate(shape) || looksDotted(shape) || looksLikeAmount(shape) { return nil }
        if shape.parens > 0 { return span }
        switch shape.groups.count {
        case 1: return nil
        case 2: return shape.groups == [3, 4] || trunkPrefixed(window, span) && digits >= 8 ? span : nil
        default: return span
        }
    }

    /// Digit groups and the separators between them; `nil` for doubled separators or unbalanced parentheses.
    private static func parse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Shape? {
        var shape = Shape()
        var inGroup = false
        var open = false
        var previousSeparator: UInt8?
        for byte in bytes {
            if byte.isDigit {
                if !inGroup { shape.groups.append(0) }
                shape.groups[shape.groups.count - 1] += 1
                (inGroup, previousSeparator) = (true, nil)
                continue
            }
            switch byte {
            case UInt8(ascii: "+"): shape.plus = true
            case UInt8(ascii: "("):
                guard !open, shape.parens == 0 else { return nil }
                (open, shape.parens) = (true, 1)
            case UInt8(ascii: ")"):
                guard open else { return nil }
                open = false
            default:
                // Two plain separators in a row (`--`, `. `) do not occur in phone numbers.
                if let previousSeparator, previousSeparator != UInt8(ascii: "("), previousSeparator != UInt8(ascii: ")")
                {
                    return nil
                }
                if inGroup { shape.separators.append(byte) }
            }
            if byte != UInt8(ascii: "+") { previousSeparator = byte }
            inGroup = false
        }
        return open ? nil : shape
    }

    /// `2024-01-15`, `15.01.2024`, `1.1.24` — also as the start of a longer candidate.
    private static func looksLikeDate(_ shape: Shape) -> Bool {
        guard shape.groups.count >= 3, shape.separators.count >= 2 else { return false }
        let (first, second) = (shape.separators[0], shape.separators[1])
        guard first == second, first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        let g = Array(shape.groups.prefix(3))
        return (g[0] == 4 && g[1] <= 2 && g[2] <= 2) || (g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4))
    }

    /// Dot-only numbers that are addresses or versions (`10.20.30.40`, `10.15.7.123`); `555.123.4567` stays a phone.
    private static func looksDotted(_ shape: Shape) -> Bool {
        guard !shape.separators.isEmpty, shape.separators.allSatisfy({ $0 == UInt8(ascii: ".") }) else { return false }
        if shape.groups.count == 4 && shape.groups.allSatisfy({ $0 <= 3 }) { return true }
        return shape.groups.contains { $0 < 2 }
    }

    /// `1 000 000`, `12.345.678`: a leading group of 1–3 digits and then groups of exactly three.
    private static func looksLikeAmount(_ shape: Shape) -> Bool {
        guard shape.groups.count >= 3, Set(shape.separators).count == 1, shape.separators[0] != UInt8(ascii: "-")
        else { return false }
        return shape.groups[0] <= 3 && shape.groups.dropFirst().allSatisfy { $0 == 3 }
    }

    /// A national number written with its trunk prefix (`030 12345678`).
    private static func trunkPrefixed(_ window: ByteWindow, _ span: Range<Int>) -> Bool {
        window[span.lowerBound] == UInt8(ascii: "0")
    }
}
