import Foundation

/// One counter a request must fit under: it is raised by `amount` (1 for requests and parallel slots; 0 for a
/// token limit, which is only checked here and raised after the call) and must stay at or below `limit`.
public struct LimitCheck: Sendable, Equatable {
    public var key: String
    public var limit: Int
    public var amount: Int
    /// Seconds the counter lives (a little over its window).
    public var ttl: Int
    /// What to name in a refusal, e.g. `key rpm`.
    public var label: String

    public init(key: String, limit: Int, amount: Int, ttl: Int, label: String) {
        self.key = key
        self.limit = limit
        self.amount = amount
        self.ttl = ttl
        self.label = label
    }
}

/// The outcome of `acquire`.
public enum LimitDecision: Sendable, Equatable {
    /// Every counter was raised; their values after.
    case admitted([Int])
    /// The check at this index would pass its limit; nothing was raised.
    case refused(Int)
}

/// Shared counters behind rpm / tpm / parallel limits: in memory for one instance, in Redis for many.
public protocol LimitCounters: Sendable {
    /// Atomically raises every counter when all fit under their limits, or none.
    func acquire(_ checks: [LimitCheck]) async -> LimitDecision
    /// Lowers counters by one (a parallel slot freed).
    func release(_ keys: [String]) async
    /// Raises a counter by `amount` (tokens used).
    func add(_ key: String, _ amount: Int, ttl: Int) async
    /// A human-readable state for `/health/readiness`.
    var status: String { get }
}

/// Counters of one process: one lock, expired windows swept as they are passed.
public final class InMemoryLimitCounters: LimitCounters, @unchecked Sendable {
    private struct Counter {
        var value: Int
        var expires: TimeInterval
    }

    private let lock = NSLock()
    private var counters: [String: Counter] = [:]
    private var nextSweep: TimeInterval = 0
    private let clock: @Sendable () -> TimeInterval

    public init(clock: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }) {
        self.clock = clock
    }

    public var status: String { "in-memory (this instance only)" }

    public func acquire(_ checks: [LimitCheck]) async -> LimitDecision { acquireNow(checks) }

    /// The synchronous form (also the fallback of the Redis counters).
    public func acquireNow(_ checks: [LimitCheck]) -> LimitDecision {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        sweep(now)
        for (i, check) in checks.enumerated() {
            let current = live(check.key, now)
            if current + max(check.amount, 1) > check.limit { return .refused(i) }
        }
        // Raised in place: one hash of each (long) key instead of a read and a write.
        func raise(_ counter: inout Counter, _ check: LimitCheck) -> Int {
            if counter.expires <= now { counter.value = 0 }
            counter.value += check.amount
            counter.expires = now + Double(check.ttl)
            return counter.value
        }
        var values: [Int] = []
        values.reserveCapacity(checks.count)
        for check in checks {
            values.append(raise(&counters[check.key, default: Counter(value: 0, expires: 0)], check))
        }
        return .admitted(values)
    }

    public func release(_ keys: [String]) async { releaseNow(keys) }

    public func releaseNow(_ keys: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for key in keys { if let c = counters[key] { counters[key]?.value = max(0, c.value - 1) } }
    }

    public func add(_ key: String, _ amount: Int, ttl: Int) async { addNow(key, amount, ttl: ttl) }

    public func addNow(_ key: String, _ amount: Int, ttl: Int) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        counters[key] = Counter(value: live(key, now) + amount, expires: now + Double(ttl))
    }

    private func live(_ key: String, _ now: TimeInterval) -> Int {
        guard let c = counters[key], c.expires > now else { return 0 }
        return c.value
    }

    private func sweep(_ now: TimeInterval) {
        guard now >= nextSweep else { return }
        nextSweep = now + 30
        counters = counters.filter { $0.value.expires > now }
    }
}
