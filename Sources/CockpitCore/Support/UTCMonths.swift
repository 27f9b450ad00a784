import Foundation

/// Calendar months in UTC by arithmetic on days since 1970 (the proleptic Gregorian calendar, with `Timestamp`'s
/// civil-date conversions). Foundation's `Calendar` with a UTC `TimeZone` opens ICU's time-zone data on every use:
/// too slow for a budget check on each request, and it maps ICU into a process that otherwise never needs it.
public enum UTCMonths {
    /// The year and month (1–12) that hold an instant.
    public static func month(of date: Date) -> (year: Int, month: Int) {
        let (year, month, _) = Timestamp.civil(fromDays: Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        return (Int(year), Int(month))
    }

    /// 00:00 UTC on the first day of a month; a month past 12 or below 1 rolls into the next or previous years.
    public static func start(year: Int, month: Int) -> Date {
        let index = year * 12 + month - 1
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let days = Timestamp.days(fromCivil: Int64(y), Int64(index - y * 12 + 1), 1)
        return Date(timeIntervalSince1970: Double(days) * 86_400)
    }
}
