import Foundation
import Logging

/// Who is calling the gateway: the master key (no limits, every global model) or a virtual key.
public struct GatewayCaller: Sendable {
    /// Nil for the master key.
    public var key: VirtualKey?
    public var accountID: UUID? { key?.accountID }

    public static let master = GatewayCaller(key: nil)
}

/// The AI gateway: OpenAI-compatible calls routed to providers, with virtual keys, model access, rate limits,
/// budgets, retries, fallbacks, cooldowns and spend. The HTTP routes are a thin face over this.
public final class Gateway: Sendable {
    public let cockpit: Cockpit
    public let registry: ModelRegistry
    public let router: DeploymentRouter
    public let spend: SpendWriter
    public let counters: any LimitCounters
    public let prices: PriceTable
    let authenticator: Authenticator
    let http: CurlHTTPClient
    let ledger: BudgetLedger
    let policies: GatewayPolicies
    let options: ProviderOptions
    let logger: Logger
    /// Guardrail hits and skipped patterns, for `/metrics`.
    public let guardrailMetrics = GuardrailMetrics()

    public init(
        cockpit: Cockpit, authenticator: Authenticator, registry: ModelRegistry, router: DeploymentRouter,
        http: CurlHTTPClient,
        counters: any LimitCounters, spend: SpendWriter, prices: PriceTable = .shipped,
        options: ProviderOptions = ProviderOptions(), configGuardrails: [GuardrailPreset] = [],
        logger: Logger = Logger(label: "cockpit.gateway")
    ) {
        self.cockpit = cockpit
        self.authenticator = authenticator
        self.registry = registry
        self.router = router
        self.http = http
        self.counters = counters
        self.spend = spend
        self.prices = prices
        self.options = options
        self.logger = logger
        ledger = BudgetLedger(database: cockpit.database)
        let (metrics, log) = (guardrailMetrics, logger)
        policies = GatewayPolicies(
            cockpit: cockpit, configGuardrails: configGuardrails,
            scanners: GuardrailScannerCache { skipped in
                metrics.countSkipped()
                log.warning(
                    "a stored guardrail pattern does not compile and is not applied",
                    metadata: [
                        "preset": "\(skipped.presetCode)", "pattern": "\(skipped.patternName)",
                        "reason": "\(skipped.reason)",
                    ])
            })
        let ledger = self.ledger
        spend.onRecorded { ledger.recorded($0) }
    }

    /// The caller behind a credential: the master key or a usable virtual key; anything else is refused with 401.
    public func caller(credential raw: String?) async throws -> GatewayCaller {
        guard let credential = raw?.trimmingSpacesAndTabs, !credential.isEmpty else {
            throw GatewayError.unauthorized("missing API key: send Authorization: Bearer sk-…")
        }
        if authenticator.isMasterKey(credential) { return .master }
        guard credential.hasPrefix("sk-") else {
            throw GatewayError.unauthorized("the gateway takes a virtual key (sk-…) or the master key")
        }
        do { return GatewayCaller(key: try await authenticator.virtualKey(secret: credential)) } catch {
            throw GatewayError.from(error)
        }
    }

    /// The model names this caller may use (`/v1/models`).
    public func models(for caller: GatewayCaller) async throws -> [String] {
        var names = registry.modelNames(account: caller.accountID)
        guard let key = caller.key else { return names }
        if !Self.allowsEveryModel(key) { names = names.filter { key.models.contains($0) } }
        guard let domain = key.domain else { return names }
        var allowed: [String] = []
        for name in names where try await policies.modelAccess(key: key, domain: domain, model: name).allowed {
            allowed.append(name)
        }
        return allowed
    }

    /// True when the key's model list puts no restriction.
    static func allowsEveryModel(_ key: VirtualKey) -> Bool {
        key.models.isEmpty || key.models.contains("*") || key.models.contains("all-proxy-models")
    }

    /// The adapter for a deployment, or mock when the request carries `mock_response`.
    func adapter(for deployment: Deployment, _ request: GatewayRequest) throws -> any ProviderAdapter {
        if request.mockResponse != nil { return MockProvider() }
        guard let adapter = Providers.adapter(for: deployment.provider) else {
            throw GatewayError(
                status: 500, message: "provider \(deployment.provider) is not supported", type: "internal_error")
        }
        return adapter
    }
}
