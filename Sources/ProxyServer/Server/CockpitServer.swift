import CockpitCore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Metrics
import NIOCore
import Prometheus

/// How `cockpit serve` listens.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Request bodies larger than this are refused with 413.
    public var maxBodyBytes: Int
    /// Seconds a connection may sit idle, or take to send a request's headers, before it is closed.
    public var idleTimeout: TimeInterval
    /// Open connections beyond this get a 503 and are closed.
    public var maxConnections: Int
    /// Refuse a `/v1` body field the route does not take (COCKPIT_STRICT_FIELDS) instead of ignoring it aloud.
    public var strictFields = false
    /// Serve even when the PostgreSQL role bypasses row-level security (logged as an error).
    public var allowRLSBypass = false
    public var version: String

    public init(
        host: String = "127.0.0.1", port: Int = 4000, maxBodyBytes: Int = 1 << 20, idleTimeout: TimeInterval = 60,
        maxConnections: Int = 4_096, version: String = CockpitServer.version
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.version = version
    }
}

/// The headless server: the `/v1` control plane, login, health and metrics over one `Cockpit`.
public enum CockpitServer {
    /// The version `/health/readiness` reports.
    public static let version = "0.2.0"

    /// The Prometheus registry behind `/metrics`; swift-metrics is bootstrapped onto it once per process.
    public static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The router with every route registered, and the list of routes (for the OpenAPI check and the walker).
    public static func router(
        cockpit: Cockpit, authenticator: Authenticator, gateway: Gateway? = nil,
        options: ServerOptions = ServerOptions()
    )
        -> (router: Router<CockpitRequestContext>, routes: [RouteInfo])
    {
        let router = Router(context: CockpitRequestContext.self)
        // Outermost first: metrics see the final status that the error middleware produced.
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: ErrorAndRequestIDMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: options.maxBodyBytes))
        router.add(middleware: IgnoredFieldsMiddleware(strict: options.strictFields))
        router.add(middleware: RequestLogMiddleware(.debug))
        let table = RouteTable(router: router, authenticator: authenticator)
        HealthRoutes.register(table, cockpit: cockpit, gateway: gateway, registry: metrics, version: options.version)
        SessionRoutes.register(table)
        AccountRoutes.register(table)
        AccountAdminRoutes.register(table)
        AccountSSORoutes.register(table)
        ModelCatalogRoutes.register(table)
        TreeRoutes.register(table)
        UserRoutes.register(table)
        AccessRoutes.register(table)
        BudgetRoutes.register(table)
        CreditRoutes.register(table)
        GuardrailRoutes.register(table)
        AgentRoutes.register(table)
        ConnectionRoutes.register(table)
        MarketplaceRoutes.register(table)
        KeyRoutes.register(table)
        ReportRoutes.register(table)
        ZitadelRoutes.register(table)
        KeyManagementRoutes.register(table)
        KeyLongTailRoutes.register(table)
        UserManagementRoutes.register(table)
        TeamManagementRoutes.register(table)
        TeamLongTailRoutes.register(table)
        TeamBlockRoutes.register(table)
        OrganizationMemberRoutes.register(table)
        OrganizationManagementRoutes.register(table)
        ModelManagementRoutes.register(table)
        SpendManagementRoutes.register(table)
        SpendReportRoutes.register(table)
        CustomerManagementRoutes.register(table)
        BudgetManagementRoutes.register(table)
        if let gateway {
            GatewayRoutes.register(table, gateway: gateway)
            ModelGroupRoutes.register(table, gateway: gateway)
        }
        return (router, table.routes)
    }

    /// HTTP/1 with the connection limits: the idle timeout (which also bounds how long a client may take to send a
    /// request's headers, since it runs from the connection's start or the last response until a whole head has
    /// arrived) and the cap on open connections.
    public static func httpServer(_ options: ServerOptions) -> HTTPServerBuilder {
        let limiter = ConnectionLimiter(limit: options.maxConnections)
        let idle = TimeAmount.milliseconds(Int64(CheckedNumber.clamped(options.idleTimeout * 1000, to: 1...86_400_000)))
        return .http1(
            configuration: .init(additionalChannelHandlers: [ConnectionLimitHandler(limiter)], idleTimeout: idle))
    }

    /// The session signer from COCKPIT_SESSION_SECRET; without it, a random secret for this process (sessions then
    /// end with a restart and do not cross instances), with a warning.
    public static func sessions(settings: Settings, logger: Logger) throws -> SessionTokens {
        if let secret = settings["COCKPIT_SESSION_SECRET"] { return try SessionTokens(secret: secret) }
        logger.warning("COCKPIT_SESSION_SECRET is not set: using a random secret; sessions end when this process stops")
        return try SessionTokens(secret: KeyGenerator.newKey())
    }

    /// Runs the server until SIGTERM or SIGINT: then it stops accepting, finishes in-flight requests and returns.
    /// Refuses a store whose schema is behind, naming the command that fixes it.
    public static func run(
        cockpit: Cockpit, options: ServerOptions, gatewayConfig: GatewayConfig = GatewayConfig(), logger: Logger
    ) async throws {
        try await cockpit.requireMigrated()
        if try await cockpit.rowSecurityBypassed() {
            guard options.allowRLSBypass else {
                throw CockpitError.invalid(
                    field: "DATABASE_URL",
                    reason: "connects as a PostgreSQL superuser or a role with BYPASSRLS, so row-level "
                        + "security (the second tenant wall) would not apply; connect as an ordinary role that owns the schema "
                        + "(see README), or pass --allow-rls-bypass to serve anyway")
            }
            logger.error(
                "serving with row-level security bypassed (--allow-rls-bypass): the PostgreSQL role is a superuser or has BYPASSRLS"
            )
        }
        let zitadel = try ZitadelSettings(settings: cockpit.settings).map {
            ZitadelVerifier(settings: $0, http: CurlHTTPClient())
        }
        let authenticator = Authenticator(
            cockpit: cockpit, sessions: try sessions(settings: cockpit.settings, logger: logger), zitadel: zitadel)
        let runtime = try GatewayRuntime(
            cockpit: cockpit, authenticator: authenticator, config: gatewayConfig, logger: logger)
        for warning in runtime.warnings { logger.warning("\(warning)") }
        try await runtime.start()
        let (router, routes) = Self.router(
            cockpit: cockpit, authenticator: authenticator, gateway: runtime.gateway, options: options)
        let app = Application(
            router: router, server: httpServer(options),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "cockpit"),
            logger: logger)
        logger.info(
            "cockpit serving",
            metadata: [
                "address": "\(options.host):\(options.port)", "store": "\(cockpit.database.location)",
                "routes": "\(routes.count)",
            ])
        logger.info(
            "gateway ready",
            metadata: [
                "models": "\(runtime.gateway.registry.all.count) deployments",
                "limits": "\(runtime.gateway.counters.status)",
            ])
        do { try await app.runService() } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
        await cockpit.database.close()
    }
}
