import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird

/// Puts the request id on every response (`x-request-id`) and turns every error into the `{"detail"}` shape
/// with its status, so no stack trace or internal message ever reaches a client.
struct ErrorAndRequestIDMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    static let requestIDHeader = HTTPField.Name("x-request-id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))", "status": "\(apiError.status.code)"])
            }
            response = try apiError.response(from: request, context: context)
        }
        response.headers[Self.requestIDHeader] = context.id
        return response
    }
}
