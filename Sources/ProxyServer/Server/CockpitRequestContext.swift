import CockpitCore
import Foundation
import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage and the event loop of the client's connection.
public struct CockpitRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The event loop of the client's connection.
    public let eventLoop: any EventLoop
    /// The largest request body read; `BodyLimitMiddleware` sets the server's limit before any handler runs.
    public var maxUploadSize = 1 << 20

    /// Refuse body fields a route does not take (COCKPIT_STRICT_FIELDS); set by `IgnoredFieldsMiddleware`.
    public var strictFields = false
    /// The body fields the handler did not take, named in the answer (`IgnoredFieldsMiddleware`).
    let ignoredFields = IgnoredFields()

    /// The client's IP address (the connection's peer; a proxy in front is not looked through).
    public let remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        eventLoop = source.channel.eventLoop
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
