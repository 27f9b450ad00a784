import Foundation

/// An error in OpenAI's envelope, `{"error": {"message", "type", "param", "code"}}`, where `code` is the HTTP status
/// as text and the response status matches it. Upstream errors keep the upstream status.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var type: String
    public var param: String?
    /// True when another deployment may succeed (5xx, 429, timeouts, connection failures).
    public var retryable: Bool
    /// True when the deployment should cool down (429, 401, 404, 408, connection failures).
    public var coolsDown: Bool
    /// True when the upstream was called but its answer cannot be charged as reported (absurd usage): the
    /// request is charged at its estimate instead of nothing.
    public var chargesEstimate = false
    /// The envelope's `code` when it is not the status (`content_policy_violation` for a guardrail's refusal).
    public var code: String?

    public init(
        status: Int, message: String, type: String, param: String? = nil, retryable: Bool = false,
        coolsDown: Bool = false
    ) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.retryable = retryable
        self.coolsDown = coolsDown
    }

    public var description: String { "\(status) \(type): \(message)" }

    /// The JSON body of the envelope.
    public var body: [UInt8] {
        let param = self.param.map { JSONValue.string($0) } ?? .null
        let error: JSONValue = [
            "message": .string(message), "type": .string(type), "param": param, "code": .string(code ?? String(status)),
        ]
        return (try? FastJSONEncoder.encode(JSONValue.object(["error": error]))) ?? []
    }

    public static func invalid(_ message: String, param: String? = nil) -> GatewayError {
        GatewayError(status: 400, message: message, type: "invalid_request_error", param: param)
    }
    /// A guardrail refused the text: 400, `code: content_policy_violation`, naming the preset and pattern and never
    /// the matched text.
    public static func contentPolicy(_ refusal: GuardrailRefusal) -> GatewayError {
        var error = GatewayError(status: 400, message: refusal.message, type: "invalid_request_error")
        error.code = "content_policy_violation"
        return error
    }
    public static func unauthorized(_ message: String) -> GatewayError {
        GatewayError(status: 401, message: message, type: "authentication_error")
    }
    public static func forbidden(_ message: String) -> GatewayError {
        GatewayError(status: 403, message: message, type: "permission_error")
    }
    public static func unknownModel(_ name: String) -> GatewayError {
        GatewayError(
            status: 404, message: "model '\(name)' does not exist or is not available to this key",
            type: "invalid_request_error",
            param: "model")
    }
    public static func rateLimited(_ message: String) -> GatewayError {
        GatewayError(status: 429, message: message, type: "rate_limit_error")
    }
    public static func budgetExceeded(_ message: String) -> GatewayError {
        GatewayError(status: 429, message: message, type: "budget_exceeded")
    }
    public static func noHealthyDeployment(_ group: String) -> GatewayError {
        GatewayError(
            status: 429, message: "no healthy deployment for model '\(group)': every deployment is cooling down",
            type: "rate_limit_error")
    }
    public static func unavailable(_ message: String) -> GatewayError {
        GatewayError(status: 503, message: message, type: "service_unavailable")
    }

    /// An upstream answer whose usage cannot be true (a negative, fractional or gigantic token count).
    public static func absurdUsage(_ field: String) -> GatewayError {
        var error = GatewayError(
            status: 502, message: "the upstream reported an impossible \(field); the call is charged at its estimate",
            type: "api_error")
        error.chargesEstimate = true
        return error
    }

    /// The error for a failure to reach an upstream.
    public static func upstream(_ error: HTTPClientError) -> GatewayError {
        switch error {
        case .timedOut:
            GatewayError(
                status: 408, message: "the upstream did not answer in time", type: "timeout", retryable: true,
                coolsDown: true)
        case .connectFailed(let m):
            GatewayError(
                status: 502, message: "could not reach the upstream: \(m)", type: "api_connection_error",
                retryable: true, coolsDown: true)
        case .cancelled: GatewayError(status: 499, message: "the request was cancelled", type: "cancelled")
        case .transport(let m):
            GatewayError(
                status: 502, message: "upstream transfer failed: \(m)", type: "api_connection_error", retryable: true)
        case .invalidRequest(let m):
            GatewayError(status: 500, message: "could not build the upstream request: \(m)", type: "internal_error")
        case .responseTooLarge(let limit):
            GatewayError(
                status: 502,
                message: "the upstream's answer is larger than \(limit) bytes (COCKPIT_UPSTREAM_MAX_BODY_BYTES)",
                type: "api_error")
        case .addressRefused(let address):
            GatewayError(
                status: 502,
                message:
                    "the model's api_base resolves to \(address), inside the network, which account models may not "
                    + "reach (an operator can allow it with COCKPIT_UPSTREAM_ALLOW)", type: "api_connection_error")
        }
    }

    /// The error for an upstream answer with an error status; `message` is what the provider's body said.
    public static func upstream(status: Int, message: String, type: String?) -> GatewayError {
        GatewayError(
            status: status, message: message, type: type ?? (status >= 500 ? "api_error" : "invalid_request_error"),
            retryable: status == 429 || status == 408 || status >= 500,
            coolsDown: [401, 404, 408, 429].contains(status))
    }

    /// Maps core errors (store down, validation) into the envelope.
    public static func from(_ error: Error) -> GatewayError {
        switch error {
        case let e as GatewayError: return e
        case let e as HTTPClientError: return .upstream(e)
        case let e as CockpitError:
            switch e {
            case .invalid, .badRequest: return .invalid(e.description)
            case .upstream: return GatewayError(status: 502, message: e.description, type: "upstream_error")
            case .notFound, .nothingFound:
                return GatewayError(status: 404, message: e.description, type: "not_found_error")
            case .unauthenticated: return .unauthorized(e.description)
            case .forbidden, .accountInactive, .accountContextRequired: return .forbidden(e.description)
            case .conflict: return GatewayError(status: 409, message: e.description, type: "conflict_error")
            case .unavailable: return .unavailable(e.description)
            }
        case let e as StorageError:
            return e.isConnectionLoss
                ? .unavailable("the store is unavailable; try again shortly")
                : GatewayError(status: 500, message: "internal error", type: "internal_error")
        default: return GatewayError(status: 500, message: "internal error", type: "internal_error")
        }
    }
}
