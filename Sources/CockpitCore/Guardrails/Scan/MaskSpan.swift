import Foundation

/// A span to replace by `token` (absolute byte offsets). `announced` is set once the token was written, so a span
/// released in several pieces (a stream) shows its token once.
struct MaskSpan: Sendable, Equatable {
    var from: Int
    var to: Int
    var token: String
    var announced = false
    /// The length of the match the token comes from: overlapping masks take the longest match's token (a card
    /// number is `[CARD]`, not the `[PHONE]` its first digits could be).
    var tokenWeight: Int

    init(from: Int, to: Int, token: String) {
        (self.from, self.to, self.token, tokenWeight) = (from, to, token, to - from)
    }
}

/// Writes text with masks applied: the held bytes of `start..<end`, each masked span replaced by its token.
enum MaskRenderer {
    /// Adds `new` to `masks` (sorted by start, disjoint), merging overlaps; a merged span takes the token of the
    /// longest match in it (the earlier one on a tie) unless its token was written already.
    static func merge(_ new: [MaskSpan], into masks: inout [MaskSpan]) {
        guard !new.isEmpty else { return }
        let all = (masks + new).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        var merged: [MaskSpan] = []
        for span in all {
            if var last = merged.last, span.from < last.to {
                last.to = max(last.to, span.to)
                if !last.announced && !span.announced && span.tokenWeight > last.tokenWeight {
                    (last.token, last.tokenWeight) = (span.token, span.tokenWeight)
                }
                last.announced = last.announced || span.announced
                merged[merged.count - 1] = last
            } else {
                merged.append(span)
            }
        }
        masks = merged
    }

    /// The bytes `start..<end` of `window` with `masks` applied (their tokens written once each), as text. The cut
    /// points must fall on character boundaries (Hyperscan's UTF-8 matches and the callers' cuts do).
    static func render(_ window: ByteWindow, from start: Int, to end: Int, masks: inout [MaskSpan]) -> String {
        guard start < end else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var cursor = start
        for index in masks.indices where masks[index].to > start && masks[index].from < end {
            let from = max(masks[index].from, start)
            if from > cursor { out.append(contentsOf: window.slice(cursor..<from)) }
            if !masks[index].announced {
                out.append(contentsOf: masks[index].token.utf8)
                masks[index].announced = true
            }
            cursor = max(cursor, min(masks[index].to, end))
        }
        if cursor < end { out.append(contentsOf: window.slice(cursor..<end)) }
        return String(decoding: out, as: UTF8.self)
    }
}
