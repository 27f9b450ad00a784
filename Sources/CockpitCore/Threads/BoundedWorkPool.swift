import Foundation

/// CPU-heavy work (password hashing, guardrail pattern checks) run on a few threads of its own, never on Swift's
/// shared pool where the gateway's requests run. At most `workers` jobs run at once and `capacity` wait; beyond that
/// a caller gets `unavailable` (503) at once instead of stalling everything.
public final class BoundedWorkPool: Sendable {
    /// Password hashing and checks (argon2id: tens of milliseconds of CPU and 64 MiB each): two threads, up to 32
    /// waiting.
    public static let passwords = passwords(workers: 2, capacity: 32)

    /// A pool for password work with its refusal.
    public static func passwords(workers: Int, capacity: Int) -> BoundedWorkPool {
        BoundedWorkPool(
            name: "cockpit-password", workers: workers, capacity: capacity,
            busy: "too many sign-ins at once; try again in a moment")
    }

    /// Guardrail pattern checks when presets are saved: one at a time (a hostile pattern can take Hyperscan seconds
    /// of a core to refuse; several admins saving such patterns must not take more than one core), up to 16 waiting.
    public static let guardrailValidation = BoundedWorkPool(
        name: "cockpit-guardrail-check", workers: 1, capacity: 16,
        busy: "too many guardrail patterns are being checked at once; try again in a moment")

    private let threads: [JobThread]
    private let capacity: Int
    private let busy: String
    private let state = LockedCounter()

    /// - Parameter busy: the 503's message when `capacity` jobs already wait.
    public init(name: String, workers: Int, capacity: Int, busy: String) {
        threads = (0..<max(1, workers)).map { JobThread(name: "\(name)-\($0)") }
        self.capacity = capacity
        self.busy = busy
    }

    /// Runs `work` on the pool; throws `CockpitError.unavailable` when the pool is full.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let ticket = state.enter(limit: capacity + threads.count) else {
            throw CockpitError.unavailable(busy)
        }
        defer { state.leave() }
        let thread = threads[ticket % threads.count]
        return try await thread.perform { [state] in
            defer { state.finished() }
            return try work()
        }
    }

    /// Jobs running or waiting now.
    public var inFlight: Int { state.value }
    /// Jobs run so far.
    public var completed: Int { state.done }
}

/// The pool that password work runs on.
public typealias PasswordWorkPool = BoundedWorkPool

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
