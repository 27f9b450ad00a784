import Foundation

/// One match of a pattern before actions apply (after a built-in detector's check): which pattern, where.
public struct GuardrailMatch: Sendable, Equatable {
    public var presetCode: String
    public var patternName: String
    public var effect: GuardrailEffect
    /// UTF-8 byte offsets in the scanned text.
    public var byteRange: Range<Int>

    /// The match as a range of `text` (the string that was scanned).
    public func range(in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: byteRange.lowerBound)
        return lower..<utf8.index(lower, offsetBy: byteRange.count)
    }
}
