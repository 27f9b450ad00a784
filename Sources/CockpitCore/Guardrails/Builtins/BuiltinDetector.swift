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
    var expressions: [HyperscanExpression] { candidates.map(\.expression) }

    /// The candidate expressions with how their reports are gathered. Most track match starts; the e-mail
    /// candidate starts at `@` (the check walks back over the local part: tracking starts over a leading `[…]+`
    /// costs Hyperscan several times more), and the long-token secret candidate tracks none (its start is its end
    /// minus 32 on the first report of a run).
    var candidates: [BuiltinCandidate] {
        switch self {
        case .email: [.init(EmailCheck.regex, .longestPerStart)]
        case .phone: [.init(PhoneCheck.regex, .everyCandidate)]
        case .card: [.init(CardCheck.regex, .everyCandidate)]
        case .iban: [.init(IBANCheck.regex, .everyCandidate)]
        case .ip: [.init(IPAddressCheck.v4Regex, .everyCandidate), .init(IPAddressCheck.v6Regex, .everyCandidate)]
        case .secret:
            [
                .init(SecretCheck.prefixedRegex, .longestPerStart),
                .init(
                    SecretCheck.longTokenRegex, .runFromEnd(minWidth: SecretCheck.longTokenLength), startTracking: false
                ),
                .init(SecretCheck.pemRegex, .longestPerStart),
            ]
        }
    }

    /// Bytes the check may extend a candidate leftwards (the e-mail local part before `@`).
    var leftReach: Int { self == .email ? EmailCheck.maxLocalPart : 0 }

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

/// One Hyperscan expression of a built-in detector and how its reports are gathered.
struct BuiltinCandidate: Sendable {
    let expression: HyperscanExpression
    let gathering: PatternSlot.Gathering

    init(_ regex: String, _ gathering: PatternSlot.Gathering, startTracking: Bool = true) {
        let flags = UInt32(HS_FLAG_UTF8) | (startTracking ? UInt32(HS_FLAG_SOM_LEFTMOST) : 0)
        (expression, self.gathering) = (HyperscanExpression(regex: regex, flags: flags), gathering)
    }
}
