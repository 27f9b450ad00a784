import Foundation

/// Changes that caches must hear about at once (a revoked key, a suspended account). Services post them after
/// their transaction commits; the authenticator's caches listen. Other instances notice within their cache TTL.
public final class CoreEvents: @unchecked Sendable {
    /// One change.
    public enum Event: Sendable, Equatable {
        case keyChanged(hash: String)
        case accountChanged(UUID)
        case adminChanged(account: UUID, email: String)
        /// Model grants or budgets of an account changed (the gateway re-reads what a key may use and spend).
        case accessChanged(UUID)
    }

    private let lock = NSLock()
    private var handlers: [@Sendable (Event) -> Void] = []

    public init() {}

    /// Registers a handler, called synchronously on the posting thread.
    public func subscribe(_ handler: @escaping @Sendable (Event) -> Void) {
        lock.lock()
        handlers.append(handler)
        lock.unlock()
    }

    /// Tells every handler.
    public func post(_ event: Event) {
        lock.lock()
        let current = handlers
        lock.unlock()
        for handler in current { handler(event) }
    }
}
