import Dispatch
import NIOCore
import NIOPosix
@testable import ProxyServer
import Testing

/// A streamed answer's pump runs on its connection's event loop: the executor keeps a task there across suspensions,
/// including one resumed from another thread (as an upstream chunk from the curl thread resumes the pump).
@Suite struct EventLoopTaskExecutorTests {
    @Test func aTaskPreferringTheLoopRunsOnItAcrossSuspensions() async {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let executor = EventLoopTaskExecutor(loop)
        let onLoop = await withTaskExecutorPreference(executor) { () async -> [Bool] in
            await Task.yield()
            var seen = [loop.inEventLoop]
            // Resumed from a thread that is neither the loop nor Swift's pool.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(5)) { continuation.resume() }
            }
            seen.append(loop.inEventLoop)
            return seen
        }
        #expect(onLoop == [true, true])
        #expect(!loop.inEventLoop)
    }
}
