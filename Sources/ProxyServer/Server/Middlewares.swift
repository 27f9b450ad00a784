import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird

/// Puts the request id on every response (`x-request-id`) and turns every error into the `{"detail"}` shape
/// with its status, so no stack trace or internal message ever reaches a client.
struct ErrorAndRequestIDMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    static let requestIDHeader = HTTPField.Name("x-request-id")!

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["error": "\(String(reflecting: type(of: error)))", "status": "\(apiError.status.code)"])
            }
            if OpenAIErrorPaths.matches(request.uri.path) {
                response = GatewayRoutes.errorResponse(
                    GatewayError(
                        status: Int(apiError.status.code), message: apiError.detail,
                        type: apiError.status.code == 413 ? "invalid_request_error" : "api_error"))
            } else {
                response = try apiError.response(from: request, context: context)
            }
        }
        response.headers[Self.requestIDHeader] = context.id
        return response
    }
}

/// Paths whose errors use OpenAI's envelope (the gateway and the LiteLLM management API), also for errors raised
/// before their handler runs (413, unknown methods).
enum OpenAIErrorPaths {
    static let prefixes = [
        "/v1/chat/", "/chat/", "/v1/completions", "/completions", "/v1/embeddings", "/embeddings", "/v1/models",
        "/models",
        "/openai/", "/key/", "/user/", "/team/", "/organization/", "/model/", "/spend/", "/global/",
    ]

    static func matches(_ path: String) -> Bool { prefixes.contains { path.hasPrefix($0) } }
}

/// Refuses bodies over the configured limit with 413 before any handler or role check runs, whatever the method
/// (a GET with a body is read too, up to the limit): the body is collected here and handlers read the collected
/// buffer through `RequestBody.collect`, which holds them to the same limit.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    let maxBytes: Int

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.maxUploadSize = maxBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw RequestBody.tooLarge(maxBytes)
        }
        var request = request
        do { _ = try await request.collectBody(upTo: maxBytes) } catch { throw RequestBody.tooLarge(maxBytes) }
        return try await next(request, context)
    }
}

/// The one way a handler reads a request body: within the server's limit (413 beyond).
enum RequestBody {
    static func collect(_ request: Request, _ context: CockpitRequestContext) async throws -> ByteBuffer {
        var request = request
        do { return try await request.collectBody(upTo: context.maxUploadSize) } catch {
            throw tooLarge(context.maxUploadSize)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "request body is larger than the configured limit (\(limit) bytes)")
    }
}
