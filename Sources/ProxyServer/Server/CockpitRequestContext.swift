import CockpitCore
import Foundation
import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id every log line and response carries.
public struct CockpitRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
