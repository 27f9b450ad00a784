import CockpitCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// The request fields a `/v1` handler did not take. The original system ignored unknown fields and its clients may
/// send some, so by default they are accepted but never silent: the answer names them in `x-cockpit-ignored-fields`
/// and the server warns once per route and field. With COCKPIT_STRICT_FIELDS they are refused (400) instead.
final class IgnoredFields: Sendable {
    private let names = Mutex<[String]>([])
    private let pending = Mutex<[@Sendable () -> [String]]>([])

    /// Records fields a body carried that its route does not take.
    func add(_ fields: [String]) { names.withLock { $0 += fields.filter { !$0.isEmpty } } }

    /// Fields known only once the handler is done (a LiteLLM call's fields it never read).
    func addLater(_ fields: @escaping @Sendable () -> [String]) { pending.withLock { $0.append(fields) } }

    /// The fields recorded so far, each once, in the order first seen.
    var all: [String] {
        let later = pending.withLock { $0 }.flatMap { $0() }
        return names.withLock { list in
            var seen = Set<String>()
            return (list + later).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
    }
}

/// Sets the request's field policy (strict or not) and, after the handler, names the ignored fields in the answer's
/// `x-cockpit-ignored-fields` header and logs a warning the first time a route ignores a field name.
struct IgnoredFieldsMiddleware: RouterMiddleware {
    typealias Context = CockpitRequestContext
    static let header = HTTPField.Name("x-cockpit-ignored-fields")!
    /// Route and field pairs already warned about; bounded, so hostile field names cannot grow it without end.
    static let warned = Mutex<Set<String>>([])
    static let maxWarned = 1_000
    let strict: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.strictFields = strict
        var response = try await next(request, context)
        let ignored = context.ignoredFields.all
        guard !ignored.isEmpty else { return response }
        response.headers[Self.header] = ignored.joined(separator: ", ")
        let route = "\(request.method) \(context.endpointPath ?? request.uri.path)"
        for field in ignored where Self.firstWarning(route, field) {
            context.logger.warning(
                "a request field this route does not take was ignored (COCKPIT_STRICT_FIELDS=true refuses it)",
                metadata: ["route": "\(route)", "field": "\(field.prefix(64))"])
        }
        return response
    }

    /// True the first time this route ignores this field (and while fewer than `maxWarned` pairs were seen).
    static func firstWarning(_ route: String, _ field: String) -> Bool {
        warned.withLock { seen in
            guard seen.count < maxWarned else { return false }
            return seen.insert("\(route) \(field)").inserted
        }
    }
}
