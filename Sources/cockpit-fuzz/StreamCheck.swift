import CockpitCore

/// Drives a provider's stream translator with fuzz input and checks what it would send the client.
enum StreamCheck {
    /// A chat request asking for a streamed answer with a usage chunk.
    static let streamRequest = try! GatewayRequest.parse(
        .chat,
        body: Array(
            #"{"model":"fuzz","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#
                .utf8))

    /// Feeds the input in random pieces, then ends the stream; every byte sent to the client must be valid SSE.
    static func translate(_ input: FuzzInput, adapter: any ProviderAdapter) {
        var translator = adapter.makeStreamTranslator(streamRequest)
        var sent: [UInt8] = []
        do {
            for piece in input.pieces(maxSize: 64) { sent += try translator.feed(Array(piece)) }
            sent += try translator.finish()
        } catch {}
        _ = translator.usage
        _ = translator.generatedBytes
        checkClientStream(sent)
    }

    /// Client-bound bytes are whole SSE events whose data is JSON or `[DONE]`, nothing after `[DONE]`.
    static func checkClientStream(_ bytes: [UInt8]) {
        var parser = SSEParser()
        guard let events = try? parser.feed(bytes) else { return Fuzz.expect(false, "client stream is not SSE") }
        Fuzz.expect((try? parser.finish()) == .some(nil), "client stream ends inside an event")
        for (i, event) in events.enumerated() {
            if event.data == Array("[DONE]".utf8) {
                Fuzz.expect(i == events.count - 1, "client stream continues after [DONE]")
            } else {
                Fuzz.expect(
                    (try? JSONBytes.parse(event.data)) != nil,
                    "client event is not JSON: \(String(decoding: event.data, as: UTF8.self))")
            }
        }
    }
}
