import CCurl
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// libcurl's socket interface on epoll, for the client's one I/O thread. curl says which sockets to watch (its
/// socket callback) and when it next needs to run (its timer callback); the loop waits on exactly those and hands
/// curl the sockets that are ready. A wakeup or a chunk then costs work for the ready sockets only, not a `poll`
/// over every open connection (which is what `curl_multi_poll` does: with 1,000 open streams that scan was a fifth
/// of the gateway's CPU).
final class CurlSocketLoop {
    private let multi: UnsafeMutableRawPointer
    private let epoll: Int32
    /// An eventfd other threads write to so that `run` returns.
    private let wake: Int32
    /// When curl wants its timeout action (monotonic nanoseconds); nil when it has none.
    private var deadline: UInt64?
    private var events = [epoll_event](repeating: epoll_event(), count: 256)
    /// The sockets in the epoll set, so that a change is one `epoll_ctl`.
    private var watched = Set<Int32>()
    /// Sockets curl stopped watching that are still in the set: curl drops a pooled connection's socket when a
    /// transfer ends and names it again for the next, so it stays in the set (one `epoll_ctl` per request instead of
    /// a delete and an add) until it reports an event curl no longer wants, or curl closes it.
    private var unwanted = Set<Int32>()
    /// How many idle pooled connections the server closed (read by tests from another thread).
    let closedWhileIdle = LockedBox(0)

    init(multi: UnsafeMutableRawPointer) {
        self.multi = multi
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wake = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wake))
        epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event)
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = cockpit_curl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, me)
        _ = cockpit_curl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, me)
        _ = cockpit_curl_multi_setopt_socket_callback(multi) { _, socket, what, loop, _ in
            guard let loop else { return 0 }
            Unmanaged<CurlSocketLoop>.fromOpaque(loop).takeUnretainedValue().watch(socket, what)
            return 0
        }
        _ = cockpit_curl_multi_setopt_timer_callback(multi) { _, milliseconds, loop in
            guard let loop else { return 0 }
            let me = Unmanaged<CurlSocketLoop>.fromOpaque(loop).takeUnretainedValue()
            me.deadline =
                milliseconds < 0 ? nil : DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
            return 0
        }
    }

    deinit {
        close(epoll)
        close(wake)
    }

    /// From any thread: makes the current (or next) `run` return at once.
    func wakeUp() {
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
    }

    /// Waits (at most `maxWait` milliseconds) for ready sockets, curl's timer or a wakeup, and lets curl act on what
    /// happened. I/O thread only.
    func run(maxWait: Int32) {
        var timeout = maxWait
        if let deadline {
            let now = DispatchTime.now().uptimeNanoseconds
            timeout = deadline <= now ? 0 : Int32(min(UInt64(maxWait), (deadline - now + 999_999) / 1_000_000))
        }
        let count = events.withUnsafeMutableBufferPointer {
            epoll_wait(epoll, $0.baseAddress, Int32($0.count), timeout)
        }
        var running: Int32 = 0
        for i in 0..<max(0, Int(count)) {
            let fd = events[i].data.fd, ready = events[i].events
            if fd == wake {
                var value: UInt64 = 0
                _ = read(wake, &value, 8)
                continue
            }
            if unwanted.remove(fd) != nil {
                // An idle pooled connection became readable (the server closed it): curl finds out on its next use.
                watched.remove(fd)
                epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
                closedWhileIdle.mutate { $0 += 1 }
                continue
            }
            var flags: Int32 = 0
            if ready & EPOLLIN.rawValue != 0 { flags |= CURL_CSELECT_IN }
            if ready & EPOLLOUT.rawValue != 0 { flags |= CURL_CSELECT_OUT }
            if ready & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { flags |= CURL_CSELECT_ERR }
            curl_multi_socket_action(multi, fd, flags, &running)
        }
        if let deadline, deadline <= DispatchTime.now().uptimeNanoseconds {
            self.deadline = nil
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running)
        }
    }

    /// curl's socket callback: watch `socket` for what curl waits on, or stop watching it.
    private func watch(_ socket: Int32, _ what: Int32) {
        guard what != CURL_POLL_REMOVE else {
            if watched.contains(socket) { unwanted.insert(socket) }
            return
        }
        unwanted.remove(socket)
        var mask: UInt32 = 0
        if what & CURL_POLL_IN != 0 { mask |= EPOLLIN.rawValue }
        if what & CURL_POLL_OUT != 0 { mask |= EPOLLOUT.rawValue }
        var event = epoll_event(events: mask, data: epoll_data_t(fd: socket))
        if watched.insert(socket).inserted {
            // A number curl reuses after closing a socket may still be in the set if the close came first: then modify.
            if epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) != 0 { epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) }
        } else if epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0 {
            // The socket was closed and its number reused without a REMOVE in between: the kernel dropped it.
            epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
        }
    }
}
