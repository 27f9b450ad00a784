import Foundation

/// `builtin:card`: payment card numbers. Candidates are 12–19 digits, optionally grouped by spaces or dashes; the
/// check wants one kind of separator in a card's usual grouping (4-4-4-4[-1…3], Amex 4-6-5, Diners 4-6-4), a first
/// digit 1–9, not one digit repeated, and the Luhn checksum.
enum CardCheck {
    static let regex = #"\b[0-9](?:[ -]?[0-9]){11,18}\b"#

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        var digits: [UInt8] = []
        var groups: [Int] = [0]
        var separator: UInt8?
        for byte in window.slice(span) {
            if byte.isDigit {
                digits.append(byte - 0x30)
                groups[groups.count - 1] += 1
            } else {
                if let separator, separator != byte { return nil }
                separator = byte
                groups.append(0)
            }
        }
        guard (12...19).contains(digits.count), digits[0] != 0, Set(digits).count > 1 else { return nil }
        guard groups.count == 1 || plausibleGrouping(groups) else { return nil }
        return luhnValid(digits) ? span : nil
    }

    /// The groupings cards are printed in.
    static func plausibleGrouping(_ groups: [Int]) -> Bool {
        if groups == [4, 6, 5] || groups == [4, 6, 4] { return true }
        let fours = groups.prefix(4)
        guard fours.count == 4, fours.allSatisfy({ $0 == 4 }) else { return false }
        return groups.count == 4 || (groups.count == 5 && (1...3).contains(groups[4]))
    }

    /// The Luhn checksum over decimal digits (values 0–9), rightmost digit being the check digit.
    static func luhnValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
