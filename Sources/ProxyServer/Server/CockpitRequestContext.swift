import CockpitCore
import Foundation
import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage and the event loop of the client's connection.
public struct CockpitRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The event loop of the client's connection.
    public let eventLoop: any EventLoop

    public init(source: Source) {
        coreContext = .init(source: source)
        eventLoop = source.channel.eventLoop
    }
}
