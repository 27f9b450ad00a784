import Foundation

/// Picks deployments within a model group and keeps their health: a deployment cools down for `cooldownTime`
/// after a 429/401/404/408 or a connection failure, or when more than half of its calls in the current minute
/// failed (after `allowedFails` failures). Strategies: weighted shuffle (rpm/tpm/weight), least busy, lowest
/// latency, lowest usage this minute.
public final class DeploymentRouter: @unchecked Sendable {
    struct Health {
        var minute: Int = 0
        var successes = 0
        var failures = 0
        var coolUntil: TimeInterval = 0
        var inFlight = 0
        /// Exponentially weighted latency in seconds.
        var latency: Double = 0
        var tokensThisMinute = 0
    }

    public let settings: RouterSettings
    private let lock = NSLock()
    private var health: [String: Health] = [:]
    private let clock: @Sendable () -> TimeInterval
    private var random: SystemRandomNumberGenerator

    public init(
        settings: RouterSettings, clock: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }
    ) {
        self.settings = settings
        self.clock = clock
        random = SystemRandomNumberGenerator()
    }

    /// The group's deployments that are not cooling down and whose `healthKey` is not in `excluded`, best first for the
    /// strategy.
    public func candidates(_ group: [Deployment], excluding excluded: Set<String> = []) -> [Deployment] {
        let now = clock()
        let minute = Int(now / 60)
        return lock.withLock {
            let healthy = group.filter {
                !excluded.contains($0.healthKey) && (health[$0.healthKey]?.coolUntil ?? 0) <= now
            }
            guard healthy.count > 1 else { return healthy }
            switch settings.strategy {
            case .simpleShuffle: return weightedShuffle(healthy)
            case .leastBusy:
                return healthy.shuffled(using: &random).sorted {
                    (health[$0.healthKey]?.inFlight ?? 0) < (health[$1.healthKey]?.inFlight ?? 0)
                }
            case .latencyBased:
                return healthy.shuffled(using: &random).sorted {
                    (health[$0.healthKey]?.latency ?? 0) < (health[$1.healthKey]?.latency ?? 0)
                }
            case .usageBased:
                func used(_ d: Deployment) -> Int {
                    health[d.healthKey].map { $0.minute == minute ? $0.tokensThisMinute : 0 } ?? 0
                }
                return healthy.shuffled(using: &random).sorted { used($0) < used($1) }
            }
        }
    }

    /// True when every deployment of the group is cooling down.
    public func allCoolingDown(_ group: [Deployment]) -> Bool {
        let now = clock()
        return lock.withLock { group.allSatisfy { (health[$0.healthKey]?.coolUntil ?? 0) > now } }
    }

    /// A call to `deployment` starts.
    public func begin(_ deployment: Deployment) {
        lock.withLock { health[deployment.healthKey, default: Health()].inFlight += 1 }
    }

    /// A call ended: success with its latency and tokens, or the error it gave. A deployment that is alone in its
    /// group never cools down (there would be nothing left to route to; retries go back to it).
    public func end(
        _ deployment: Deployment, latency: TimeInterval, tokens: Int = 0, error: GatewayError? = nil, groupSize: Int = 2
    ) {
        let now = clock()
        let minute = Int(now / 60)
        lock.withLock {
            var h = health[deployment.healthKey] ?? Health()
            h.inFlight = max(0, h.inFlight - 1)
            if h.minute != minute { h.minute = minute; h.successes = 0; h.failures = 0; h.tokensThisMinute = 0 }
            if let error, error.retryable || error.coolsDown {
                h.failures += 1
                let rate = Double(h.failures) / Double(h.failures + h.successes)
                if groupSize > 1, error.coolsDown || (h.failures >= settings.allowedFails && rate > 0.5) {
                    h.coolUntil = now + settings.cooldownTime
                }
            } else if error == nil {
                h.successes += 1
                h.tokensThisMinute += tokens
                h.latency = h.latency == 0 ? latency : h.latency * 0.8 + latency * 0.2
            }
            health[deployment.healthKey] = h
        }
    }

    /// Order by weight: each deployment's chance to come first is its weight (`weight`, else `rpm`, else `tpm`)
    /// over the group's total (Efraimidis–Spirakis keys).
    private func weightedShuffle(_ list: [Deployment]) -> [Deployment] {
        list.map { d -> (Deployment, Double) in
            let w = max(d.weight != 1 ? d.weight : Double(d.rpm ?? d.tpm ?? 1), 1e-9)
            return (d, pow(Double.random(in: Double.ulpOfOne..<1, using: &random), 1 / w))
        }
        .sorted { $0.1 > $1.1 }
        .map(\.0)
    }
}
