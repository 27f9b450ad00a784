import Foundation

/// A thread of its own that runs jobs one after the other, in the order given. It starts with the first job (a
/// `JobThread` never used costs no thread) and ends once `close()` was called and the jobs before it ran; the thread
/// holds only the queue, never the `JobThread`, so an owner may close it from its `deinit`.
public final class JobThread: @unchecked Sendable {
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
        var started = false
        var closed = false
    }

    private let queue = Queue()
    private let name: String
    private let setUp: @Sendable () -> Void

    /// - Parameter setUp: runs first on the new thread (e.g. to set its scheduling policy).
    public init(name: String, setUp: @escaping @Sendable () -> Void = {}) {
        self.name = name
        self.setUp = setUp
    }

    /// Runs `job` on the thread after the jobs before it.
    public func run(_ job: @escaping @Sendable () -> Void) {
        queue.condition.lock()
        queue.jobs.append(job)
        if !queue.started {
            queue.started = true
            let (queue, setUp) = (self.queue, self.setUp)
            let thread = Thread { Self.loop(queue, setUp) }
            thread.name = name
            thread.start()
        }
        queue.condition.signal()
        queue.condition.unlock()
    }

    /// Runs `body` on the thread after the jobs before it and returns its result to the caller.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            run { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Lets the thread end once the jobs already given have run.
    public func close() {
        queue.condition.lock()
        queue.closed = true
        queue.condition.signal()
        queue.condition.unlock()
    }

    private static func loop(_ queue: Queue, _ setUp: @Sendable () -> Void) {
        setUp()
        while true {
            queue.condition.lock()
            while queue.jobs.isEmpty && !queue.closed { queue.condition.wait() }
            if queue.jobs.isEmpty {
                queue.condition.unlock()
                return
            }
            let job = queue.jobs.removeFirst()
            queue.condition.unlock()
            job()
        }
    }
}
