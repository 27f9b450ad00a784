import Foundation
import Logging

/// A gateway with its background work: the registry's store poll and the spend writer's loop. `serve` starts one;
/// tests start one per server.
public final class GatewayRuntime: Sendable {
    public let gateway: Gateway
    /// Config warnings (unknown keys…), logged once at start.
    public let warnings: [String]
    private let tasks: LockedBox<[Task<Void, Never>]>
    private let http: CurlHTTPClient
    private let retentionDays: Int?

    /// Builds the gateway from the settings and an optional LiteLLM config: REDIS_URL picks shared counters,
    /// spill files go under COCKPIT_HOME.
    public init(
        cockpit: Cockpit, authenticator: Authenticator, config: GatewayConfig = GatewayConfig(),
        spillPath: String? = nil,
        logger: Logger = Logger(label: "cockpit.gateway")
    ) throws {
        let counters: any LimitCounters
        if let url = cockpit.settings["REDIS_URL"] {
            counters = try RedisLimitCounters(url: url, logger: logger)
        } else {
            counters = InMemoryLimitCounters()
        }
        http = CurlHTTPClient()
        let spill = spillPath ?? Self.defaultSpillPath(cockpit.settings)
        let spend = SpendWriter(
            database: cockpit.database, spillPath: spill, interval: config.spendBatchInterval ?? 1, logger: logger)
        gateway = Gateway(
            cockpit: cockpit, authenticator: authenticator,
            registry: ModelRegistry(
                config: config.deployments, database: cockpit.database, secretBox: cockpit.context.secretBox,
                defaultTimeout: config.router.timeout ?? Deployment.defaultTimeout, logger: logger),
            router: DeploymentRouter(settings: config.router), http: http, counters: counters, spend: spend,
            options: ProviderOptions(
                dropParams: config.dropParams, upstreamPolicy: try cockpit.settings.upstreamPolicy(),
                maxResponseBytes: try cockpit.settings.upstreamMaxBodyBytes()),
            configGuardrails: config.guardrails.map(\.preset), logger: logger)
        var warnings = config.warnings
        if let raw = cockpit.settings["SPEND_LOG_RETENTION_DAYS"] {
            if let days = Int(raw), days > 0 {
                retentionDays = days
            } else {
                retentionDays = nil
                warnings.append("SPEND_LOG_RETENTION_DAYS must be a whole number of days above 0; spend rows are kept")
            }
        } else {
            retentionDays = nil
        }
        self.warnings = warnings
        tasks = LockedBox([])
    }

    /// Loads the store's models, then starts the poll, the spend writer and (with SPEND_LOG_RETENTION_DAYS) retention.
    public func start(pollInterval: TimeInterval = 2) async throws {
        try await gateway.registry.refresh()
        let poll = gateway.registry.startPolling(every: pollInterval)
        let writer = gateway.spend.start()
        tasks.mutate { $0 += [poll, writer] }
        tasks.mutate { $0.append(gateway.spend.startMaintenance(retentionDays: retentionDays)) }
    }

    /// Stops the background work and writes the last spend rows (to the spill file when the store is down).
    public func shutdown() async {
        for task in tasks.mutate({
            let t = $0; $0 = []; return t
        }) { task.cancel() }
        await gateway.spend.shutdown()
        http.shutdown()
    }

    /// Where spend rows go while the store is down: `spend-spill.jsonl` under COCKPIT_HOME (its dead-letter file
    /// beside it).
    public static func defaultSpillPath(_ settings: Settings) -> String {
        (settings.home as NSString).appendingPathComponent("spend-spill.jsonl")
    }
}
