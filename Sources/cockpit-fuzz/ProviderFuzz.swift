import CockpitCore

/// A translating provider (Anthropic, Gemini, Cohere) in both directions: the input as an upstream answer
/// (`translateResponse`), as an upstream stream (`makeStreamTranslator(...).feed/finish`), as an upstream error body,
/// and as a client chat request translated into the provider's request (`makeRequest`).
///
/// Properties: whatever is produced for the client or the upstream is valid JSON (or valid SSE, see `StreamCheck`),
/// and reported usage is never negative.
enum ProviderFuzz {
    /// A non-streamed chat request, the one answers are translated for.
    static let request = try! GatewayRequest.parse(
        .chat, body: Array(#"{"model":"fuzz","messages":[{"role":"user","content":"hi"}]}"#.utf8))

    static func run(_ input: FuzzInput, provider: String) {
        guard let adapter = Providers.adapter(for: provider) else {
            return Fuzz.expect(false, "no adapter for \(provider)")
        }
        answer(input.bytes, adapter: adapter)
        StreamCheck.translate(input, adapter: adapter)
        for status in [400, 429, 500, 529] { _ = adapter.error(status: status, body: input.bytes) }
        if let chat = try? GatewayRequest.parse(.chat, body: input.bytes) {
            let deployment = Deployment(
                id: "fuzz", modelName: "fuzz",
                route: "\(provider)/fuzz-model",
                apiKey: "k")
            for dropParams in [false, true] {
                upstreamRequest(chat, adapter: adapter, deployment: deployment, dropParams: dropParams)
            }
        }
    }

    /// A whole upstream answer becomes a valid chat completion under the public model name.
    static func answer(_ body: [UInt8], adapter: any ProviderAdapter) {
        guard let (out, usage) = try? adapter.translateResponse(body, request: request) else { return }
        let chat = try? JSONBytes.parse(out)
        Fuzz.expect(
            chat?["model"] == "fuzz", "a translated answer is not valid JSON: \(String(decoding: out, as: UTF8.self))")
        if let usage { Fuzz.expect(usage.promptTokens >= 0 && usage.completionTokens >= 0, "negative usage \(usage)") }
    }

    /// A client request becomes a provider request whose body is valid JSON.
    static func upstreamRequest(
        _ chat: GatewayRequest, adapter: any ProviderAdapter, deployment: Deployment, dropParams: Bool
    ) {
        guard
            let http = try? adapter.makeRequest(
                chat, deployment: deployment, options: ProviderOptions(dropParams: dropParams))
        else { return }
        guard let body = http.body else { return Fuzz.expect(false, "a translated request has no body") }
        Fuzz.expect(
            (try? JSONBytes.parse(body))?.objectValue != nil,
            "a translated request is not a JSON object: \(String(decoding: body, as: UTF8.self))")
    }
}
