import Foundation

/// What testing a connection found (`POST /v1/copilot/connections/{id}/test`): one bounded request to it, how long it
/// took, and what came back, in words that never carry the connection's secret.
public struct ConnectionHealth: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The far end answered as that kind of connection should (a spec, an MCP initialize result, a valid key).
        case reachable
        /// Refused: the connection (nothing listens), the credentials (HTTP 401/403), or cockpit's outbound rules
        /// (the address the host resolved to).
        case refused
        /// No answer within the time cap.
        case timedOut = "timed_out"
        /// Anything else: an unexpected status or answer, a name that does not resolve, a configuration that names
        /// nothing to reach.
        case error
    }

    public var status: Status
    /// Milliseconds from the request's start to the end of what was read (0 when no request was made).
    public var latencyMs: Int
    public var detail: String

    public init(status: Status, latencyMs: Int, detail: String) {
        (self.status, self.latencyMs, self.detail) = (status, latencyMs, detail)
    }
}
