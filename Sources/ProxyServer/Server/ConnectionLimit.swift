import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Counts one server's open connections against its cap (`--max-connections`).
final class ConnectionLimiter: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection; false when it is over the cap.
    func enter() -> Bool { open.add(1, ordering: .relaxed).newValue <= limit }
    func leave() { open.subtract(1, ordering: .relaxed) }
    /// Connections open now.
    var count: Int { open.load(ordering: .relaxed) }
}

/// One per connection, after the HTTP codec: a connection over the server's cap answers its first request with a
/// clear 503 and closes, without reaching the application; the others pass through untouched.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let limiter: ConnectionLimiter
    private var counted = false
    private var admitted = true
    private var refused = false

    init(_ limiter: ConnectionLimiter) { self.limiter = limiter }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = true
        admitted = limiter.enter()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if counted { limiter.leave() }
        counted = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if admitted { return context.fireChannelRead(data) }
        guard case .head = unwrapInboundIn(data), !refused else { return }
        refused = true
        let body = ByteBuffer(string: #"{"detail":"the server has too many open connections; try again shortly"}"#)
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.readableBytes)
        head.headerFields[.connection] = "close"
        head.headerFields[.retryAfter] = "1"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
    }
}
