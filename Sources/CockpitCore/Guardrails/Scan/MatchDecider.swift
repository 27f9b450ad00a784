import Foundation

/// The policy over matches, shared by block scans and streams: built-in checks on candidates, `allow` exemptions,
/// then what each remaining match does (record, mask, refuse).
struct MatchDecider: Sendable {
    let slots: [PatternSlot]

    /// What a set of matches comes to.
    struct Decision {
        var hits: [GuardrailHit] = []
        var refusal: GuardrailRefusal?
        var masks: [MaskSpan] = []
    }

    /// Runs each built-in candidate through its check (dropping failures, narrowing spans) and joins the overlapping
    /// matches of each slot; sorted by position.
    func settle(_ raw: [RawMatch], in window: ByteWindow) -> [RawMatch] {
        var checked: [RawMatch] = []
        checked.reserveCapacity(raw.count)
        for match in raw {
            guard let detector = slots[match.slot].builtin else {
                checked.append(match)
                continue
            }
            if let span = detector.check(window, match.span) {
                checked.append(RawMatch(slot: match.slot, from: span.lowerBound, to: span.upperBound))
            }
        }
        checked.sort { ($0.slot, $0.from, $0.to) < ($1.slot, $1.from, $1.to) }
        var joined: [RawMatch] = []
        for match in checked {
            if let last = joined.last, last.slot == match.slot, match.from < last.to {
                joined[joined.count - 1].to = max(last.to, match.to)
            } else {
                joined.append(match)
            }
        }
        return joined.sorted { ($0.from, $0.to, $0.slot) < ($1.from, $1.to, $1.slot) }
    }

    /// Decides settled, non-`allow` `matches` against the `allow` spans known. Bytes before `released` have left
    /// already (streams): a mask reaching back there covers what is still held and says so.
    func decide(_ matches: [RawMatch], allows: AllowIndex, released: Int = 0) -> Decision {
        var decision = Decision()
        for match in matches {
            let slot = slots[match.slot]
            if allows.exempts(match, preset: slot.presetIndex) { continue }
            switch slot.effect {
            case .allow: continue
            case .detect: decision.hits.append(slot.hit(.detected, match.span))
            case .mask:
                let late = match.from < released
                decision.hits.append(slot.hit(late ? .maskedPartially : .masked, match.span))
                if match.to > released {
                    decision.masks.append(
                        MaskSpan(from: max(match.from, released), to: match.to, token: slot.pattern.maskToken))
                }
            case .refuse:
                decision.hits.append(slot.hit(.refused, match.span))
                if decision.refusal == nil {
                    decision.refusal = GuardrailRefusal(
                        presetCode: slot.presetCode, patternName: slot.pattern.name, action: slot.pattern.action,
                        byteOffset: match.from)
                }
            }
        }
        return decision
    }
}
