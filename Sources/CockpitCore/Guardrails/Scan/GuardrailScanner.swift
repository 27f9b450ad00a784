import CHyperscan
import Foundation

/// The guardrail engine for one set of presets and one direction: compiled once (one Hyperscan database for all
/// their patterns), then shared by any number of concurrent scans. Hyperscan scans in time linear in the text
/// whatever the patterns; each scan borrows a scratch from the scanner's pool.
///
/// `apply(to:)` scans a whole text (requests; answers that are not streamed); `openStream()` scans an answer chunk
/// by chunk and holds back the last `streamWindow` bytes until no match can still change them.
public final class GuardrailScanner: Sendable {
    let compiled: CompiledPatternSet
    let decider: MatchDecider
    private let scratches: HyperscanScratchPool?
    /// Bytes a stream holds back (see `GuardrailStream`).
    public let streamWindow: Int

    /// The default cap of `streamWindow`: a mask or a refusal covers matches up to this many bytes long in a stream.
    public static let defaultStreamWindowCap = 256

    /// Compiles the enabled patterns of `presets` that apply to `direction` (`nil`: all, as a preset's trial does)
    /// on a dispatch thread, never on Swift's shared threads (compiling many patterns takes milliseconds to seconds).
    /// Streams are available when `direction` is not `.input`. Patterns that do not compile are left out (`skipped`).
    public static func compile(
        presets: [GuardrailPresetPatterns], direction: GuardrailDirection?,
        streamWindowCap: Int = GuardrailScanner.defaultStreamWindowCap
    ) async throws -> GuardrailScanner {
        try await Blocking.run {
            try GuardrailScanner(presets: presets, direction: direction, streamWindowCap: streamWindowCap)
        }
    }

    /// Compiles on the calling thread; callers on Swift's shared threads use `compile(presets:direction:)`.
    init(
        presets: [GuardrailPresetPatterns], direction: GuardrailDirection?,
        streamWindowCap: Int = GuardrailScanner.defaultStreamWindowCap
    ) throws {
        let compiled = try CompiledPatternSet(presets: presets, direction: direction, streaming: direction != .input)
        self.compiled = compiled
        decider = MatchDecider(slots: compiled.slots)
        scratches = compiled.block.map { HyperscanScratchPool(for: [$0] + (compiled.stream.map { [$0] } ?? [])) }
        streamWindow = Self.window(compiled, cap: max(0, min(streamWindowCap, 1 << 16)))
    }

    /// Patterns left out because they do not compile, with Hyperscan's reason.
    public var skipped: [GuardrailSkippedPattern] { compiled.skipped }

    /// Whether no pattern is active (a scan finds nothing and costs nothing).
    public var isEmpty: Bool { compiled.block == nil }

    /// Whether `openStream()` scans incrementally (the scanner was compiled for answers).
    public var supportsStreaming: Bool { compiled.stream != nil || isEmpty }

