import CCurl
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The outbound HTTP client: libcurl's multi interface driven by one I/O thread. Connections are reused across
/// requests, HTTP/2 is used where a TLS server offers it, TLS certificates are verified, each request has its own
/// connect and total timeouts, a streamed body is handed over as it arrives (the transfer pauses while the reader is
/// more than 1 MiB behind), and a cancelled task or a dropped stream stops its transfer.
public final class CurlHTTPClient: @unchecked Sendable {
    /// The timeouts handed to curl, in milliseconds.
    static let timeoutRangeMs: ClosedRange<Int> = 1...604_800_000
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let multi: UnsafeMutableRawPointer
    /// Waits on the sockets curl asks for (I/O thread), and wakes up when another thread has work for it.
    private let sockets: CurlSocketLoop
    private let lock = NSLock()
    private var pending: [CurlTransfer] = []
    private var cancelled: [CurlTransfer] = []
    private var resumed: [CurlTransfer] = []
    private var stopping = false
    /// True while the I/O thread waits in epoll: only then does new work need to wake it (a write to its eventfd);
    /// while it runs, it looks at the queues again before it waits.
    private var waiting = false
    private var unpaused = 0
    private var thread: Thread?
    /// Transfers on the I/O thread, by easy handle.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Finished easy handles, reset and kept for the next transfers (I/O thread only).
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the I/O thread.
    /// - Parameter maxConnections: the most connections open at once (a gateway holds one per open stream).
    public init(maxConnections: Int = 8192) {
        _ = Self.globalInit
        multi = curl_multi_init()
        sockets = CurlSocketLoop(multi: multi)
        _ = cockpit_curl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "cockpit.curl"
        self.thread = thread
        thread.start()
    }

