import Foundation

/// The one way a number from outside (a tenant's request or stored row, an upstream's answer, a config file)
/// becomes an integer. `Int(someDouble)` traps on NaN, ±infinity and values beyond Int's range, so a tenant
/// storing `rpm: 1e19` or an upstream answering `prompt_tokens: 1e300` would take the process down; these
/// conversions return nil or clamp instead. The rule, checked by `CheckedNumberRuleTests`: no bare
/// `Int(…)`/`Int64(…)` of a Double that came from outside anywhere in `Sources`.
public enum CheckedNumber {
    /// `value` rounded toward zero, or nil when it is NaN, infinite or outside `Int64`'s range.
    public static func int64(_ value: Double) -> Int64? {
        // 2^63 is exactly representable; every finite Double below it converts without trapping.
        guard value.isFinite, value > -9.223_372_036_854_775_808e18, value < 9.223_372_036_854_775_808e18 else {
            return nil
        }
        return Int64(value.rounded(.towardZero))
    }

    /// `value` rounded toward zero, or nil when it is NaN, infinite or outside `Int`'s range.
    public static func int(_ value: Double) -> Int? { int64(value).flatMap { Int(exactly: $0) } }

    /// A count (tokens, an index): a finite whole-or-fractional value in `0...max`, rounded toward zero; nil
    /// otherwise (negative, NaN, infinite, larger than `max`).
    public static func count(_ value: Double, max: Int) -> Int? {
        guard value.isFinite, value >= 0, value <= Double(max) else { return nil }
        return Int(value.rounded(.towardZero))
    }

    /// `value` rounded toward zero and clamped into `range`; NaN becomes the range's lower bound. For values that
    /// must always yield a usable setting (a timeout handed to curl, an index into a short table).
    public static func clamped(_ value: Double, to range: ClosedRange<Int>) -> Int {
        guard !value.isNaN else { return range.lowerBound }
        if value <= Double(range.lowerBound) { return range.lowerBound }
        if value >= Double(range.upperBound) { return range.upperBound }
        return Int(value.rounded(.towardZero))
    }

    /// A `JSONValue` that must be a whole number in `range` (a limit a tenant stores): nil when absent or null,
    /// an `invalid` error naming `field` otherwise.
    public static func wholeNumber(_ value: JSONValue?, in range: ClosedRange<Int64>, field: String) throws -> Int64? {
        guard let value, value != .null else { return nil }
        guard let d = value.doubleValue, let n = int64(d), Double(n) == d, range.contains(n) else {
            throw CockpitError.invalid(
                field: field, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// A `JSONValue` that must be a finite number in `range`: nil when absent or null, an `invalid` error naming
    /// `field` otherwise.
    public static func number(_ value: JSONValue?, in range: ClosedRange<Double>, field: String) throws -> Double? {
        guard let value, value != .null else { return nil }
        guard let d = value.doubleValue, d.isFinite, range.contains(d) else {
            throw CockpitError.invalid(
                field: field,
                reason: "must be a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))")
        }
        return d
    }

    private static func text(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}
