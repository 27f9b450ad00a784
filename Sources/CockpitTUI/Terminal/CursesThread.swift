import CockpitCore
import Foundation

/// A serial executor on one dedicated thread: the `Terminal` actor runs on it, so every curses call happens on the
/// same thread, and a blocking key read never holds a thread of Swift's cooperative pool. The thread starts with the
/// first job and ends when the executor goes away, so a terminal that is never used costs no thread.
final class CursesThread: SerialExecutor, @unchecked Sendable {
    private let thread = JobThread(name: "cockpit.curses")

    deinit { thread.close() }

    func enqueue(_ job: consuming ExecutorJob) {
        // The thread's jobs hold the executor unowned: it must not keep itself alive.
        let (job, executor) = (UnownedJob(job), asUnownedSerialExecutor())
        thread.run { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
