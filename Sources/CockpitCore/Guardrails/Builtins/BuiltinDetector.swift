import CHyperscan
import Foundation

/// The built-in detectors a pattern names in `pattern_regex` as `builtin:<name>`. Each is one or more Hyperscan
/// candidate expressions plus a check in Swift on every candidate (Luhn, the IBAN checksum, octet ranges…), so a
/// digit run or a word is not taken for personal data by shape alone.
public enum BuiltinDetector: String, Sendable, CaseIterable {
    case email, phone, card, iban, ip, secret

    static let prefix = "builtin:"

    /// The detector `reference` (`builtin:<name>`, exactly) names; `nil` for anything else.
    public init?(reference: String) {
        guard reference.hasPrefix(Self.prefix) else { return nil }
        self.init(rawValue: String(reference.dropFirst(Self.prefix.count)))
    }

    /// `builtin:<name>`, as a pattern's regex names this detector.
    public var reference: String { Self.prefix + rawValue }

    /// What replaces a masked match.
    public var maskToken: String {
        switch self {
        case .email: "[EMAIL]"
        case .phone: "[PHONE]"
        case .card: "[CARD]"
        case .iban: "[IBAN]"
        case .ip: "[IP]"
        case .secret: "[SECRET]"
        }
    }

    /// The candidate expressions. They use `\b`, which Hyperscan supports only without Unicode classes, so they
    /// are ASCII (`\d` is 0-9) — the data they look for is.
    var expressions: [HyperscanExpression] {
        let flags = UInt32(HS_FLAG_UTF8) | UInt32(HS_FLAG_SOM_LEFTMOST)
        return candidateRegexes.map { HyperscanExpression(regex: $0, flags: flags) }
    }

    private var candidateRegexes: [String] {
        switch self {
        case .email: [EmailCheck.regex]
        case .phone: [PhoneCheck.regex]
        case .card: [CardCheck.regex]
        case .iban: [IBANCheck.regex]
        case .ip: [IPAddressCheck.v4Regex, IPAddressCheck.v6Regex]
        case .secret: SecretCheck.regexes
        }
    }

    /// Whether candidates may be arbitrarily long. For those, only the longest candidate of each start is kept (a
    /// check rejects a candidate the token goes on past anyway), so a long token costs one check, not one per byte.
    var keepsLongestCandidate: Bool { self == .email || self == .secret }

    /// The candidate's span if it passes the check (possibly narrowed, e.g. without leading dots), else `nil`.
    func check(_ window: ByteWindow, _ span: Range<Int>) -> Range<Int>? {
        switch self {
        case .email: EmailCheck.check(window, span)
        case .phone: PhoneCheck.check(window, span)
        case .card: CardCheck.check(window, span)
        case .iban: IBANCheck.check(window, span)
        case .ip: IPAddressCheck.check(window, span)
        case .secret: SecretCheck.check(window, span)
        }
    }
}