    /// Sends a request and collects the whole response.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let submitted = TransferBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let transfer = CurlTransfer(request: request, sink: .buffered(continuation))
                submitted.set(transfer)
                if Task.isCancelled { transfer.finish(.cancelled) } else { submit(transfer) }
            }
        } onCancel: { [weak self] in
            if let transfer = submitted.get() { self?.cancel(transfer) }
        }
    }

    /// Sends a request and answers with the head as soon as it arrives; the body follows on the stream.
    /// Dropping the stream (or cancelling the task reading it) stops the transfer.
    public func stream(_ request: HTTPClientRequest) async throws -> (head: HTTPResponseHead, body: HTTPBodyStream) {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], Error>.makeStream()
        var submitted: CurlTransfer?
        let head = try await withCheckedThrowingContinuation {
            (headContinuation: CheckedContinuation<HTTPResponseHead, Error>) in
            let transfer = CurlTransfer(request: request, sink: .streaming(headContinuation, continuation))
            submitted = transfer
            continuation.onTermination = { [weak self] reason in
                if case .cancelled = reason { self?.cancel(transfer) }
            }
            submit(transfer)
        }
        return (head, HTTPBodyStream(base: stream, transfer: submitted!, client: self))
    }

    /// How many times a stream paused for a slow reader went on again.
    var resumedTransfers: Int { lock.withLock { unpaused } }

    /// How many idle pooled connections the server closed (each then left the I/O thread's watch list).
    var idleConnectionsClosed: Int { sockets.closedWhileIdle.mutate { $0 } }

    /// Stops the I/O thread; requests still in flight fail with `.cancelled`.
    public func shutdown() {
        lock.lock()
        guard !stopping else { lock.unlock(); return }
        stopping = true
        lock.unlock()
        sockets.wakeUp()
        stopped.wait()
    }

    deinit {
        shutdown()
        curl_multi_cleanup(multi)
    }

    private func submit(_ transfer: CurlTransfer) {
        lock.lock()
        if stopping {
            lock.unlock()
            transfer.finish(.cancelled)
            return
        }
        pending.append(transfer)
        wakeIfWaiting()
    }

    func cancel(_ transfer: CurlTransfer) {
        lock.lock()
        cancelled.append(transfer)
        wakeIfWaiting()
    }

    /// The stream's reader caught up: a paused transfer may continue.
    func resume(_ transfer: CurlTransfer) {
        lock.lock()
        resumed.append(transfer)
        wakeIfWaiting()
    }

    /// Unlocks `lock` (held by the caller, who just queued work) and wakes the I/O thread if it is waiting.
    private func wakeIfWaiting() {
        let wake = waiting
        waiting = false
        lock.unlock()
        if wake { sockets.wakeUp() }
    }

    private func loop() {
        while true {
            lock.lock()
            let (starts, cancels, resumes, stop) = (pending, cancelled, resumed, stopping)
            pending.removeAll()
            cancelled.removeAll()
            resumed.removeAll()
            lock.unlock()
            for transfer in starts { start(transfer) }
            // By the transfer's own handle (a transfer that ended has none): no search through the active ones.
            for t in cancels { if let h = t.handle, active[h] === t { end(h, t, .cancelled) } }
            for t in resumes where t.handle.map({ active[$0] === t }) == true && t.unpause() {
                curl_easy_pause(t.handle, CURLPAUSE_CONT)
                lock.withLock { unpaused += 1 }
            }
            if stop {
                for (h, t) in active { end(h, t, .cancelled) }
                for h in idleHandles { curl_easy_cleanup(h) }
                idleHandles.removeAll()
                stopped.signal()
                return
            }
            // Wait only if nothing was queued meanwhile; a thread that queues work from now on wakes this one.
            let idle = lock.withLock { () -> Bool in
                waiting = pending.isEmpty && cancelled.isEmpty && resumed.isEmpty && !stopping
                return waiting
            }
            sockets.run(maxWait: idle ? 1000 : 0)
            lock.withLock { waiting = false }
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let h = message.pointee.easy_handle, let t = active[h] else {
                    continue
                }
                let code = message.pointee.data.result
                end(h, t, code == CURLE_OK ? nil : Self.error(code, h))
            }
        }
    }

    private func start(_ t: CurlTransfer) {
        guard let h = idleHandles.popLast() ?? curl_easy_init() else {
            return t.finish(.transport("curl_easy_init failed"))
        }
        t.handle = h
        let me = Unmanaged.passUnretained(t).toOpaque()
        _ = cockpit_curl_setopt_string(h, CURLOPT_URL, t.request.url)
        _ = cockpit_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        // Milliseconds from 1 (0 would mean "no limit" to curl) to a week, whatever number the deployment held.
        _ = cockpit_curl_setopt_long(
            h, CURLOPT_CONNECTTIMEOUT_MS,
            CheckedNumber.clamped(t.request.connectTimeout * 1000, to: Self.timeoutRangeMs))
        _ = cockpit_curl_setopt_long(
            h, CURLOPT_TIMEOUT_MS, CheckedNumber.clamped(t.request.timeout * 1000, to: Self.timeoutRangeMs))
        _ = cockpit_curl_setopt_long(h, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        _ = cockpit_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1)
        _ = cockpit_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2)
        _ = cockpit_curl_setopt_data_callback(h, CURLOPT_WRITEFUNCTION, curlWrite)
        _ = cockpit_curl_setopt_pointer(h, CURLOPT_WRITEDATA, me)
        _ = cockpit_curl_setopt_data_callback(h, CURLOPT_HEADERFUNCTION, curlHeader)
        _ = cockpit_curl_setopt_pointer(h, CURLOPT_HEADERDATA, me)
        _ = cockpit_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = cockpit_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        if t.request.addressPolicy != nil {
            // Checked on the resolved address as the socket opens; no proxy, whose address would be checked instead.
            _ = cockpit_curl_setopt_opensocket(h, curlOpenSocket)
            _ = cockpit_curl_setopt_pointer(h, CURLOPT_OPENSOCKETDATA, me)
            _ = cockpit_curl_setopt_string(h, CURLOPT_NOPROXY, "*")
        }
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for (name, value) in t.request.headers { list = curl_slist_append(list, "\(name): \(value)") }
        t.headerList = list
        _ = cockpit_curl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        let method = t.request.method.uppercased()
        if let body = t.request.body {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(body.count, 1), alignment: 1)
            // A pointer into the array is valid only inside this call.
            body.withUnsafeBytes { buffer.copyMemory(from: $0) }
            t.requestBody = buffer
            _ = cockpit_curl_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = cockpit_curl_setopt_pointer(h, CURLOPT_POSTFIELDS, buffer.baseAddress)
        }
        if method == "HEAD" {
            _ = cockpit_curl_setopt_long(h, CURLOPT_NOBODY, 1)
        } else if method != (t.request.body == nil ? "GET" : "POST") {
            _ = cockpit_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)
        }
        active[h] = t
        curl_multi_add_handle(multi, h)
    }

    private func end(_ h: UnsafeMutableRawPointer, _ t: CurlTransfer, _ error: HTTPClientError?) {
        curl_multi_remove_handle(multi, h)
        // Reset (every option back to its default) and keep a few for the next transfers instead of freeing them.
        if idleHandles.count < 64 {
            curl_easy_reset(h)
            idleHandles.append(h)
        } else {
            curl_easy_cleanup(h)
        }
        active[h] = nil
        t.handle = nil
        if error != nil, let refused = t.refusedAddress { return t.finish(.addressRefused(refused)) }
        if error != nil, t.tooLarge { return t.finish(.responseTooLarge(limit: t.request.maxResponseBytes)) }
        t.finish(error)
    }

    private static func error(_ code: CURLcode, _ h: UnsafeMutableRawPointer) -> HTTPClientError {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectFailed(message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: return .invalidRequest(message)
        default: return .transport(message)
        }
    }
}

