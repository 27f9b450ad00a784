import CLinux
import Foundation

/// One thread at the OS's idle CPU priority (Linux SCHED_IDLE) that runs jobs in order. A long job on it — a batch
/// of thousands of rows — yields the CPU the moment a request's thread wakes, where at normal priority that thread
/// waited for the scheduler's next tick (up to 4 ms here). Where the OS refuses the policy, jobs run at normal priority.
public final class IdlePriorityThread: @unchecked Sendable {
    /// The process's one idle-priority thread, started with its first job.
    public static let shared = IdlePriorityThread(name: "cockpit.idle-priority")

    private let thread: JobThread
    private let accepted = LockedBox(false)

    /// Whether the OS accepted the idle policy (known once the thread has run a job).
    public var isIdlePriority: Bool { accepted.mutate { $0 } }

    init(name: String) {
        let accepted = self.accepted
        thread = JobThread(name: name) {
            let idle = cockpit_thread_to_idle_priority() == 0
            accepted.mutate { $0 = idle }
        }
    }

    /// Runs `job` on the thread after the jobs before it.
    public func run(_ job: @escaping @Sendable () -> Void) { thread.run(job) }

    /// Runs `body` on the thread and returns its result to the caller.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await thread.perform(body)
    }
}
