@testable import CockpitCore
import Foundation
import Testing

@Suite struct BudgetPeriodTests {
    static func date(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test(arguments: [
        ("30s", "2026-11-27T10:15:30Z", "2026-11-27T10:16:00Z"),
        ("15m", "2026-11-27T10:15:00Z", "2026-11-27T10:30:00Z"),
        ("1h", "2026-11-27T10:00:00Z", "2026-11-27T11:00:00Z"),
        ("1d", "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z"),
        ("7d", "2026-11-26T00:00:00Z", "2026-12-03T00:00:00Z"),
        ("1w", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"),
        ("1mo", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
        ("3mo", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("12mo", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    ])
    func periodsAlignToBoundaries(text: String, start: String, end: String) throws {
        let period = try BudgetPeriod(text)
        let now = Self.date("2026-11-27T10:15:42.5Z")
        #expect(period.start(of: now) == Self.date(start))
        #expect(period.end(of: now) == Self.date(end))
        #expect(period.description == text)
    }

    @Test func parsingAcceptsLiteLLMsNotationAndRefusesTheRest() throws {
        #expect(try BudgetPeriod(" 1MO\t") == BudgetPeriod("1mo"))
        #expect(try BudgetPeriod("100000d").count == 100_000)
        for bad in [
            "", "  ", "d", "0d", "-1d", "1", "1x", "1 d", "100001d", "1234567d", "99999999999999999999d", "１d", "1dd",
        ] {
            #expect(throws: CockpitError.self, "\(bad)") { try BudgetPeriod(bad) }
        }
    }

    @Test func trimmingSpacesAndTabsMatchesFoundationOnASCII() {
        for text in ["", " ", "\t \t", "sk-abc", " sk-abc", "sk-abc\t", "\t sk abc  ", "é ", " \n", "a\u{00A0}"] {
            let ours = text.trimmingSpacesAndTabs
            if text.unicodeScalars.allSatisfy(\.isASCII) {
                #expect(ours == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            }
            #expect(!ours.hasPrefix(" ") && !ours.hasSuffix(" ") && !ours.hasPrefix("\t") && !ours.hasSuffix("\t"))
        }
        #expect("é ".trimmingSpacesAndTabs == "é")
        #expect("a\u{00A0}".trimmingSpacesAndTabs == "a\u{00A0}", "only spaces and tabs are trimmed")
    }

    @Test func utcMonthsAgreeWithFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Every 7 hours 13 minutes from 1850 to 2250, both sides of 1970 and of leap days and centuries.
        var t = -3_786_825_600.0
        while t < 8_836_128_000 {
            let date = Date(timeIntervalSince1970: t)
            let parts = calendar.dateComponents([.year, .month], from: date)
            let (year, month) = UTCMonths.month(of: date)
            guard year == parts.year!, month == parts.month! else {
                Issue.record("\(date): \(year)-\(month), Foundation says \(parts.year!)-\(parts.month!)")
                return
            }
            let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
            guard UTCMonths.start(year: year, month: month) == first,
                UTCMonths.start(year: year, month: month + 14) == calendar.date(
                    byAdding: .month, value: 14, to: first)!,
                UTCMonths.start(year: year, month: month - 13) == calendar.date(
                    byAdding: .month, value: -13, to: first)!
            else {
                Issue.record("the first of \(year)-\(month) (or 14 months on, or 13 back) differs from Foundation's")
                return
            }
            t += 25_980
        }
    }

    @Test func calendarMonthsHaveTheirRealLengths() throws {
        let month = try BudgetPeriod("1mo")
        #expect(month.end(of: Self.date("2028-02-15T12:00:00Z")) == Self.date("2028-03-01T00:00:00Z"))  // leap February
        #expect(month.start(of: Self.date("2026-12-31T23:59:59Z")) == Self.date("2026-12-01T00:00:00Z"))
        #expect(month.end(of: Self.date("2026-12-31T23:59:59Z")) == Self.date("2027-01-01T00:00:00Z"))
    }

    @Test(arguments: ["", "0d", "-1h", "1y", "1 day", "mo", "10x", "999999999d"])
    func badDurationsAreRefused(text: String) {
        #expect(
            throws: CockpitError.invalid(field: "budget_duration", reason: "must look like 30s, 15m, 1h, 7d, 1w or 1mo")
        ) {
            try BudgetPeriod(text)
        }
    }
}
