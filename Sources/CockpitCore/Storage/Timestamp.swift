import Foundation

/// Fast, allocation-light conversion between `Date` and the ISO-8601 UTC text used in the stores:
/// `2026-11-27T03:33:19.123456Z` (fixed width, so text order is time order).
public enum Timestamp {
    /// The first and last instants both stores can hold (years 1 to 9999).
    static let minMicros: Int64 = -62_135_596_800_000_000, maxMicros: Int64 = 253_402_300_799_999_999

    /// Formats a date as `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC; dates outside years 1…9999 are clamped to them.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        write(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the `format` text of a date to a byte buffer (the JSON encoder's hot path).
    public static func write(_ date: Date, into out: inout [UInt8]) {
        let raw = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var micros =
            raw.isNaN ? 0 : raw <= Double(minMicros) ? minMicros : raw >= Double(maxMicros) ? maxMicros : Int64(raw)
        let days = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
        micros -= days * 86_400_000_000
        let (y, m, d) = civil(fromDays: days)
        let secondsOfDay = micros / 1_000_000, fraction = micros % 1_000_000
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                out.append(UInt8(48 + v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        digits(y, 4); out.append(45); digits(m, 2); out.append(45); digits(d, 2); out.append(84)
        digits(secondsOfDay / 3600, 2); out.append(58); digits(secondsOfDay / 60 % 60, 2); out.append(58);
        digits(secondsOfDay % 60, 2)
        out.append(46); digits(fraction, 6); out.append(90)
    }

    /// Parses `YYYY-MM-DD[T ]HH:MM:SS[.f…][Z|±HH[:MM]]` (SQLite text or PostgreSQL timestamptz output);
    /// a bare `YYYY-MM-DD` is midnight UTC. Nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        func num(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in start..<(start + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count >= 10, b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
            (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var micros = days(fromCivil: y, mo, d) * 86_400_000_000
        if b.count == 10 { return Date(timeIntervalSince1970: Double(micros) / 1_000_000) }
        guard b.count >= 19, b[10] == 84 || b[10] == 32, let h = num(11, 2), b[13] == 58, let mi = num(14, 2),
            b[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61
        else { return nil }
        micros += (h * 3600 + mi * 60 + s) * 1_000_000
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            var scale: Int64 = 100_000, frac: Int64 = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                frac += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            micros += frac
        }
        if i < b.count {
            if b[i] == 90 {
                i += 1
            } else if b[i] == 43 || b[i] == 45 {
                let sign: Int64 = b[i] == 43 ? 1 : -1
                guard let oh = num(i + 1, 2) else { return nil }
                var offset = oh * 3600
                i += 3
                if i < b.count, b[i] == 58 { i += 1 }
                if let om = num(i, 2) { offset += om * 60; i += 2 }
                micros -= sign * offset * 1_000_000
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// The UTC calendar day of a date as `YYYY-MM-DD`.
    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar); `UTCMonths` uses them too.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
