import NIOCore

/// A Swift task executor that runs jobs on one NIO event loop. A streamed answer's pump prefers the event loop of
/// its client connection: an upstream chunk then resumes the pump straight on the loop that writes it to the client,
/// instead of on Swift's pool first and the loop after (one thread hand-off per chunk fewer).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
