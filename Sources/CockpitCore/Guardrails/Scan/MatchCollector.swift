import CHyperscan
import Foundation

/// Gathers Hyperscan's match reports during a scan (it is the callback's context), per slot as `PatternSlot.Gathering`
/// says, so memory grows with the distinct matches, not with every reported end offset.
final class MatchCollector {
    private let expressionSlots: [Int]
    private let gathering: [PatternSlot.Gathering]
    private(set) var matches: [RawMatch] = []
    /// Per slot, the index in `matches` of its latest entry (-1: none).
    private var latest: [Int]

    init(expressionSlots: [Int], slots: [PatternSlot]) {
        self.expressionSlots = expressionSlots
        gathering = slots.map(\.gathering)
        latest = Array(repeating: -1, count: slots.count)
    }

    /// One report: expression `id` matched bytes `from..<to` (absolute; `from` may be past the SOM horizon).
    func add(id: UInt32, from: UInt64, to: UInt64) {
        let slot = expressionSlots[Int(id)]
        let end = Int(to)
        let start = from == HS_OFFSET_PAST_HORIZON ? 0 : Int(from)
        let index = latest[slot]
        if index >= 0 {
            switch gathering[slot] {
            case .union where start <= matches[index].to:
                matches[index].from = min(matches[index].from, start)
                matches[index].to = max(matches[index].to, end)
                return
            case .longestPerStart where start == matches[index].from:
                matches[index].to = max(matches[index].to, end)
                return
            case .everyCandidate where start == matches[index].from && end == matches[index].to:
                return
            default: break
            }
        }
        latest[slot] = matches.count
        matches.append(RawMatch(slot: slot, from: start, to: end))
    }

    /// Removes and returns the matches `isReady` selects, keeping the others for later reports to extend.
    func take(where isReady: (RawMatch) -> Bool) -> [RawMatch] {
        guard matches.contains(where: isReady) else { return [] }
        var taken: [RawMatch] = []
        var kept: [RawMatch] = []
        for match in matches {
            if isReady(match) { taken.append(match) } else { kept.append(match) }
        }
        matches = kept
        for slot in latest.indices { latest[slot] = -1 }
        for (index, match) in kept.enumerated() { latest[match.slot] = index }
        return taken
    }

    /// The C callback Hyperscan calls for each report; the context is an unretained `MatchCollector`.
    static let onMatch: match_event_handler = { id, from, to, _, context in
        Unmanaged<MatchCollector>.fromOpaque(context!).takeUnretainedValue().add(id: id, from: from, to: to)
        return 0
    }
}
