import Foundation

/// A serial executor on one dedicated thread: the `Terminal` actor runs on it, so every curses call happens on the
/// same thread, and a blocking key read never holds a thread of Swift's cooperative pool. The thread starts with the
/// first job and ends when the executor goes away, so a terminal that is never used costs no thread.
final class CursesThread: SerialExecutor, @unchecked Sendable {
    /// The jobs and the thread's lifetime, shared with the thread (which must not keep the executor alive).
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [UnownedJob] = []
        var started = false
        var closed = false
    }

    private let queue = Queue()

    deinit {
        queue.condition.lock()
        queue.closed = true
        queue.condition.signal()
        queue.condition.unlock()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.condition.lock()
        queue.jobs.append(job)
        if !queue.started {
            queue.started = true
            let queue = self.queue, executor = asUnownedSerialExecutor()
            let thread = Thread { Self.loop(queue, executor) }
            thread.name = "cockpit.curses"
            thread.start()
        }
        queue.condition.signal()
        queue.condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    private static func loop(_ queue: Queue, _ executor: UnownedSerialExecutor) {
        while true {
            queue.condition.lock()
            while queue.jobs.isEmpty && !queue.closed { queue.condition.wait() }
            if queue.jobs.isEmpty {
                queue.condition.unlock()
                return
            }
            let job = queue.jobs.removeFirst()
            queue.condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}
