import CHyperscan
import Foundation

/// What a stream lets out after a chunk: the text now safe to send (masks applied), the hits decided meanwhile,
/// and — once — the refusal that must end the stream with an in-band error.
public struct GuardrailStreamStep: Sendable, Equatable {
    public var text: String
    public var hits: [GuardrailHit]
    public var refusal: GuardrailRefusal?
}

/// Guardrails over a streamed answer, in Hyperscan's streaming mode: chunks are scanned as they come, and a match
/// split across chunks is found as if the text were whole (match offsets are of the whole stream).
///
/// **Hold-back.** Hyperscan reports a match when its last byte arrives, with its leftmost start. So that a mask
/// covers a match before its first bytes leave, the stream keeps the last `scanner.streamWindow` bytes unreleased:
/// `feed` returns only bytes no match still to come can reach back into (cut on a character boundary), `finish`
/// the rest. The window is the longest match of the masking, refusing and `allow` patterns (unbounded: the cap, 256
/// bytes by default), so a mask or refusal covers matches up to that long; a longer match is still recorded, and
/// the part of it still held is masked (`maskedPartially`). Presets that only `detect` hold nothing back.
/// Use a stream from one task at a time (calls are serialised by a lock, chunks must come in order).
public final class GuardrailStream: @unchecked Sendable {
    private let scanner: GuardrailScanner
    private let lock = NSLock()
    private var stream: OpaquePointer?
    private let collector: MatchCollector
    /// Scanned bytes from `bufferBase` on: the unreleased ones and a little released context for built-in checks.
    private var buffer: [UInt8] = []
    private var bufferBase = 0
    private var scanned = 0
    private var released = 0
    private var masks: [MaskSpan] = []
    private var allows = AllowIndex()
    private var done = false
    /// Every hit decided so far, in order.
    public private(set) var hits: [GuardrailHit] = []
    /// The refusal, once a refusing pattern matched; the stream then releases nothing more.
    public private(set) var refusal: GuardrailRefusal?

    /// Released bytes kept for the built-in checks' look at what precedes a candidate.
    private static let context = 16

    init(scanner: GuardrailScanner) {
        self.scanner = scanner
        collector = MatchCollector(
            expressionSlots: scanner.compiled.expressionSlots, gathering: scanner.compiled.expressionGathering)
        if let database = scanner.compiled.stream {
            var opened: OpaquePointer?
            if hs_open_stream(database.raw, 0, &opened) == HS_SUCCESS { stream = opened }
        }
    }

    deinit { if let stream { scanner.close(stream: stream, into: nil) } }

    /// Scans `chunk` and returns what may be sent now.
    public func feed(_ chunk: String) -> GuardrailStreamStep {
        var chunk = chunk
        chunk.makeContiguousUTF8()
        return chunk.utf8.withContiguousStorageIfAvailable { feed(utf8: $0) }!
    }

    /// Scans the UTF-8 text `chunk` (a chunk may end inside a character: nothing is released past a character
    /// boundary) and returns what may be sent now.
    public func feed(utf8 chunk: UnsafeBufferPointer<UInt8>) -> GuardrailStreamStep {
        lock.withLock {
            guard !done else { return GuardrailStreamStep(text: "", hits: [], refusal: nil) }
            if scanner.isEmpty {
                return GuardrailStreamStep(text: String(decoding: chunk, as: UTF8.self), hits: [], refusal: nil)
            }
            let start = buffer.count
            buffer.append(contentsOf: chunk)
            scanned += buffer.count - start
            guard let stream else { return GuardrailStreamStep(text: "", hits: [], refusal: nil) }  // whole at finish
            guard !chunk.isEmpty else { return GuardrailStreamStep(text: "", hits: [], refusal: nil) }
            buffer.withUnsafeBufferPointer { all in
                scanner.scan(stream: stream, UnsafeBufferPointer(rebasing: all[start...]), into: collector)
            }
            return advance(final: false)
        }
    }

    /// Ends the stream: matches only the end decides are collected, and everything still held is returned.
    public func finish() -> GuardrailStreamStep {
        lock.withLock {
            guard !done else { return GuardrailStreamStep(text: "", hits: [], refusal: nil) }
            if scanner.isEmpty {
                done = true
                return GuardrailStreamStep(text: "", hits: [], refusal: nil)
            }
            guard let stream else { return finishWhole() }
            scanner.close(stream: stream, into: collector)
            self.stream = nil
            return advance(final: true)
        }
    }

    /// Decides the matches that are due and releases what is safe.
    private func advance(final: Bool) -> GuardrailStreamStep {
        let slots = scanner.compiled.slots
        let step = buffer.withUnsafeBufferPointer { bytes -> GuardrailStreamStep in
            let held = ByteWindow(base: bufferBase, bytes: bytes)
            let safe =
                final ? scanned : max(released, held.characterBoundary(atOrBefore: scanned - scanner.streamWindow))
            // A built-in candidate is settled once a byte follows it (its check looks there); a match is due once
            // it reaches into the text to release (an `allow` as soon as it is settled, to exempt what follows).
            let ready = collector.take { match in
                if final { return true }
                let slot = slots[match.slot]
                let settled = match.to < scanned || slot.builtin == nil
                return settled && (match.from - slot.leftReach < safe || slot.effect == .allow)
            }
            let settled = scanner.decider.settle(ready, in: held)
            allows.add(settled, slots: slots)
            let decision = scanner.decider.decide(
                settled.filter { slots[$0.slot].effect != .allow }, allows: allows, released: released)
            MaskRenderer.merge(decision.masks, into: &masks)
            // Nothing is released into a masking or refusing candidate still waiting for the byte after it.
            var end = safe
            for pending in collector.matches where slots[pending.slot].holdsText {
                let reach = pending.from - slots[pending.slot].leftReach
                if reach < end { end = max(released, held.characterBoundary(atOrBefore: reach)) }
            }
            if let refused = decision.refusal, refusal == nil {
                refusal = refused
                end = max(released, min(end, held.characterBoundary(atOrBefore: refused.byteOffset)))
            }
            let text = MaskRenderer.render(held, from: released, to: end, masks: &masks)
            released = end
            return GuardrailStreamStep(text: text, hits: decision.hits, refusal: decision.refusal)
        }
        hits += step.hits
        masks.removeAll { $0.to <= released }
        allows.drop(endingBefore: released - scanner.streamWindow)
        let keepFrom = max(bufferBase, released - Self.context)
        if keepFrom - bufferBase > 4096 || final || refusal != nil {
            buffer.removeFirst(min(buffer.count, keepFrom - bufferBase))
            bufferBase = keepFrom
        }
        if final || refusal != nil {
            done = true
            if let stream {
                scanner.close(stream: stream, into: nil)
                self.stream = nil
            }
        }
        return step
    }

    /// A scanner without a streaming database (compiled for requests): the text is held and checked whole.
    private func finishWhole() -> GuardrailStreamStep {
        done = true
        let outcome = scanner.apply(to: String(decoding: buffer, as: UTF8.self))
        hits = outcome.verdict.hits
        refusal = outcome.verdict.refusal
        let text = refusal == nil ? outcome.text : ""
        return GuardrailStreamStep(text: text, hits: hits, refusal: refusal)
    }
}
