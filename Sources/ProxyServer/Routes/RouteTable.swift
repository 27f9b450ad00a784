import CockpitCore
import Foundation
import Hummingbird
import HTTPTypes

/// One registered route, as the OpenAPI check and the tenant-isolation walker read it.
public struct RouteInfo: Sendable, Hashable, CustomStringConvertible {
    public let method: String
    /// The path with `{name}` placeholders.
    public let path: String
    /// What the route needs; nil for a public route.
    public let permission: Permission?
    /// How the route reports errors: `{"detail"}` on the control plane, OpenAI's `{"error": {…}}` on the gateway and
    /// the LiteLLM-compatible management API.
    public var openAIErrors = false

    public var description: String { "\(method) \(path)" }
}

/// Registers routes with the permission each needs. Authentication and the policy check happen here, in one
/// place, before any handler runs: a handler receives a principal that holds its permission.
final class RouteTable: @unchecked Sendable {
    let router: Router<CockpitRequestContext>
    let authenticator: Authenticator
    private(set) var routes: [RouteInfo] = []

    init(router: Router<CockpitRequestContext>, authenticator: Authenticator) {
        self.router = router
        self.authenticator = authenticator
    }

    /// A route that needs `permission`.
    func add(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
             _ handler: @escaping @Sendable (Request, CockpitRequestContext, Principal) async throws -> Response) {
        routes.append(RouteInfo(method: method.rawValue, path: path, permission: permission))
        let authenticator = self.authenticator
        router.on(RouterPath(path), method: method) { request, context in
            let principal = try await authenticator.authenticate(credential: Credentials.from(request.headers),
                                                                 accountHeader: request.headers[Credentials.accountHeader])
            try Policy.check(principal, permission)
            return try await handler(request, context, principal)
        }
    }

    /// A gateway route: it authenticates its own callers (virtual keys and the master key) and answers every error
    /// in OpenAI's envelope.
    func addGateway(_ method: HTTPRequest.Method, _ path: String,
                    _ handler: @escaping @Sendable (Request, CockpitRequestContext) async throws -> Response) {
        var info = RouteInfo(method: method.rawValue, path: path, permission: .authenticated)
        info.openAIErrors = true
        routes.append(info)
        router.on(RouterPath(path), method: method) { request, context in
            do { return try await handler(request, context) } catch { return GatewayRoutes.errorResponse(error) }
        }
    }

    /// A LiteLLM-compatible management route: authenticated and checked like a control-plane route, errors in
    /// OpenAI's envelope as LiteLLM answers them.
    func addLiteLLM(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
                    _ handler: @escaping @Sendable (Request, CockpitRequestContext, Principal) async throws -> Response) {
        var info = RouteInfo(method: method.rawValue, path: path, permission: permission)
        info.openAIErrors = true
        routes.append(info)
        let authenticator = self.authenticator
        router.on(RouterPath(path), method: method) { request, context in
            do {
                let principal = try await authenticator.authenticate(credential: Credentials.from(request.headers),
                                                                     accountHeader: request.headers[Credentials.accountHeader])
                // A super-admin may name the account in the body (LiteLLMAccount), so only others are checked here.
                if !principal.isSuperAdmin { try Policy.check(principal, permission) }
                return try await handler(request, context, principal)
            } catch {
                return GatewayRoutes.errorResponse(error)
            }
        }
    }

    /// A route open to anyone (health, metrics, login).
    func addPublic(_ method: HTTPRequest.Method, _ path: String,
                   _ handler: @escaping @Sendable (Request, CockpitRequestContext) async throws -> Response) {
        routes.append(RouteInfo(method: method.rawValue, path: path, permission: nil))
        router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
    }
}

/// Where credentials come from: `Authorization: Bearer`, or the API-key headers LiteLLM clients send.
enum Credentials {
    static let accountHeader = HTTPField.Name("X-Account-Id")!
    private static let keyHeaders: [HTTPField.Name] = ["api-key", "x-api-key", "x-goog-api-key", "x-litellm-api-key"].compactMap { HTTPField.Name($0) }

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
