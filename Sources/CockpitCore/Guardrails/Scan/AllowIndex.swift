import Foundation

/// The `allow` spans of each preset, joined and sorted, for exemption lookups in logarithmic time.
struct AllowIndex: Sendable {
    private var spans: [Int: [Range<Int>]] = [:]

    init() {}

    /// An index of the `allow` matches among `matches`.
    init(_ matches: [RawMatch], slots: [PatternSlot]) { add(matches, slots: slots) }

    var isEmpty: Bool { spans.isEmpty }

    /// Adds the `allow` matches among `matches`.
    mutating func add(_ matches: [RawMatch], slots: [PatternSlot]) {
        var touched = Set<Int>()
        for match in matches where slots[match.slot].effect == .allow {
            spans[slots[match.slot].presetIndex, default: []].append(match.span)
            touched.insert(slots[match.slot].presetIndex)
        }
        for preset in touched { spans[preset] = Self.join(spans[preset]!) }
    }

    /// Forgets spans that end at or before `offset`.
    mutating func drop(endingBefore offset: Int) {
        for (preset, list) in spans { spans[preset] = list.filter { $0.upperBound > offset } }
    }

    /// Whether an `allow` span of `preset` overlaps `match`.
    func exempts(_ match: RawMatch, preset: Int) -> Bool {
        guard let list = spans[preset], !list.isEmpty else { return false }
        // The first span ending after the match starts; it exempts when it starts before the match ends.
        var (low, high) = (0, list.count)
        while low < high {
            let mid = (low + high) / 2
            if list[mid].upperBound <= match.from { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low].lowerBound < match.to
    }

    private static func join(_ list: [Range<Int>]) -> [Range<Int>] {
        var joined: [Range<Int>] = []
        for span in list.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = joined.last, span.lowerBound <= last.upperBound {
                joined[joined.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                joined.append(span)
            }
        }
        return joined
    }
}
