import CockpitCore

/// The SSE parser every provider stream goes through, and the OpenAI stream translator on top of it.
///
/// Properties: the events do not depend on how the bytes were cut into reads (whole, byte by byte, random pieces);
/// `SSE.frame` carries any payload to the client intact; whatever a translator sends the client is well-formed SSE
/// carrying JSON or `[DONE]`.
enum SSEFuzz {
    static func run(_ input: FuzzInput) {
        let whole = events([input.bytes[...]])
        let bytewise = events(input.bytes.map { [$0][...] })
        let pieces = events(input.pieces())
        Fuzz.expect(whole == bytewise, "byte-by-byte reads give other events than one read")
        Fuzz.expect(whole == pieces, "reads of random sizes give other events than one read")
        framed(input.bytes)
        if let adapter = Providers.adapter(for: "openai") { StreamCheck.translate(input, adapter: adapter) }
    }

    /// A framed payload parses back as one event holding the payload, its line breaks (CR, LF, CRLF) as LF.
    static func framed(_ payload: [UInt8]) {
        var expected: [UInt8] = []
        var lastWasCR = false
        for b in payload {
            if b == 0x0A, lastWasCR { lastWasCR = false; continue }
            lastWasCR = b == 0x0D
            expected.append(b == 0x0D ? 0x0A : b)
        }
        var parser = SSEParser()
        let events = try? parser.feed(SSE.frame(payload))
        Fuzz.expect(
            events?.count == 1 && events?.first?.name == "" && events?.first?.data == expected,
            "SSE.frame does not carry the payload")
    }

    /// The events of a stream read in the given pieces, the remainder included; nil when the parser refused it.
    static func events(_ reads: [ArraySlice<UInt8>]) -> [SSEParser.Event]? {
        var parser = SSEParser()
        var out: [SSEParser.Event] = []
        do {
            for read in reads { out += try parser.feed(read) }
            if let last = try parser.finish() { out.append(last) }
        } catch { return nil }
        return out
    }
}
