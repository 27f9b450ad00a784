import Foundation

/// Runs a connection test's one request through the project's HTTP client, bounded: 5 s in all by default (connecting
/// included), at most 64 KiB of the answer read, no redirect followed, and, unless the operator allows the host by
/// name, only addresses `UpstreamAddressPolicy` allows (checked on the address the name resolves to as the socket
/// opens, as for an account's models). Details never repeat the secret: any of its texts is replaced by `***`.
struct ConnectionTester: Sendable {
    static let maxRead = 64 * 1024
    /// One client for every test (its I/O thread starts with the first).
    static let http = CurlHTTPClient(maxConnections: 64)

    let policy: UpstreamAddressPolicy
    /// How long the test may take, connection included (COCKPIT_CONNECTION_TEST_TIMEOUT).
    var timeoutSeconds = 5
    var timeout: TimeInterval { TimeInterval(timeoutSeconds) }
    var client: CurlHTTPClient = Self.http

    func run(_ plan: ConnectionTestPlan) async -> ConnectionHealth {
        var request = HTTPClientRequest(
            url: plan.url, method: plan.method, headers: plan.headers, body: plan.body,
            connectTimeout: timeout, timeout: timeout)
        let host = URL(string: plan.url)?.host ?? ""
        request.addressPolicy = policy.allowsHost(host) ? nil : policy
        let start = ContinuousClock.now
        var status = 0
        var verdict: (ConnectionHealth.Status, String)
        do {
            let (head, body) = try await client.stream(request)
            status = head.status
            let isStream = head.header("content-type")?.lowercased().contains("text/event-stream") == true
            let bytes = try await Self.read(body, untilEvent: plan.kind == .mcp && isStream)
            verdict = ConnectionTestAnswer.judge(plan.kind, status: status, body: bytes, eventStream: isStream)
        } catch let error as HTTPClientError {
            verdict = judge(error)
        } catch {
            verdict = (.error, "the request failed")
        }
        let elapsed = start.duration(to: .now).components
        let ms = Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000)
        return ConnectionHealth(status: verdict.0, latencyMs: max(0, ms), detail: Self.redact(verdict.1, plan.secrets))
    }

    /// The answer's first bytes (at most `maxRead`); for an event stream, up to the end of its first event. The
    /// transfer is stopped once enough is read.
    static func read(_ body: HTTPBodyStream, untilEvent: Bool) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        defer { body.cancel() }
        for try await chunk in body {
            bytes += chunk
            if bytes.count >= maxRead { return Array(bytes.prefix(maxRead)) }
            if untilEvent, ConnectionTestAnswer.firstEvent(bytes) != nil { return bytes }
        }
        return bytes
    }

    /// A failure before any answer, in the test's words.
    func judge(_ error: HTTPClientError) -> (ConnectionHealth.Status, String) {
        switch error {
        case .timedOut: return (.timedOut, "no answer within \(timeoutSeconds) s")
        case .addressRefused(let address):
            return (
                .refused,
                "\(address) is an address inside the network, which account connections may not reach (an operator "
                    + "can allow it with COCKPIT_UPSTREAM_ALLOW)"
            )
        case .connectFailed(let message):
            if message.lowercased().contains("resolve") { return (.error, "the host name does not resolve") }
            return (.refused, "the connection was refused")
        case .invalidRequest: return (.error, "the URL cannot be requested (http or https only)")
        case .responseTooLarge, .transport, .cancelled: return (.error, error.description)
        }
    }

    /// `text` with every secret text replaced by `***`.
    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
