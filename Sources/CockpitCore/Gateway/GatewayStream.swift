import Foundation

/// A streamed answer whose upstream has answered 2xx: the headers to send, then `next()` hands out the translated
/// chunks as they arrive (the next upstream bytes are read only when the client took the last ones: backpressure).
/// An upstream failure after this point comes out in-band as `data: {"error": …}`, then the end. When the client
/// goes away, `abandon()` cancels the upstream transfer. Either way the usage seen so far is charged, once.
/// One consumer at a time.
public final class GatewayStream: @unchecked Sendable {
    enum Source {
        case remote(HTTPBodyStream)
        case local([[UInt8]])
    }

    public let headers: [(String, String)]
    private let gateway: Gateway
    private let request: GatewayRequest
    private let admission: Admission
    private let deployment: Deployment
    private let source: Source
    private var remote: HTTPBodyStream.AsyncIterator?
    private var localIndex = 0
    private var translator: any StreamTranslator
    /// Output guardrails between the translator and the client (nil: none).
    private let filter: GuardedStreamFilter?
    private var firstToken: Date?
    private var ended = false
    private let settled = NSLock()
    private var isSettled = false

    init(
        gateway: Gateway, request: GatewayRequest, admission: Admission, deployment: Deployment, source: Source,
        translator: any StreamTranslator, headers: [(String, String)], filter: GuardedStreamFilter? = nil
    ) {
        self.filter = filter
        self.gateway = gateway
        self.request = request
        self.admission = admission
        self.deployment = deployment
        self.source = source
        self.translator = translator
        self.headers = headers
        if case .remote(let body) = source { remote = body.makeAsyncIterator() }
    }

    /// The next bytes for the client, or nil at the end (the request is settled by then).
    public func next() async -> [UInt8]? {
        while !ended {
            do {
                guard let piece = try await pull() else {
                    ended = true
                    var tail = try translator.finish()
                    if let filter { tail = try filter.finish(tail) }
                    await settle(success: filter?.refused != true)
                    return tail.isEmpty ? nil : tail
                }
                var out = try translator.feed(piece)
                if firstToken == nil, translator.started { firstToken = Date() }
                if let filter {
                    out = try filter.feed(out)
                    if filter.refused {
                        // A refusing match: what was released, the in-band error, and the end.
                        ended = true
                        if case .remote(let body) = source { body.cancel() }
                        await settle(success: false)
                        return out
                    }
                }
                if !out.isEmpty { return out }
            } catch {
                ended = true
                if case .remote(let body) = source { body.cancel() }
                let e = (error as? HTTPClientError).map(GatewayError.upstream) ?? GatewayError.from(error)
                await settle(success: false)
                return SSE.frame(e.body)
            }
        }
        return nil
    }

    /// The client went away: the upstream transfer stops and the usage seen so far is charged.
    public func abandon() async {
        ended = true
        if case .remote(let body) = source { body.cancel() }
        await settle(success: false)
    }

    private func pull() async throws -> [UInt8]? {
        switch source {
        case .local(let pieces):
            guard localIndex < pieces.count else { return nil }
            localIndex += 1
            return pieces[localIndex - 1]
        case .remote:
            return try await remote?.next()
        }
    }

    private func settle(success: Bool) async {
        guard
            settled.withLock({ () -> Bool in
                defer { isSettled = true }; return !isSettled
            })
        else { return }
        let usage =
            translator.usage
            ?? TokenUsage(
                promptTokens: request.estimatedPromptTokens,
                completionTokens: (translator.generatedBytes + 3) / 4)
        let cost = gateway.prices.cost(usage, deployment: deployment)
        _ = await gateway.finish(
            admission, request, deployment: deployment, usage: usage, cost: cost, success: success,
            firstToken: firstToken)
    }

    deinit {
        if !ended, case .remote(let body) = source { body.cancel() }
    }
}

extension Gateway {
    /// Starts a streamed chat or completion: admission, routing with retries and fallbacks until an upstream answers
    /// 2xx (nothing has gone to the client before that), then a `GatewayStream` to pump.
    public func openStream(_ request: GatewayRequest, caller: GatewayCaller) async throws -> GatewayStream {
        let primary = registry.group(request.model, account: caller.accountID)
        let admission = try await admit(request, caller: caller, group: primary)
        var attempts = Attempts()
        do {
            let request = try guardInput(request, admission)
            let (source, deployment) = try await route(request, caller: caller, primary: primary, attempts: &attempts) {
                deployment, adapter in
                try await self.startStream(request, deployment, adapter)
            }
            let adapter = try self.adapter(for: deployment, request)
            var headers = responseHeaders(admission, request, deployment: deployment, attempts: attempts)
            if let spent = admission.reservation?.keySpend { headers.append(("x-litellm-key-spend", String(spent))) }
            return GatewayStream(
                gateway: self, request: request, admission: admission, deployment: deployment, source: source,
                translator: adapter.makeStreamTranslator(request), headers: headers,
                filter: admission.guardrails.output.flatMap { scanner in
                    admission.guardrailHits.map { GuardedStreamFilter(scanner: scanner, log: $0) }
                })
        } catch {
            _ = await finish(admission, request, deployment: nil, usage: nil, cost: 0, success: false, firstToken: nil)
            throw GatewayError.from(error)
        }
    }

    private func startStream(
        _ request: GatewayRequest, _ deployment: Deployment, _ adapter: any ProviderAdapter
    ) async throws -> GatewayStream.Source {
        guard let upstream = try upstreamRequest(adapter, request, deployment) else {
            return .local(try adapter.localStream(request, deployment: deployment))
        }
        let head: HTTPResponseHead
        let body: HTTPBodyStream
        do { (head, body) = try await http.stream(upstream) } catch let e as HTTPClientError {
            throw GatewayError.upstream(e)
        }
        guard (200..<300).contains(head.status) else {
            var bytes: [UInt8] = []
            do {
                for try await chunk in body {
                    bytes += chunk
                    if bytes.count > 65_536 { body.cancel(); break }
                }
            } catch {}
            throw upstreamError(adapter, deployment, status: head.status, body: bytes)
        }
        return .remote(body)
    }
}
