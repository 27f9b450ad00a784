import CCurl
import Foundation

/// One request in flight on the curl I/O thread: its easy handle, what it sends, and where the response goes.
/// Touched only on the I/O thread, except `consumed` (the stream consumer's progress), which is locked.
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
    var paused = false
    /// Bytes handed to the stream and not yet read by its consumer; past `highWater` the transfer pauses.
    private let lock = NSLock()
    private var outstanding = 0
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
    func receiveHeader(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            let parts = trimmed.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers.removeAll()
        } else if trimmed.isEmpty {
            if status >= 200 { deliverHead() }
        } else if let colon = trimmed.firstIndex(of: ":") {
            headers.append((trimmed[..<colon].lowercased(), trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
    }

    /// Body bytes from curl; returns false when the consumer is behind and the transfer must pause (curl then
    /// delivers the same bytes again after it is resumed).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch sink {
        case .buffered: body.append(contentsOf: bytes)
        case .streaming(_, let stream):
            deliverHead()
            lock.lock()
            if outstanding > Self.highWater {
                lock.unlock()
                paused = true
                return false
            }
            outstanding += bytes.count
            lock.unlock()
            stream.yield(Array(bytes))
        case nil: break
        }
        return true
    }

    /// The consumer read `count` bytes; true when a paused transfer may go on.
    func consumed(_ count: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        outstanding -= count
        return outstanding <= Self.highWater / 2
    }

    func deliverHead() {
        guard !headDelivered else { return }
        headDelivered = true
        if case .streaming(let head, _) = sink { head.resume(returning: HTTPResponseHead(status: status, headers: headers)) }
    }

    /// The transfer ended: with success (`nil`) or an error.
    func finish(_ error: HTTPClientError?) {
        guard let sink else { return }
        self.sink = nil
        switch sink {
        case .buffered(let c):
            if let error { c.resume(throwing: error) } else {
                c.resume(returning: HTTPClientResponse(head: HTTPResponseHead(status: status, headers: headers), body: body))
            }
        case .streaming(let head, let stream):
            if !headDelivered {
                headDelivered = true
                if let error { head.resume(throwing: error) } else { head.resume(returning: HTTPResponseHead(status: status, headers: headers)) }
            }
            if let error { stream.finish(throwing: error) } else { stream.finish() }
        }
    }
}