    /// Matches of every pattern over `text`, built-in checks passed, before `allow` exemptions and actions.
    public func matches(in text: String) -> [GuardrailMatch] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            withSettledMatches(in: bytes) { matches, _ in
                matches.map { match in
                    let slot = compiled.slots[match.slot]
                    return GuardrailMatch(
                        presetCode: slot.presetCode, patternName: slot.pattern.name, effect: slot.effect,
                        byteRange: match.span)
                }
            }
        }!
    }

    /// The verdict over `text` and the text with masks applied. `allow` matches exempt the overlapping matches of
    /// the other patterns of their preset; `detect` records, masking `block` replaces, refusing `block` refuses
    /// (the first by position names the preset and pattern).
    public func apply(to text: String) -> GuardrailOutcome {
        var text = text
        text.makeContiguousUTF8()
        let (verdict, masked) = text.utf8.withContiguousStorageIfAvailable { check(utf8: $0) }!
        return GuardrailOutcome(verdict: verdict, text: masked ?? text)
    }

    /// The verdict over the UTF-8 text `bytes`, and the text with masks applied when a mask applies (nil: the text
    /// stays as it is). The gateway's path: a text that matches nothing costs one scan and no allocation of text.
    public func check(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (verdict: GuardrailVerdict, masked: String?) {
        withSettledMatches(in: bytes) { matches, window in
            if matches.isEmpty { return (GuardrailVerdict(), nil) }
            let decision = decider.decide(matches, allows: AllowIndex(matches, slots: compiled.slots))
            let masked = decision.masks.isEmpty ? nil : Self.render(window, masks: decision.masks)
            return (GuardrailVerdict(hits: decision.hits, refusal: decision.refusal), masked)
        }
    }

    /// A stream over an answer; feed it chunks in order from one task at a time.
    public func openStream() -> GuardrailStream { GuardrailStream(scanner: self) }

    private static func render(_ window: ByteWindow, masks: [MaskSpan]) -> String {
        var sorted: [MaskSpan] = []
        MaskRenderer.merge(masks, into: &sorted)
        return MaskRenderer.render(window, from: window.base, to: window.end, masks: &sorted)
    }

    /// Scans `bytes` in block mode and hands `body` the settled matches and the bytes.
    private func withSettledMatches<T>(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: ([RawMatch], ByteWindow) -> T
    ) -> T {
        let window = ByteWindow(base: 0, bytes: bytes)
        guard let database = compiled.block, let scratches, !bytes.isEmpty else { return body([], window) }
        let collector = MatchCollector(
            expressionSlots: compiled.expressionSlots, gathering: compiled.expressionGathering)
        scratches.withScratch { scratch in
            let status = bytes.withMemoryRebound(to: CChar.self) { chars in
                hs_scan(
                    database.raw, chars.baseAddress, UInt32(chars.count), 0, scratch, MatchCollector.onMatch,
                    Unmanaged.passUnretained(collector).toOpaque())
            }
            // Only misuse fails (a scratch of another database, or one in use): stop, never pass text unscanned.
            precondition(status == HS_SUCCESS, "hs_scan failed: \(status)")
        }
        if collector.matches.isEmpty { return body([], window) }
        return body(decider.settle(collector.matches, in: window), window)
    }

    /// Scans one chunk of a stream (used by `GuardrailStream`).
    func scan(stream: OpaquePointer, _ bytes: UnsafeBufferPointer<UInt8>, into collector: MatchCollector) {
        scratches?.withScratch { scratch in
            let status = bytes.withMemoryRebound(to: CChar.self) { chars in
                hs_scan_stream(
                    stream, chars.baseAddress, UInt32(chars.count), 0, scratch, MatchCollector.onMatch,
                    Unmanaged.passUnretained(collector).toOpaque())
            }
            precondition(status == HS_SUCCESS, "hs_scan_stream failed: \(status)")
        }
    }

    /// Closes a stream, collecting the matches only the end of the text decides (`$`, a final `\b`).
    func close(stream: OpaquePointer, into collector: MatchCollector?) {
        guard let collector, let scratches else {
            hs_close_stream(stream, nil, nil, nil)
            return
        }
        scratches.withScratch { scratch in
            let status = hs_close_stream(
                stream, scratch, MatchCollector.onMatch, Unmanaged.passUnretained(collector).toOpaque())
            precondition(status == HS_SUCCESS, "hs_close_stream failed: \(status)")
        }
    }

    /// The hold-back: the longest match of a pattern that masks or refuses (with what its check may add on the
    /// left), plus the longest `allow` match when there are any (an exemption must be known before the match it
    /// exempts is released), plus two bytes of context for the built-in checks; unbounded patterns count as
    /// `cap`, and so does the sum at most.
    private static func window(_ compiled: CompiledPatternSet, cap: Int) -> Int {
        let active = Set(compiled.expressionSlots)
        let slots = active.map { compiled.slots[$0] }
        func widest(_ chosen: [PatternSlot]) -> Int { chosen.map { ($0.maxWidth ?? cap) + $0.leftReach }.max() ?? 0 }
        let holding = widest(slots.filter(\.holdsText))
        guard holding > 0 else { return 0 }
        return min(cap, holding + widest(slots.filter { $0.effect == .allow }) + 2)
    }
}
