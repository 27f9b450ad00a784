@testable import CockpitCore
import Foundation
import Testing

/// Each built-in detector on true and false positives: the Hyperscan candidate plus the Swift check.
@Suite struct BuiltinDetectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var detector: BuiltinDetector
        var text: String
        var masked: String
        var testDescription: String { "\(detector.rawValue): \(text)" }
    }

    static let cards: [Case] = [
        .init(detector: .card, text: "card 4111 1111 1111 1111 ok", masked: "card [CARD] ok"),
        .init(detector: .card, text: "pay with 4012888888881881.", masked: "pay with [CARD]."),
        .init(detector: .card, text: "MC 5555-5555-5555-4444", masked: "MC [CARD]"),
        .init(detector: .card, text: "amex 3782 822463 10005", masked: "amex [CARD]"),
        .init(detector: .card, text: "4111 1111 1111 1111 2025", masked: "[CARD] 2025"),
        // The same digits with a wrong check digit, mixed separators, a bad grouping, one digit repeated.
        .init(detector: .card, text: "card 4111 1111 1111 1112 ok", masked: "card 4111 1111 1111 1112 ok"),
        .init(detector: .card, text: "4111-1111 1111-1111", masked: "4111-1111 1111-1111"),
        .init(detector: .card, text: "41 1111 1111 1111 11", masked: "41 1111 1111 1111 11"),
        .init(detector: .card, text: "0000 0000 0000 0000", masked: "0000 0000 0000 0000"),
        .init(detector: .card, text: "id 41111111111111119999999", masked: "id 41111111111111119999999"),
    ]

    static let ibans: [Case] = [
        .init(detector: .iban, text: "IBAN DE89 3704 0044 0532 0130 00, thanks", masked: "IBAN [IBAN], thanks"),
        .init(detector: .iban, text: "to GB82WEST12345698765432", masked: "to [IBAN]"),
        .init(detector: .iban, text: "FR14 2004 1010 0505 0001 3M02 606", masked: "[IBAN]"),
        // One digit altered, a wrong length for the country, an unknown country, bad grouping.
        .init(detector: .iban, text: "DE89 3704 0044 0532 0130 01", masked: "DE89 3704 0044 0532 0130 01"),
        .init(detector: .iban, text: "DE89 3704 0044 0532 0130", masked: "DE89 3704 0044 0532 0130"),
        .init(detector: .iban, text: "ZZ89 3704 0044 0532 0130 00", masked: "ZZ89 3704 0044 0532 0130 00"),
        .init(detector: .iban, text: "DE 89370400440532013000", masked: "DE 89370400440532013000"),
    ]

    static let addresses: [Case] = [
        .init(detector: .ip, text: "host 192.168.1.10 is up", masked: "host [IP] is up"),
        .init(detector: .ip, text: "from 8.8.8.8.", masked: "from [IP]."),
        .init(detector: .ip, text: "v6 2001:db8::1 and ::1", masked: "v6 [IP] and [IP]"),
        .init(detector: .ip, text: "link fe80::1ff:fe23:4567:890a up", masked: "link [IP] up"),
        .init(detector: .ip, text: "mapped ::ffff:192.0.2.1", masked: "mapped [IP]"),
        // Octets above 255, leading zeros, a longer dotted number, times, C++ scopes, MAC addresses.
        .init(detector: .ip, text: "999.1.1.1", masked: "999.1.1.1"),
        .init(detector: .ip, text: "010.1.1.1", masked: "010.1.1.1"),
        .init(detector: .ip, text: "oid 1.2.3.4.5", masked: "oid 1.2.3.4.5"),
        .init(detector: .ip, text: "at 12:30:45 sharp", masked: "at 12:30:45 sharp"),
        .init(detector: .ip, text: "use std::vector and cafe::beef", masked: "use std::vector and cafe::beef"),
        .init(detector: .ip, text: "mac 00:1A:2B:3C:4D:5E", masked: "mac 00:1A:2B:3C:4D:5E"),
    ]

    static let phones: [Case] = [
        .init(detector: .phone, text: "call +49 151 12345678 now", masked: "call [PHONE] now"),
        .init(detector: .phone, text: "call +4915112345678", masked: "call [PHONE]"),
        .init(detector: .phone, text: "call (555) 123-4567.", masked: "call [PHONE]."),
        .init(detector: .phone, text: "call 555-123-4567 or 555-1234", masked: "call [PHONE] or [PHONE]"),
        .init(detector: .phone, text: "UK 020 7946 0958", masked: "UK [PHONE]"),
        .init(detector: .phone, text: "US 555.123.4567", masked: "US [PHONE]"),
        // ISO and European dates (also followed by a number), versions, addresses, amounts, ranges, bare numbers.
        .init(detector: .phone, text: "on 2024-01-15 we met", masked: "on 2024-01-15 we met"),
        .init(detector: .phone, text: "on 2024-01-15 3 people came", masked: "on 2024-01-15 3 people came"),
        .init(detector: .phone, text: "am 15.01.2024 um", masked: "am 15.01.2024 um"),
        .init(detector: .phone, text: "macOS 10.15.7.123", masked: "macOS 10.15.7.123"),
        .init(detector: .phone, text: "host 192.168.100.200", masked: "host 192.168.100.200"),
        .init(detector: .phone, text: "EUR 1 000 000", masked: "EUR 1 000 000"),
        .init(detector: .phone, text: "ports 1000-2000", masked: "ports 1000-2000"),
        .init(detector: .phone, text: "order 1234567890", masked: "order 1234567890"),
        .init(detector: .phone, text: "ts 1700000000", masked: "ts 1700000000"),
    ]

    static let emails: [Case] = [
        .init(detector: .email, text: "Write to john.doe@example.com.", masked: "Write to [EMAIL]."),
        .init(detector: .email, text: "(a+tag@mail.co.uk) or <B_C@x-y.org>", masked: "([EMAIL]) or <[EMAIL]>"),
        .init(detector: .email, text: "José wrote to josé@example.com", masked: "José wrote to [EMAIL]"),
        .init(detector: .email, text: "連絡先はjohn@example.comです", masked: "[EMAIL]です"),
        .init(detector: .email, text: "«jean@exemple.fr» ou “ana@example.org”", masked: "«[EMAIL]» ou “[EMAIL]”"),
        .init(detector: .email, text: "..lead@example.com", masked: "..[EMAIL]"),
        // No domain dot, a one-letter top-level domain, a doubled dot, a handle.
        .init(detector: .email, text: "root@localhost", masked: "root@localhost"),
        .init(detector: .email, text: "user@example.c", masked: "user@example.c"),
        .init(detector: .email, text: "john..doe@example.com", masked: "john..doe@example.com"),
        .init(detector: .email, text: "ping @handle on x.com", masked: "ping @handle on x.com"),
        .init(detector: .email, text: "user@example.com2", masked: "user@example.com2"),
    ]

    static let secrets: [Case] = [
        .init(detector: .secret, text: "key=sk-proj-AbC123dEf456GhI789jKl0 end", masked: "key=[SECRET] end"),
        .init(
            detector: .secret, text: "token ghp_16C7e42F292c6912E7710c838347Ae178B4a!",
            masked: "token [SECRET]!"),
        .init(detector: .secret, text: "aws AKIAIOSFODNN7EXAMPLE", masked: "aws [SECRET]"),
        .init(detector: .secret, text: "slack xoxb-123456789012-abcdefABCDEF", masked: "slack [SECRET]"),
        .init(detector: .secret, text: "secret: R7kP2xQ9mZ4vL8nW3jT6yB1cF5hD0sGa", masked: "secret: [SECRET]"),
        .init(
            detector: .secret,
            text: "-----BEGIN RSA PRIVATE KEY-----\nMIIEow+IBAAK/CAQEA\n-----END RSA PRIVATE KEY----- done",
            masked: "[SECRET] done"),
        // Prose after a prefix, a prefix inside a word, a hex digest, a UUID, identifiers.
        .init(detector: .secret, text: "try sk-learn-tutorial-guide-book", masked: "try sk-learn-tutorial-guide-book"),
        .init(detector: .secret, text: "task-1234567890abcdef", masked: "task-1234567890abcdef"),
        .init(
            detector: .secret, text: "commit 3f786850e387550fdab836ed7e6dc881de23001b",
            masked: "commit 3f786850e387550fdab836ed7e6dc881de23001b"),
        .init(
            detector: .secret, text: "id 123e4567-e89b-12d3-a456-426614174000",
            masked: "id 123e4567-e89b-12d3-a456-426614174000"),
        .init(
            detector: .secret, text: "AbstractSingletonProxyFactoryBean2Impl",
            masked: "AbstractSingletonProxyFactoryBean2Impl"),
        .init(
            detector: .secret, text: "getUserAccountSettingsForTenant2024",
            masked: "getUserAccountSettingsForTenant2024"),
    ]

    @Test(arguments: cards + ibans + addresses + phones + emails + secrets)
    func detector(_ c: Case) async throws {
        #expect(try await GuardrailFixtures.mask(c.detector, c.text) == c.masked)
    }

    @Test func theChecksThemselves() {
        #expect(CardCheck.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!CardCheck.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
        #expect(IBANCheck.checksumValid(Array("GB82WEST12345698765432".utf8)))
        #expect(!IBANCheck.checksumValid(Array("GB82WEST12345698765433".utf8)))
        #expect(IBANCheck.lengths["NO"] == 15 && IBANCheck.lengths["DE"] == 22)
    }

    @Test func namesTokensAndReferences() {
        #expect(BuiltinDetector(reference: "builtin:card") == .card)
        #expect(BuiltinDetector(reference: "builtin:Card") == nil && BuiltinDetector(reference: "card") == nil)
        #expect(
            BuiltinDetector.allCases.map(\.maskToken) == ["[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]", "[IP]", "[SECRET]"])
        #expect(GuardrailPattern(name: "x", regex: "\\d+", type: .block, action: "redact").maskToken == "[REDACTED]")
    }
}
