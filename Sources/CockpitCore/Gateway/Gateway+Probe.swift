import Foundation

extension Gateway {
    /// What a probe of one deployment found.
    public struct ProbeResult: Sendable {
        public var deployment: Deployment
        /// Nil when the deployment answered.
        public var error: String?
    }

    /// Sends each deployment a one-token chat (an embedding for embedding models), all at once with a 10 s limit, and
    /// reports which answered (`GET /health`). Probes leave no spend rows and touch no limits. Super-admin only: a probe
    /// reaches every upstream with the installation's credentials.
    public func probeDeployments(for caller: Principal) async throws -> [ProbeResult] {
        try Policy.authorize(caller, .superAdmin, in: nil, changes: false)
        let deployments = registry.all
        return await withTaskGroup(of: (Int, ProbeResult).self) { group in
            for (i, d) in deployments.enumerated() {
                group.addTask { (i, await self.probe(d)) }
            }
            var results = [(Int, ProbeResult)]()
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func probe(_ d: Deployment) async -> ProbeResult {
        let embedding = d.modelInfo["mode"]?.stringValue == "embedding" || d.upstreamModel.contains("embedding")
        let body =
            embedding
            ? #"{"model":"probe","input":"health check"}"#
            : #"{"model":"probe","max_tokens":1,"messages":[{"role":"user","content":"ping"}]}"#
        do {
            let request = try GatewayRequest.parse(embedding ? .embeddings : .chat, body: Array(body.utf8))
            guard let adapter = Providers.adapter(for: d.provider) else {
                return ProbeResult(deployment: d, error: "provider not supported")
            }
            var probed = d
            // Between 2 and 10 s: a deployment's short request timeout bounds answers under load, and a probe that
            // shares the machine with traffic must not call a healthy upstream down for a late first byte.
            probed.timeout = min(max(d.timeout, 2), 10)
            var probeOptions = options
            probeOptions.dropParams = true
            guard let upstream = try upstreamRequest(adapter, request, probed, options: probeOptions) else {
                return ProbeResult(deployment: d, error: nil)
            }
            let response = try await http.send(upstream)
            guard (200..<300).contains(response.status) else {
                return ProbeResult(
                    deployment: d,
                    error: upstreamError(adapter, d, status: response.status, body: response.body).description)
            }
            return ProbeResult(deployment: d, error: nil)
        } catch {
            return ProbeResult(deployment: d, error: GatewayError.from(error).description)
        }
    }
}
