import Foundation

/// Calendar months in UTC by arithmetic on days since 1970 (the proleptic Gregorian calendar). Foundation's
/// `Calendar` with a UTC `TimeZone` opens ICU's time-zone data on every use: too slow for a budget check on each
/// request, and it maps ICU into a process that otherwise never needs it.
public enum UTCMonths {
    /// The year and month (1–12) that hold an instant.
    public static func month(of date: Date) -> (year: Int, month: Int) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // Days to a civil date, with years starting in March so that the leap day comes last.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month)
    }

    /// 00:00 UTC on the first day of a month; a month past 12 or below 1 rolls into the next or previous years.
    public static func start(year: Int, month: Int) -> Date {
        let index = year * 12 + month - 1
        let y0 = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y0 * 12 + 1
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Date(timeIntervalSince1970: Double(era * 146_097 + dayOfEra - 719_468) * 86_400)
    }
}
