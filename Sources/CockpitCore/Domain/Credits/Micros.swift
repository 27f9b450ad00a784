import Foundation

/// Credits and costs as whole micro-units (1 credit = 1 USD of raw cost = 1,000,000 micros), so that sums over
/// millions of ledger rows are exact (COPILOT.md). The wire speaks decimals; these convert at its edge.
public enum Micros {
    /// Micro-units in one credit.
    public static let perUnit: Double = 1_000_000
    /// The largest amount one value may hold: a billion credits (sums of thousands of them still fit an Int64).
    public static let maxAmount: Int64 = 1_000_000_000 * 1_000_000

    /// `value` in micro-units, rounded to the nearest; nil when NaN, infinite, negative or past `maxAmount`.
    public static func from(_ value: Double) -> Int64? {
        guard value.isFinite, value >= 0 else { return nil }
        let scaled = (value * perUnit).rounded()
        guard scaled <= Double(maxAmount) else { return nil }
        return Int64(scaled)
    }

    /// A non-negative amount from the wire: the original's 400 `<field> cannot be negative` for a negative number,
    /// and 400 naming the field for NaN, an infinity or more than a billion.
    public static func amount(_ value: Double, field: String) throws -> Int64 {
        if value < 0 { throw CockpitError.badRequest("\(field) cannot be negative") }
        guard let micros = from(value) else {
            throw CockpitError.invalid(field: field, reason: "must be a finite number of at most 1000000000")
        }
        return micros
    }

    /// Micro-units as the wire's decimal number.
    public static func decimal(_ micros: Int64) -> Double { Double(micros) / perUnit }

    /// `a + b`, held at Int64's bounds instead of trapping (sums of stored values never get near them).
    public static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// The credits a raw cost incurs: `raw × factor`, rounded to the micro-credit; nil past `maxAmount`.
    public static func credits(raw: Int64, factor: Double) -> Int64? {
        let value = (Double(raw) * factor).rounded()
        guard value.isFinite, value >= 0, value <= Double(maxAmount) else { return nil }
        return Int64(value)
    }
}
