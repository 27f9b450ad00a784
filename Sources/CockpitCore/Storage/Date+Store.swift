import Foundation

/// The time as the stores keep it.
extension Date {
    /// Now, rounded to the microsecond the stores keep, so a value read back equals the value written.
    public static var storeNow: Date { Date().roundedToMicroseconds }

    /// This date rounded to whole microseconds.
    public var roundedToMicroseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }
}
