import Foundation

/// An answer refused by output guardrails after its request was settled (so the failure path settles nothing).
private struct GuardrailRefused: Error {
    var error: GatewayError
}

/// A whole (non-streaming) answer.
public struct GatewayReply: Sendable {
    public var body: [UInt8]
    public var headers: [(String, String)]
}

extension Gateway {
    /// A non-streaming chat, completion or embedding call.
    public func complete(_ request: GatewayRequest, caller: GatewayCaller) async throws -> GatewayReply {
        let primary = registry.group(request.model, account: caller.accountID)
        let admission = try await admit(request, caller: caller, group: primary)
        var attempts = Attempts()
        do {
            let request = try guardInput(request, admission)
            let ((answer, usage), deployment) = try await route(
                request, caller: caller, primary: primary, attempts: &attempts
            ) { deployment, adapter in
                try await self.callOnce(request, deployment, adapter)
            }
            let used = usage ?? TokenUsage(promptTokens: request.estimatedPromptTokens, completionTokens: 0)
            let cost = prices.cost(used, deployment: deployment)
            let body: [UInt8]
            do { body = try guardOutput(answer, request, admission) } catch {
                // The upstream answered and is paid for; the answer is refused.
                _ = await finish(
                    admission, request, deployment: deployment, usage: used, cost: cost, success: false,
                    firstToken: nil)
                throw GuardrailRefused(error: GatewayError.from(error))
            }
            let keySpend = await finish(
                admission, request, deployment: deployment, usage: used, cost: cost, success: true, firstToken: nil)
            var headers = responseHeaders(admission, request, deployment: deployment, attempts: attempts)
            headers.append(("x-litellm-response-cost", String(cost)))
            if let keySpend { headers.append(("x-litellm-key-spend", String(keySpend))) }
            return GatewayReply(body: body, headers: headers)
        } catch let refused as GuardrailRefused {
            throw refused.error
        } catch {
            let failure = GatewayError.from(error)
            // An upstream that answered with impossible usage was still called: charge what admission reserved.
            let charged = failure.chargesEstimate ? estimatedUsage(request, deployment: primary.first) : nil
            _ = await finish(
                admission, request, deployment: nil, usage: charged,
                cost: charged == nil ? 0 : estimateCost(request, group: primary),
                success: false, firstToken: nil)
            throw failure
        }
    }

    /// One upstream call (or the mock's local answer), translated to OpenAI's shape.
    private func callOnce(
        _ request: GatewayRequest, _ deployment: Deployment, _ adapter: any ProviderAdapter
    ) async throws
        -> ([UInt8], TokenUsage?)
    {
        guard let upstream = try upstreamRequest(adapter, request, deployment) else {
            return try adapter.translateResponse(
                try adapter.localResponse(request, deployment: deployment), request: request)
        }
        let response: HTTPClientResponse
        do { response = try await http.send(upstream) } catch let e as HTTPClientError {
            throw GatewayError.upstream(e)
        }
        guard (200..<300).contains(response.status) else {
            throw upstreamError(adapter, deployment, status: response.status, body: response.body)
        }
        return try adapter.translateResponse(response.body, request: request)
    }

    /// Ends a request: settles its budget reservation, raises its token counters, frees its parallel slots and
    /// hands its spend row to the writer. Returns the key's spend including this request.
    func finish(
        _ admission: Admission, _ request: GatewayRequest, deployment: Deployment?, usage: TokenUsage?, cost: Double,
        success: Bool,
        firstToken: Date?
    ) async -> Double? {
        if let reservation = admission.reservation {
            ledger.settle(reservation, cost: cost, requestID: admission.requestID)
        }
        if let usage, usage.totalTokens > 0 {
            for key in admission.tokenCounters { await counters.add(key, usage.totalTokens, ttl: 120) }
        }
        await counters.release(admission.releaseKeys)
        let hits = admission.guardrailHits?.summaries ?? []
        if !hits.isEmpty { guardrailMetrics.count(hits) }
        guard let key = admission.caller.key else { return nil }
        var credit = admission.credit
        if !hits.isEmpty, credit != nil, credit?.attribution.guardrailCode == nil {
            credit?.attribution.guardrailCode = hits[0].preset
        }
        spend.enqueue(
            SpendLog(
                requestID: admission.requestID, accountID: key.accountID, keyHash: key.keyHash,
                userID: key.userID?.lowercased ?? "",
                teamID: key.teamID?.lowercased ?? "", orgID: key.orgID?.lowercased ?? "",
                domain: key.domain?.rawValue ?? "", model: request.model,
                modelGroup: request.model, deploymentID: deployment?.id ?? "",
                promptTokens: Int64(usage?.promptTokens ?? 0),
                completionTokens: Int64(usage?.completionTokens ?? 0), cost: cost, startTime: admission.started,
                endTime: Date(),
                firstTokenTime: firstToken, status: success ? "success" : "failure", cacheHit: false,
                endUser: request.user, credit: credit, guardrailHits: hits.isEmpty ? nil : hits))
        return admission.reservation?.keySpend.map { $0 + cost }
    }

    /// Seconds as milliseconds with three decimals (String(format:) is slow on Linux; this runs on every request).
    static func milliseconds(_ seconds: TimeInterval) -> String {
        let micros = Int64((seconds * 1_000_000).rounded())
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// The `x-litellm-*` and `x-ratelimit-*` headers every answer carries.
    func responseHeaders(
        _ admission: Admission, _ request: GatewayRequest, deployment: Deployment, attempts: Attempts
    ) -> [(String, String)] {
        let total = Date().timeIntervalSince(admission.started)
        return [
            ("x-litellm-call-id", admission.requestID), ("x-litellm-model-id", deployment.id),
            ("x-litellm-model-group", request.model),
            ("x-litellm-response-duration-ms", Self.milliseconds(total)),
            ("x-litellm-overhead-duration-ms", Self.milliseconds(max(0, total - attempts.upstreamTime))),
            ("x-litellm-attempted-retries", String(attempts.retries)),
            ("x-litellm-attempted-fallbacks", String(attempts.fallbacks)),
        ]
            + admission.rateHeaders
    }
}
