import Foundation

extension Gateway {
    /// The HTTP request for one upstream call, with the limits every call carries: the answer's size cap and, for a
    /// deployment an account owns, the address policy the HTTP client enforces on the address it connects to.
    /// Nil when the adapter answers locally (the mock provider).
    func upstreamRequest(
        _ adapter: any ProviderAdapter, _ request: GatewayRequest, _ deployment: Deployment,
        options: ProviderOptions? = nil
    ) throws -> HTTPClientRequest? {
        let options = options ?? self.options
        guard var upstream = try adapter.makeRequest(request, deployment: deployment, options: options) else {
            return nil
        }
        upstream.maxResponseBytes = options.maxResponseBytes
        if deployment.accountID != nil {
            let host = URL(string: upstream.url)?.host ?? ""
            upstream.addressPolicy = options.upstreamPolicy.allowsHost(host) ? nil : options.upstreamPolicy
        }
        return upstream
    }

    /// The error for an upstream's error answer. A deployment an account owns may point anywhere public, so what
    /// its upstream said is reduced to the status and a short reason: its body never reaches the caller.
    func upstreamError(
        _ adapter: any ProviderAdapter, _ deployment: Deployment, status: Int, body: [UInt8]
    ) -> GatewayError {
        var error = adapter.error(status: status, body: body)
        if deployment.accountID != nil {
            error.message =
                "the upstream answered \(status)"
                + (error.isContextWindow ? " (context_length_exceeded)" : "")
        }
        return error
    }
}
