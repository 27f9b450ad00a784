import Foundation

/// A streamed answer whose upstream has answered 2xx: the headers to send, then `pump` moves the translated chunks
/// to the client as they arrive. An upstream failure after this point is sent in-band as `data: {"error": …}`; a
/// client that goes away cancels the upstream transfer; either way the usage seen so far is charged.
public final class GatewayStream: @unchecked Sendable {
    enum Source {
        case remote(HTTPBodyStream)
        case local([[UInt8]])
    }

    /// Thrown by the write closure's wrapper when the client is gone.
    struct ClientGone: Error {}

    public let headers: [(String, String)]
    private let gateway: Gateway
    private let request: GatewayRequest
    private let admission: Admission
    private let deployment: Deployment
    private let lock = NSLock()
    private var source: Source?
    private var translator: any StreamTranslator

    init(gateway: Gateway, request: GatewayRequest, admission: Admission, deployment: Deployment, source: Source,
         translator: any StreamTranslator, headers: [(String, String)]) {
        self.gateway = gateway
        self.request = request
        self.admission = admission
        self.deployment = deployment
        self.source = source
        self.translator = translator
        self.headers = headers
    }

    /// Sends the stream through `write` until it ends; returns once the request is settled. Call it once.
    public func pump(_ write: @Sendable ([UInt8]) async throws -> Void) async {
        guard let source = lock.withLock({ () -> Source? in defer { self.source = nil }; return self.source }) else { return }
        var firstToken: Date?
        var success = true
        func send(_ bytes: [UInt8]) async throws {
            guard !bytes.isEmpty else { return }
            do { try await write(bytes) } catch { throw ClientGone() }
        }
        do {
            switch source {
            case .local(let pieces):
                for piece in pieces {
                    let out = try translator.feed(piece)
                    if firstToken == nil, translator.started { firstToken = Date() }
                    try await send(out)
                }
            case .remote(let body):
                do {
                    for try await chunk in body {
                        let out = try translator.feed(chunk)
                        if firstToken == nil, translator.started { firstToken = Date() }
                        try await send(out)
                    }
                } catch {
                    body.cancel()
                    throw error
                }
            }
            try await send(try translator.finish())
        } catch is ClientGone {
            success = false
        } catch {
            success = false
            let e = error is HTTPClientError ? GatewayError.upstream(error as! HTTPClientError) : GatewayError.from(error)
            try? await send(SSE.frame(e.body))
        }
        let usage = translator.usage ?? TokenUsage(promptTokens: request.estimatedPromptTokens,
                                                   completionTokens: (translator.generatedBytes + 3) / 4)
        let cost = gateway.prices.cost(usage, deployment: deployment)
        _ = await gateway.finish(admission, request, deployment: deployment, usage: usage, cost: cost, success: success, firstToken: firstToken)
    }

    deinit {
        if case .remote(let body)? = source { body.cancel() }
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
            let (source, deployment) = try await route(request, caller: caller, primary: primary, attempts: &attempts) { deployment, adapter in
                try await self.startStream(request, deployment, adapter)
            }
            let adapter = try self.adapter(for: deployment, request)
            var headers = responseHeaders(admission, request, deployment: deployment, attempts: attempts)
            if let spent = admission.reservation?.keySpend { headers.append(("x-litellm-key-spend", String(spent))) }
            return GatewayStream(gateway: self, request: request, admission: admission, deployment: deployment, source: source,
                                 translator: adapter.makeStreamTranslator(request), headers: headers)
        } catch {
            _ = await finish(admission, request, deployment: nil, usage: nil, cost: 0, success: false, firstToken: nil)
            throw GatewayError.from(error)
        }
    }

    private func startStream(_ request: GatewayRequest, _ deployment: Deployment, _ adapter: any ProviderAdapter) async throws -> GatewayStream.Source {
        guard let upstream = try adapter.makeRequest(request, deployment: deployment, options: options) else {
            return .local(try adapter.localStream(request, deployment: deployment))
        }
        let head: HTTPResponseHead
        let body: HTTPBodyStream
        do { (head, body) = try await http.stream(upstream) } catch let e as HTTPClientError { throw GatewayError.upstream(e) }
        guard (200..<300).contains(head.status) else {
            var bytes: [UInt8] = []
            do {
                for try await chunk in body {
                    bytes += chunk
                    if bytes.count > 65_536 { body.cancel(); break }
                }
            } catch {}
            throw adapter.error(status: head.status, body: bytes)
        }
        return .remote(body)
    }
}
