import CockpitCore
import Foundation
import Hummingbird
import HTTPTypes

/// One registered route, as the OpenAPI check and the tenant-isolation walker read it.
public struct RouteInfo: Sendable, Hashable, CustomStringConvertible {
    public let method: String
    /// The path with `{name}` placeholders.
    public let path: String
    /// True when the route needs credentials (everything but health, metrics and login). Which permission it needs
    /// is the core's business: the service it calls checks it.
    public let signedIn: Bool
    /// How the route reports errors: `{"detail"}` on the control plane, OpenAI's `{"error": {…}}` on the gateway and
    /// the LiteLLM-compatible management API.
    public var openAIErrors = false
    /// True for the OpenAI-compatible gateway routes, whose unknown body fields go to the upstream as sent (the
    /// control plane and the LiteLLM management routes name or refuse theirs instead).
    public var gateway = false

    public var description: String { "\(method) \(path)" }
}

/// Registers routes. A signed-in route authenticates its caller here, in one place, and hands its handler the core
/// acting for that caller (`Cockpit.acting(as:)`): every service the handler calls checks its own permission against
/// the caller, so no route states or checks one.
final class RouteTable: @unchecked Sendable {
    let router: Router<CockpitRequestContext>
    let authenticator: Authenticator
    private(set) var routes: [RouteInfo] = []

    init(router: Router<CockpitRequestContext>, authenticator: Authenticator) {
        self.router = router
        self.authenticator = authenticator
    }

    /// A control-plane route for signed-in callers.
    func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, CockpitRequestContext, Cockpit) async throws -> Response
    ) {
        routes.append(RouteInfo(method: method.rawValue, path: path, signedIn: true))
        router.on(RouterPath(path), method: method) { [authenticator] request, context in
            try await handler(request, context, try await Self.caller(request, context, authenticator))
        }
    }

    /// A gateway route: it authenticates its own callers (virtual keys and the master key) and answers every error
    /// in OpenAI's envelope.
    func addGateway(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, CockpitRequestContext) async throws -> Response
    ) {
        var info = RouteInfo(method: method.rawValue, path: path, signedIn: true)
        info.openAIErrors = true
        info.gateway = true
        routes.append(info)
        router.on(RouterPath(path), method: method) { request, context in
            do { return try await handler(request, context) } catch { return GatewayRoutes.errorResponse(error) }
        }
    }

    /// A LiteLLM-compatible management route: authenticated like a control-plane route, errors in OpenAI's envelope
    /// as LiteLLM answers them.
    func addLiteLLM(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, CockpitRequestContext, Cockpit) async throws -> Response
    ) {
        var info = RouteInfo(method: method.rawValue, path: path, signedIn: true)
        info.openAIErrors = true
        routes.append(info)
        router.on(RouterPath(path), method: method) { [authenticator] request, context in
            do {
                return try await handler(request, context, try await Self.caller(request, context, authenticator))
            } catch {
                return GatewayRoutes.errorResponse(error)
            }
        }
    }

    /// A route open to anyone (health, metrics, login).
    func addPublic(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, CockpitRequestContext) async throws -> Response
    ) {
        routes.append(RouteInfo(method: method.rawValue, path: path, signedIn: false))
        router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
    }

    /// The core acting for the request's caller.
    private static func caller(
        _ request: Request, _ context: CockpitRequestContext, _ authenticator: Authenticator
    ) async throws -> Cockpit {
        let principal = try await authenticator.authenticate(
            credential: Credentials.from(request.headers),
            accountHeader: request.headers[Credentials.accountHeader])
        return authenticator.cockpit.acting(as: principal.serving(request: context.id))
    }
}

/// Where credentials come from: `Authorization: Bearer`, or the API-key headers LiteLLM clients send.
enum Credentials {
    static let accountHeader = HTTPField.Name("X-Account-Id")!
    private static let keyHeaders: [HTTPField.Name] = ["api-key", "x-api-key", "x-goog-api-key", "x-litellm-api-key"]
        .compactMap { HTTPField.Name($0) }

    static func from(_ headers: HTTPFields) -> String? {
        if let auth = headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return auth
        }
        for name in keyHeaders { if let value = headers[name] { return value } }
        return nil
    }
}
