import CHyperscan
import Foundation

/// Gathers Hyperscan's match reports during a scan (it is the callback's context), per expression as
/// `PatternSlot.Gathering` says, so memory grows with the distinct matches, not with every reported end offset.
final class MatchCollector {
    private let expressionSlots: [Int]
    private let gathering: [PatternSlot.Gathering]
    private(set) var matches: [RawMatch] = []
    /// Per expression, the index in `matches` of its latest entry (-1: none); allocated on the first report.
    private var latest: [Int] = []
    /// Per entry of `matches`, the expression it came from.
    private var origins: [Int] = []

    init(expressionSlots: [Int], gathering: [PatternSlot.Gathering]) {
        (self.expressionSlots, self.gathering) = (expressionSlots, gathering)
    }

    /// One report: expression `id` matched bytes `from..<to` (absolute; `from` may be past the SOM horizon).
    func add(id: UInt32, from: UInt64, to: UInt64) {
        if latest.isEmpty { latest = Array(repeating: -1, count: expressionSlots.count) }
        let expression = Int(id)
        let end = Int(to)
        var start = from == HS_OFFSET_PAST_HORIZON ? 0 : Int(from)
        let index = latest[expression]
        if case .runFromEnd(let minWidth) = gathering[expression] {
            if index >= 0, end == matches[index].to + 1 {
                matches[index].to = end
                return
            }
            start = max(0, end - minWidth)
        } else if index >= 0 {
            switch gathering[expression] {
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
        latest[expression] = matches.count
        matches.append(RawMatch(slot: expressionSlots[expression], from: start, to: end))
        origins.append(expression)
    }

    /// Removes and returns the matches `isReady` selects, keeping the others for later reports to extend.
    func take(where isReady: (RawMatch) -> Bool) -> [RawMatch] {
        guard matches.contains(where: isReady) else { return [] }
        var taken: [RawMatch] = []
        var kept: [RawMatch] = []
        var keptOrigins: [Int] = []
        for (match, origin) in zip(matches, origins) {
            if isReady(match) {
                taken.append(match)
            } else {
                kept.append(match)
                keptOrigins.append(origin)
            }
        }
        (matches, origins) = (kept, keptOrigins)
        for expression in latest.indices { latest[expression] = -1 }
        for (index, origin) in origins.enumerated() { latest[origin] = index }
        return taken
    }

    /// The C callback Hyperscan calls for each report; the context is an unretained `MatchCollector`.
    static let onMatch: match_event_handler = { id, from, to, _, context in
        Unmanaged<MatchCollector>.fromOpaque(context!).takeUnretainedValue().add(id: id, from: from, to: to)
        return 0
    }
}
