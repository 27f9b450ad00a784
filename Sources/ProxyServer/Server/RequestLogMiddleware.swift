import Foundation
import Hummingbird
import Logging

/// One log line per request at `level` (debug unless LOG_LEVEL says otherwise): method, path and status. Never the
/// query string (LiteLLM's GET routes take `key` / `api_key` there) and never a header or a body.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    let level: Logger.Level

    init(_ level: Logger.Level) { self.level = level }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            context.logger.log(
                level: level, "request", metadata: Self.metadata(request, status: Int(response.status.code)))
            return response
        } catch {
            context.logger.log(level: level, "request failed", metadata: Self.metadata(request, status: nil))
            throw error
        }
    }

    /// What is logged of a request: its method and its path without the query.
    static func metadata(_ request: Request, status: Int?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["method": "\(request.method.rawValue)", "path": "\(request.uri.path)"]
        if let status { metadata["status"] = "\(status)" }
        return metadata
    }
}
