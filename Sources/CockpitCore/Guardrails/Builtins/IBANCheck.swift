import Foundation

/// `builtin:iban`: international bank account numbers. Candidates are a country code, two check digits and 11–30
/// letters or digits, compact or in groups of four; the check wants a known country with its registered length and
/// the ISO 13616 checksum (mod 97 = 1).
enum IBANCheck {
    static let regex = #"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]){11,30}\b"#

    static func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        var compact: [UInt8] = []
        var groups: [Int] = [0]
        for byte in window.slice(span) {
            if byte == UInt8(ascii: " ") {
                groups.append(0)
            } else {
                compact.append(byte)
                groups[groups.count - 1] += 1
            }
        }
        // Printed IBANs group by four; the last group may be shorter.
        if groups.count > 1, groups.dropLast().contains(where: { $0 != 4 }) || groups.last! > 4 { return nil }
        let country = String(decoding: compact.prefix(2), as: UTF8.self)
        guard let length = lengths[country], compact.count == length else { return nil }
        return checksumValid(compact) ? span : nil
    }

    /// ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1.
    static func checksumValid(_ compact: [UInt8]) -> Bool {
        var remainder = 0
        for byte in compact.dropFirst(4) + compact.prefix(4) {
            if byte.isDigit {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else if byte.isUpper {
                remainder = (remainder * 100 + Int(byte - 0x41 + 10)) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// IBAN lengths by country (SWIFT IBAN registry).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
        "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
        "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
        "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
        "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]
}
