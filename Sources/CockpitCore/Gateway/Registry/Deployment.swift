import Foundation

/// One upstream the router may send a model group's requests to, ready to call: credentials resolved and
/// decrypted in memory (never logged, never returned by an API).
public struct Deployment: Sendable, Identifiable {
    /// Where a deployment was defined.
    public enum Source: String, Sendable { case config, store }

    /// Stable id: the store's id, or `config:<index>` for `config.yaml` entries (or `model_info.id` when given).
    public var id: String
    /// Nil for a global deployment, usable by every account.
    public var accountID: UUID?
    /// The public name (model group).
    public var modelName: String
    /// `openai`, `azure`, `anthropic`, `mock`, or an OpenAI-compatible provider name.
    public var provider: String
    /// The model name the upstream expects (the part after `provider/`).
    public var upstreamModel: String
    public var apiBase: String?
    public var apiKey: String?
    public var apiVersion: String?
    public var rpm: Int?
    public var tpm: Int?
    public var weight: Double
    /// Seconds allowed for a whole non-streaming call, and for a stream (between start and end).
    public var timeout: TimeInterval
    public var streamTimeout: TimeInterval
    /// The timeout of a deployment that names none, when the router settings name none either (LiteLLM's 600 s).
    public static let defaultTimeout: TimeInterval = 600
    /// Per-token prices from `model_info`; nil uses the price table.
    public var inputCostPerToken: Double?
    public var outputCostPerToken: Double?
    public var modelInfo: JSONValue
    public var source: Source

    public init(
        id: String, accountID: UUID? = nil, modelName: String, route: String, apiBase: String? = nil,
        apiKey: String? = nil,
        apiVersion: String? = nil, rpm: Int? = nil, tpm: Int? = nil, weight: Double = 1,
        timeout: TimeInterval = Deployment.defaultTimeout,
        streamTimeout: TimeInterval? = nil, modelInfo: JSONValue = .emptyObject, source: Source = .config
    ) {
        self.id = id
        self.accountID = accountID
        self.modelName = modelName
        let parts = route.split(separator: "/", maxSplits: 1)
        if parts.count == 2 {
            provider = String(parts[0])
            upstreamModel = String(parts[1])
        } else {
            provider = "openai"
            upstreamModel = route
        }
        self.apiBase = apiBase
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.rpm = rpm
        self.tpm = tpm
        self.weight = weight
        self.timeout = timeout
        self.streamTimeout = streamTimeout ?? timeout
        inputCostPerToken = modelInfo["input_cost_per_token"]?.doubleValue
        outputCostPerToken = modelInfo["output_cost_per_token"]?.doubleValue
        self.modelInfo = modelInfo
        self.source = source
    }

    /// What the router keeps health and rpm counts under: the owner and the id, so a deployment an account owns
    /// can never cool down (or use up) another owner's deployment, whatever ids the two carry.
    public var healthKey: String { (accountID?.lowercased ?? "global") + ":" + id }

    /// `provider/model`, as configured.
    public var route: String { "\(provider)/\(upstreamModel)" }
}
