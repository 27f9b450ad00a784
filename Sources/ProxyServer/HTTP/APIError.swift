import CockpitCore
import Foundation
import Hummingbird

/// The control plane's error shape, `{"detail": "<message>"}`, and the one mapping from core errors to statuses.
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let detail: String
    /// Seconds for a `Retry-After` header (a throttled sign-in).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ detail: String, retryAfter: Int? = nil) {
        self.status = status
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The status and message for any error a route can throw. Unknown errors become a 500 without internals.
    static func from(_ error: Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as CockpitError:
            switch e {
            case .invalid, .badRequest: return APIError(.badRequest, e.message)
            case .upstream: return APIError(.badGateway, e.message)
            case .notFound, .nothingFound: return APIError(.notFound, e.message)
            case .conflict: return APIError(.conflict, e.message)
            case .forbidden, .accountContextRequired: return APIError(.forbidden, e.message)
            case .accountInactive: return APIError(.forbidden, e.message)
            case .unauthenticated: return APIError(.unauthorized, e.message)
            case .unavailable: return APIError(.serviceUnavailable, e.message)
            }
        case let e as LoginThrottle.Locked:
            return APIError(
                .tooManyRequests, "too many failed sign-ins; try again in \(e.retryAfter) s", retryAfter: e.retryAfter)
        case let e as ZitadelAPIError:
            // Provisioning steps are ensures, so a refused call is always safe to repeat.
            return APIError(
                .badGateway, "Zitadel refused a provisioning call (\(e.status), code \(e.code)); run it again to resume"
            )
        case let e as StorageError:
            if e.isConnectionLoss {
                return APIError(.serviceUnavailable, "the store is unavailable; try again shortly")
            }
            return APIError(.internalServerError, "internal error")
        case let e as HTTPError:
            switch e.status {
            case .contentTooLarge: return APIError(.contentTooLarge, "request body is larger than the configured limit")
            case .notFound: return APIError(.notFound, "no such route")
            default: return APIError(e.status, e.body ?? e.status.reasonPhrase)
            }
        default:
            return APIError(.internalServerError, "internal error")
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = WireJSON.response(["detail": detail], status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
