import CCurl
import Foundation

/// One request in flight on the curl I/O thread: its easy handle, what it sends, and where the response goes.
/// Touched only on the I/O thread, except `consumed` (the stream consumer's progress) and the pause state, which are
/// locked.
final class CurlTransfer: @unchecked Sendable {
    enum Sink {
        /// Collect the whole body, then answer.
        case buffered(CheckedContinuation<HTTPClientResponse, Error>)
        /// Answer with the head as soon as it is complete, then hand body chunks to the stream.
        case streaming(CheckedContinuation<HTTPResponseHead, Error>, AsyncThrowingStream<[UInt8], Error>.Continuation)
    }

    let request: HTTPClientRequest
    var sink: Sink?
    var handle: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var requestBody: UnsafeMutableRawBufferPointer?
    var status = 0
    var headers: [(name: String, value: String)] = []
    var headDelivered = false
    var body: [UInt8] = []
    /// The answer grew past `request.maxResponseBytes`: the transfer is aborted.
    var tooLarge = false
    /// The address the open-socket check refused, for the error.
    var refusedAddress: String?
    /// Bytes handed to the stream and not yet read by its consumer; past `highWater` the transfer pauses.
    private let lock = NSLock()
    private var outstanding = 0
    /// Paused by the I/O thread (the consumer is behind); a resume has been asked for once the consumer caught up.
    private var paused = false, resumeAsked = false
    static let highWater = 1 << 20

    init(request: HTTPClientRequest, sink: Sink) {
        self.request = request
        self.sink = sink
    }

    deinit {
        curl_slist_free_all(headerList)
        requestBody?.deallocate()
    }

    /// A header line from curl (status lines start a new block: redirects and 1xx answers come first).
    /// One header line from curl (status line, `name: value`, or the blank line that ends the head), read at the
    /// byte level: this runs for every header of every upstream answer.
    func receiveHeader(_ raw: UnsafeRawBufferPointer) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var start = 0, end = raw.count
        while start < end, isSpace(raw[start]) { start += 1 }
        while end > start, isSpace(raw[end - 1]) { end -= 1 }
        let line = raw[start..<end]
        if line.isEmpty {
            if status >= 200 { deliverHead() }
        } else if line.starts(with: "HTTP/".utf8) {
            var code = 0, digits = 0
            if let space = line.firstIndex(of: 0x20) {
                var i = space + 1
                while i < end, raw[i] >= 0x30, raw[i] <= 0x39, digits < 3 {
                    code = code * 10 + Int(raw[i] - 0x30); digits += 1; i += 1
                }
            }
            status = code
            headers.removeAll()
        } else if let colon = line.firstIndex(of: 0x3A) {
            var valueStart = colon + 1
            while valueStart < end, isSpace(raw[valueStart]) { valueStart += 1 }
            let name = String(
                decoding: raw[start..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
            headers.append((name, String(decoding: raw[valueStart..<end], as: UTF8.self)))
        }
    }

    /// Body bytes from curl; returns false when the consumer is behind and the transfer must pause (curl then
    /// delivers the same bytes again after it is resumed).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch sink {
        case .buffered:
            guard body.count + bytes.count <= request.maxResponseBytes else {
                tooLarge = true
                return true
            }
            body.append(contentsOf: bytes)
        case .streaming(_, let stream):
            deliverHead()
            lock.lock()
            if outstanding > Self.highWater {
                paused = true
                lock.unlock()
                return false
            }
            outstanding += bytes.count
            lock.unlock()
            stream.yield(Array(bytes))
        case nil: break
        }
        return true
    }

    /// The consumer read `count` bytes; true (once) when the transfer is paused and may go on: only then does the
    /// I/O thread need waking, not for every chunk read.
    func consumed(_ count: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        outstanding -= count
        guard paused, !resumeAsked, outstanding <= Self.highWater / 2 else { return false }
        resumeAsked = true
        return true
    }

    /// On the I/O thread: true when the transfer was paused, which it no longer is.
    func unpause() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard paused else { return false }
        (paused, resumeAsked) = (false, false)
        return true
    }

    func deliverHead() {
        guard !headDelivered else { return }
        headDelivered = true
        if case .streaming(let head, _) = sink {
            head.resume(returning: HTTPResponseHead(status: status, headers: headers))
        }
    }

    /// The transfer ended: with success (`nil`) or an error.
    func finish(_ error: HTTPClientError?) {
        guard let sink else { return }
        self.sink = nil
        switch sink {
        case .buffered(let c):
            if let error {
                c.resume(throwing: error)
            } else {
                c.resume(
                    returning: HTTPClientResponse(head: HTTPResponseHead(status: status, headers: headers), body: body))
            }
        case .streaming(let head, let stream):
            if !headDelivered {
                headDelivered = true
                if let error {
                    head.resume(throwing: error)
                } else {
                    head.resume(returning: HTTPResponseHead(status: status, headers: headers))
                }
            }
            if let error { stream.finish(throwing: error) } else { stream.finish() }
        }
    }
}
