import Foundation

/// What routing did for one request, for the response headers.
public struct Attempts: Sendable {
    public var retries = 0
    public var fallbacks = 0
    /// Seconds spent waiting on upstreams (the rest of the request's time is the gateway's overhead).
    public var upstreamTime: TimeInterval = 0
}

extension GatewayError {
    /// True for an upstream refusal because the prompt is too long for the model.
    var isContextWindow: Bool {
        let m = message.lowercased()
        return m.contains("context_length_exceeded") || m.contains("maximum context length")
            || m.contains("prompt is too long")
            || m.contains("context window")
            // Gemini: "The input token count (…) exceeds the maximum number of tokens allowed (…)."
            || (m.contains("input token count") && m.contains("exceeds the maximum number of tokens"))
    }
}

extension Gateway {
    /// Runs `call` on the model group's deployments: the router's order, `num_retries` further attempts after a
    /// retryable failure (another deployment first), then each fallback group in turn; a deployment whose own rpm
    /// is full is passed over. A non-retryable upstream answer (400, 403…) is returned at once; a context-window
    /// refusal moves to the context-window fallbacks. Nothing healthy left → 429 "no healthy deployment".
    func route<T: Sendable>(
        _ request: GatewayRequest, caller: GatewayCaller, primary: [Deployment], attempts: inout Attempts,
        _ call: (Deployment, any ProviderAdapter) async throws -> T
    ) async throws -> (T, Deployment) {
        let settings = router.settings
        var groups = [request.model] + (settings.fallbacks[request.model] ?? [])
        var lastError: GatewayError?
        var index = 0
        while index < groups.count {
            let name = groups[index]
            let deployments = index == 0 ? primary : try await fallbackGroup(name, caller: caller)
            index += 1
            if deployments.isEmpty { continue }
            if index > 1 { attempts.fallbacks += 1 }
            var tried = Set<String>()
            var left = settings.numRetries + 1
            while left > 0 {
                var candidates = router.candidates(deployments, excluding: tried)
                if candidates.isEmpty, !tried.isEmpty { candidates = router.candidates(deployments) }
                guard let deployment = await firstWithCapacity(candidates) else {
                    if lastError == nil || router.allCoolingDown(deployments) { lastError = .noHealthyDeployment(name) }
                    break
                }
                if !tried.isEmpty { attempts.retries += 1 }
                left -= 1
                tried.insert(deployment.healthKey)
                router.begin(deployment)
                let t0 = Date()
                do {
                    let result = try await call(deployment, try adapter(for: deployment, request))
                    let elapsed = Date().timeIntervalSince(t0)
                    attempts.upstreamTime += elapsed
                    router.end(deployment, latency: elapsed, groupSize: deployments.count)
                    return (result, deployment)
                } catch {
                    let e = GatewayError.from(error)
                    attempts.upstreamTime += Date().timeIntervalSince(t0)
                    router.end(
                        deployment, latency: Date().timeIntervalSince(t0), error: e, groupSize: deployments.count)
                    lastError = e
                    if e.status == 499 { throw e }
                    if e.isContextWindow, let next = settings.contextWindowFallbacks[name] {
                        groups = Array(groups.prefix(index)) + next
                        break
                    }
                    if !e.retryable { throw e }
                    if e.status == 429, left > 0 { try? await Task.sleep(nanoseconds: 50_000_000) }
                }
            }
        }
        throw lastError ?? .noHealthyDeployment(request.model)
    }

    /// A fallback group, if the caller may use it: the key's model list and, for a key owned in a tree, that
    /// tree's grants, exactly as for the primary model (a fallback the caller may not use is skipped).
    private func fallbackGroup(_ name: String, caller: GatewayCaller) async throws -> [Deployment] {
        if let key = caller.key {
            if !Self.allowsEveryModel(key), !key.models.contains(name) { return [] }
            if let domain = key.domain, !(try await policies.modelAccess(key: key, domain: domain, model: name).allowed)
            {
                return []
            }
        }
        return registry.group(name, account: caller.accountID)
    }

    /// The first candidate whose own rpm limit (from its `litellm_params.rpm`) has room this minute.
    private func firstWithCapacity(_ candidates: [Deployment]) async -> Deployment? {
        let minute = Int(Date().timeIntervalSince1970 / 60)
        for d in candidates {
            guard let rpm = d.rpm else { return d }
            let check = LimitCheck(
                key: "cockpit:deployment:\(d.healthKey):rpm:\(minute)", limit: rpm, amount: 1, ttl: 120,
                label: "deployment rpm")
            if case .admitted = await counters.acquire([check]) { return d }
        }
        return nil
    }
}