private let curlPause = 0x1000_0001  // CURL_WRITEFUNC_PAUSE

private let curlWrite: cockpit_curl_data_callback = { data, size, count, user in
    guard let data, let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    let accepted = transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: n))
    if transfer.tooLarge { return 0 }  // aborts the transfer
    return accepted ? n : curlPause
}

/// Opens the socket for a connection curl is about to make, after checking the address against the request's
/// policy (only set for requests that have one); a refused address makes curl try the next or fail.
private let curlOpenSocket: cockpit_curl_opensocket_callback = { user, _, address in
    guard let user, let address else { return -1 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let a = address.pointee
    if let policy = transfer.request.addressPolicy {
        let socketAddress = UnsafeRawPointer(address) + MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr)!
        let ip = IPAddress(socketAddress: socketAddress, length: Int(a.addrlen))
        guard let ip, policy.allows(ip) else {
            transfer.refusedAddress = ip?.description ?? "an address of an unknown family"
            return -1
        }
    }
    return cockpit_socket_cloexec(a.family, a.socktype, a.protocol)
}

private let curlHeader: cockpit_curl_data_callback = { data, size, count, user in
    guard let data, let user else { return 0 }
    let n = size * count
    Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveHeader(
        UnsafeRawBufferPointer(start: data, count: n))
    return n
}

/// Hands the transfer of a request to its cancellation handler, which may run on another thread.
private final class TransferBox: @unchecked Sendable {
    private let lock = NSLock()
    private var transfer: CurlTransfer?
    func set(_ t: CurlTransfer) { lock.lock(); transfer = t; lock.unlock() }
    func get() -> CurlTransfer? { lock.lock(); defer { lock.unlock() }; return transfer }
}

/// A response body arriving chunk by chunk. Reading it tells the transfer how far the reader got (backpressure).
public struct HTTPBodyStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let base: AsyncThrowingStream<[UInt8], Error>
    let transfer: CurlTransfer
    let client: CurlHTTPClient

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<[UInt8], Error>.AsyncIterator
        let transfer: CurlTransfer
        let client: CurlHTTPClient

        public mutating func next() async throws -> [UInt8]? {
            guard let chunk = try await base.next() else { return nil }
            if transfer.consumed(chunk.count) { client.resume(transfer) }
            return chunk
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), transfer: transfer, client: client)
    }

    /// Stops the transfer now (the reader is gone); a pending `next()` ends with `.cancelled`.
    public func cancel() { client.cancel(transfer) }

    /// Reads the rest of the body.
    public func collect() async throws -> [UInt8] {
        var out: [UInt8] = []
        for try await chunk in self { out += chunk }
        return out
    }
}
