import Foundation

/// Runs password hashing and verification (argon2id: tens of milliseconds of CPU and 64 MiB each) on a few
/// threads of their own, never on Swift's shared pool where the gateway's requests run. At most `workers` run at
/// once and `capacity` wait; beyond that a caller gets `unavailable` (503) at once instead of stalling everything.
public final class PasswordWorkPool: Sendable {
    /// The process's pool: two threads, up to 32 waiting.
    public static let shared = PasswordWorkPool(workers: 2, capacity: 32)

    private let threads: [JobThread]
    private let capacity: Int
    private let state = LockedCounter()

    public init(workers: Int, capacity: Int) {
        threads = (0..<max(1, workers)).map { JobThread(name: "cockpit-password-\($0)") }
        self.capacity = capacity
    }

    /// Runs `work` on the pool; throws `CockpitError.unavailable` when the pool is full.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let ticket = state.enter(limit: capacity + threads.count) else {
            throw CockpitError.unavailable("too many sign-ins at once; try again in a moment")
        }
        defer { state.leave() }
        return try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, Error>) in
            threads[ticket % threads.count].run { [state] in
                let result = Result { try work() }
                state.finished()
                done.resume(with: result)
            }
        }
    }

    /// Password checks running or waiting now.
    public var inFlight: Int { state.value }
    /// Jobs run so far.
    public var completed: Int { state.done }
}

/// A counter behind a lock that refuses to go past a limit, handing out tickets that spread work over threads.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var issued = 0

    /// A ticket number, or nil when `limit` are already in.
    func enter(limit: Int) -> Int? {
        lock.withLock {
            guard count < limit else { return nil }
            count += 1
            issued &+= 1
            return issued
        }
    }

    private var finishedJobs = 0

    func leave() { lock.withLock { count -= 1 } }
    func finished() { lock.withLock { finishedJobs += 1 } }
    var value: Int { lock.withLock { count } }
    var done: Int { lock.withLock { finishedJobs } }
}
