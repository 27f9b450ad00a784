import Foundation

/// An outbound HTTP request (to an upstream provider, Zitadel, or a cockpit server in remote mode).
public struct HTTPClientRequest: Sendable {
    public var url: String
    public var method: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Time allowed to connect.
    public var connectTimeout: TimeInterval
    /// Time allowed for the whole exchange, body included.
    public var timeout: TimeInterval
    /// The largest whole answer read (a streamed answer is read piece by piece and not capped here); a larger one
    /// fails with `responseTooLarge`.
    public var maxResponseBytes = HTTPClientRequest.defaultMaxResponseBytes
    /// When set, the client connects only to addresses this policy allows (checked on the resolved address right
    /// before the socket opens), directly (no proxy), over http or https, following no redirect.
    public var addressPolicy: UpstreamAddressPolicy?

    /// 32 MiB: a batch of embeddings fits; a runaway answer does not.
    public static let defaultMaxResponseBytes = 32 << 20

    public init(
        url: String, method: String = "GET", headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
        connectTimeout: TimeInterval = 5, timeout: TimeInterval = 60
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// The status line and headers of a response.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    /// Header names lower-cased, in arrival order.
    public var headers: [(name: String, value: String)]

    /// The first value of a header (name compared case-insensitively).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    public static func == (a: HTTPResponseHead, b: HTTPResponseHead) -> Bool {
        a.status == b.status && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

/// A whole response.
public struct HTTPClientResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: [UInt8]

    /// The status code.
    public var status: Int { head.status }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why an outbound request failed before a response arrived (an HTTP error status is a response, not this).
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectFailed(String)
    case timedOut
    case cancelled
    case transport(String)
    case invalidRequest(String)
    /// The answer was larger than the request's `maxResponseBytes`.
    case responseTooLarge(limit: Int)
    /// The address the host resolved to is not allowed by the request's `addressPolicy`.
    case addressRefused(String)

    public var description: String {
        switch self {
        case .connectFailed(let m): "could not connect: \(m)"
        case .timedOut: "the request timed out"
        case .cancelled: "the request was cancelled"
        case .transport(let m): "transfer failed: \(m)"
        case .invalidRequest(let m): "invalid request: \(m)"
        case .responseTooLarge(let limit): "the answer is larger than \(limit) bytes"
        case .addressRefused(let address):
            "\(address) is an address inside the network, which this request may not reach"
        }
    }
}
