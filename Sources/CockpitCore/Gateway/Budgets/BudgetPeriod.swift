import Foundation

/// A budget's reset period in LiteLLM's notation: `30s`, `15m`, `1h`, `7d`, `1w`, `1mo` (calendar months).
/// Periods are aligned to boundaries, not to the last reset: spend counts from the start of the current period,
/// so a reset never rewrites history.
public struct BudgetPeriod: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable {
        case seconds = "s", minutes = "m", hours = "h", days = "d", weeks = "w", months = "mo"
    }

    public let count: Int
    public let unit: Unit

    /// Parses `30s`, `1h`, `7d`, `1mo`…; throws `.invalid` naming the field for anything else.
    public init(_ text: String, field: String = "budget_duration") throws {
        // Over the bytes: every budgeted request parses its key's period.
        let trimmed = text.trimmingSpacesAndTabs
        let bytes = trimmed.utf8
        let digitsEnd = bytes.firstIndex { $0 < 0x30 || $0 > 0x39 } ?? bytes.endIndex
        let digits = bytes[..<digitsEnd]
        let count = digits.count <= 6 ? digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } : 0
        guard count > 0, count <= 100_000, let unit = Unit(rawValue: trimmed[digitsEnd...].lowercased()) else {
            throw CockpitError.invalid(field: field, reason: "must look like 30s, 15m, 1h, 7d, 1w or 1mo")
        }
        self.count = count
        self.unit = unit
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The length of one period in seconds (a month counts 30 days): for durations such as a key's expiry.
    public var length: TimeInterval {
        let unitSeconds: Double =
            switch unit {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3600
            case .days: 86_400
            case .weeks: 604_800
            case .months: 2_592_000
            }
        return Double(count) * unitSeconds
    }

    /// The start of the period that holds `date`. Fixed-length periods are aligned to the Unix epoch (days and weeks
    /// start at 00:00 UTC; weeks on Monday); months start on the first of a month, every `count` months from January.
    public func start(of date: Date) -> Date {
        let seconds: Double
        switch unit {
        case .seconds: seconds = Double(count)
        case .minutes: seconds = Double(count) * 60
        case .hours: seconds = Double(count) * 3600
        case .days: seconds = Double(count) * 86_400
        case .weeks:
            // 1970-01-05 was a Monday.
            let span = Double(count) * 7 * 86_400, monday = 4.0 * 86_400
            return Date(
                timeIntervalSince1970: ((date.timeIntervalSince1970 - monday) / span).rounded(.down) * span + monday)
        case .months:
            let (year, month) = UTCMonths.month(of: date)
            let index = (year * 12 + month - 1) / count * count
            return UTCMonths.start(year: index / 12, month: index % 12 + 1)
        }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }

    /// The start of the next period: when the budget resets.
    public func end(of date: Date) -> Date {
        switch unit {
        case .months:
            let (year, month) = UTCMonths.month(of: start(of: date))
            return UTCMonths.start(year: year, month: month + count)
        case .weeks: return start(of: date).addingTimeInterval(Double(count) * 7 * 86_400)
        default:
            let start = start(of: date)
            let length: Double = unit == .seconds ? 1 : unit == .minutes ? 60 : unit == .hours ? 3600 : 86_400
            return start.addingTimeInterval(Double(count) * length)
        }
    }
}
