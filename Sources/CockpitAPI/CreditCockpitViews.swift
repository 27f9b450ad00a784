import CockpitCore
import Foundation

/// `GET /v1/budgets/copilot/usage/daily` (cockpit's addition, for the cockpit's `:credits usage`): the ledger of the
/// last `days` UTC days per day, oldest first; days without rows are left out.
public struct CreditDaysView: Codable, Sendable, Equatable {
    /// One UTC day of the ledger: credits and raw cost as decimals, and how many rows.
    public struct Day: Codable, Sendable, Equatable {
        /// `YYYY-MM-DD`.
        public var day: String
        public var credits: Double
        public var rawCost: Double
        public var rows: Int64

        public init(_ d: CreditDay) {
            (day, credits, rawCost, rows) = (d.day, Micros.decimal(d.credits), Micros.decimal(d.rawCost), d.rows)
        }

        /// The core's day, in micro-units again.
        public var creditDay: CreditDay {
            CreditDay(
                day: day, credits: Micros.from(credits) ?? 0, rawCost: Micros.from(rawCost) ?? 0, rows: rows)
        }
    }

    public var days: Int
    public var items: [Day]

    public init(days: Int, items: [CreditDay]) { (self.days, self.items) = (days, items.map(Day.init)) }
}

/// `GET /v1/budgets/copilot/overrides?plan_id=` (cockpit's addition): a plan's overrides, oldest first (the newest of
/// a scope is the one that applies).
public struct OverrideList: Codable, Sendable, Equatable {
    public var items: [OverrideView]

    public init(_ overrides: [CreditOverride]) { items = overrides.map(OverrideView.init) }
}
