import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Metrics

/// Request metrics under Hummingbird's names and dimensions (`hb.requests`, `http.server.request.duration`,
/// `hb.request.errors`, `http.server.active_requests`), so `/metrics` reads the same. Hummingbird's own middleware
/// wraps every response body in a closure to record after the write; that turns the one write of a whole response
/// into three hand-offs to the event loop (head, body, end): a context switch and a system call more per request
/// (counted on the gateway). Here a body whose length is known (already in memory) is recorded when the handler
/// returns, so its write is not timed; only a streamed body is wrapped, and timed to its end.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    private let cache = RequestMetricsCache()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let active = cache.active(request.method)
        active.increment()
        do {
            var response = try await next(request, context)
            let endpoint = context.endpointPath ?? "Unknown"
            let (cache, status) = (cache, response.status)
            if response.body.contentLength != nil {
                cache.record(endpoint, request.method, status, since: started)
                active.decrement()
            } else {
                let body = response.body
                response.body = ResponseBody { writer in
                    defer {
                        cache.record(endpoint, request.method, status, since: started)
                        active.decrement()
                    }
                    try await body.write(writer)
                }
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            cache.recordError(context.endpointPath ?? "NotFound", request.method, status)
            active.decrement()
            throw error
        }
    }
}

/// The metric objects per method and per (endpoint, method, status), made once.
final class RequestMetricsCache: @unchecked Sendable {
    private struct EndpointKey: Hashable {
        let endpoint: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private struct EndpointMetrics {
        let requests: Counter
        let duration: Timer
        let errors: Counter
    }

    private let lock = NSLock()
    private var methods: [HTTPRequest.Method: Meter] = [:]
    private var endpoints: [EndpointKey: EndpointMetrics] = [:]

    func active(_ method: HTTPRequest.Method) -> Meter {
        lock.withLock {
            if let meter = methods[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method.description)])
            methods[method] = meter
            return meter
        }
    }

    func record(_ endpoint: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status, since started: UInt64)
    {
        let metrics = self.metrics(endpoint, method, status)
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
    }

    func recordError(_ endpoint: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) {
        let metrics = self.metrics(endpoint, method, status)
        metrics.requests.increment()
        metrics.errors.increment()
    }

    private func metrics(
        _ endpoint: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status
    ) -> EndpointMetrics {
        let key = EndpointKey(endpoint: endpoint, method: method, status: status)
        return lock.withLock {
            if let metrics = endpoints[key] { return metrics }
            let dimensions = [
                ("http.route", endpoint), ("http.request.method", method.description),
                ("http.response.status_code", status.code.description),
            ]
            let metrics = EndpointMetrics(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                duration: Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                errors: Counter(
                    label: "hb.request.errors",
                    dimensions: [
                        ("http.route", endpoint), ("http.request.method", method.description),
                        ("error.type", status.code.description),
                    ]))
            endpoints[key] = metrics
            return metrics
        }
    }
}
