import CockpitCore
import Foundation
import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id every log line and response carries.
public struct CockpitRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies are read by `WireJSON.decode` with the server's configured limit, never by the default decoder.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }
}

/// Limits fixed at start-up from the server settings.
enum ServerLimits {
    /// Read once at start-up, before the server accepts connections; never written afterwards.
    nonisolated(unsafe) static var maxBodyBytes = 1 << 20
}
