import Foundation
import Yams

/// A LiteLLM `config.yaml`: `model_list`, `model_info`, `litellm_settings`, `general_settings` and `router_settings`.
/// `os.environ/NAME` values are read from the environment. Unknown keys give one warning each; nothing here
/// crashes on a surprising file, and a malformed one gives an error naming the file and the problem.
public struct GatewayConfig: Sendable {
    /// Deployments of `model_list`, global (usable by every account).
    public var deployments: [Deployment] = []
    public var router = RouterSettings()
    /// `litellm_settings.drop_params`.
    public var dropParams = false
    /// Settings from `general_settings` (and `router_settings.redis_*`) under their environment names, used where the
    /// environment does not set them: LITELLM_MASTER_KEY, DATABASE_URL, STORE_MODEL_IN_DB, REDIS_URL.
    public var environmentDefaults: [String: String] = [:]
    /// `general_settings.proxy_batch_write_at`: seconds between spend batches.
    public var spendBatchInterval: TimeInterval?
    /// `guardrails:` cockpit runs on every request (default_on, `guardrail: cockpit`), as presets.
    public var guardrails: [ConfigGuardrail] = []
    public var warnings: [String] = []

    public init() {}

    static let knownTop: Set<String> = [
        "model_list", "litellm_settings", "general_settings", "router_settings", "environment_variables", "guardrails",
    ]
    /// `litellm_settings` keys cockpit does not implement, and what happens instead: each present one is warned about
    /// (an error with `--strict-config`), never taken silently.
    static let unsupportedLiteLLMSettings: [String: String] = {
        let noCache = "cockpit keeps no response cache: every request reaches the upstream"
        let noCallbacks =
            "callbacks are not run: spend and request logs are in the store (/spend/logs, GET /v1/logs, `:logs`)"
        let noProxyBudget = "there is no proxy-wide budget: set budgets on accounts, keys, teams and users"
        return [
            "cache": noCache, "cache_params": noCache, "set_verbose": "set LOG_LEVEL=debug instead",
            "json_logs": "start `cockpit serve --json-logs` instead", "success_callback": noCallbacks,
            "failure_callback": noCallbacks, "callbacks": noCallbacks,
            "turn_off_message_logging": "cockpit never logs message content", "max_budget": noProxyBudget,
            "budget_duration": noProxyBudget,
        ]
    }()
    static let knownParams: Set<String> = [
        "model", "api_base", "api_key", "api_version", "rpm", "tpm", "timeout", "stream_timeout", "weight",
        "max_retries", "organization", "input_cost_per_token", "output_cost_per_token", "mock_response",
    ]

    /// The config, refused when `strict` and anything in it was warned about (`--strict-config`).
    public func checked(strict: Bool) throws -> GatewayConfig {
        guard strict, !warnings.isEmpty else { return self }
        throw CockpitError.invalid(
            field: "--strict-config", reason: "refuses this config: " + warnings.joined(separator: "; "))
    }

    /// Reads a config file.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GatewayConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CockpitError.invalid(field: "config", reason: "\(path) cannot be read")
        }
        return try parse(text, source: path, environment: environment)
    }

    /// Reads config text; `source` names it in errors.
    public static func parse(
        _ text: String, source: String = "config.yaml", environment: [String: String] = [:]
    ) throws -> GatewayConfig {
        let root: Any?
        do {
            let node = try Yams.compose(yaml: text)
            if let node { try YAMLShape.check(node, source: source) }
            root = node?.any
        } catch let error as CockpitError { throw error } catch {
            throw CockpitError.invalid(field: "config", reason: "\(source) is not valid YAML: \(error)")
        }
        guard let top = (root ?? [String: Any]()) as? [String: Any] else {
            throw CockpitError.invalid(field: "config", reason: "\(source) must be a mapping at the top level")
        }
        var config = GatewayConfig()
        var reader = ConfigValues(source: source, environment: environment)
        if let env = top["environment_variables"] as? [String: Any] {
            for (k, v) in env { reader.environment[k] = reader.environment[k] ?? "\(v)" }
        }
        for key in top.keys.sorted() where !knownTop.contains(key) {
            config.warnings.append("\(source): unknown key '\(key)' ignored")
        }
        let litellm = top["litellm_settings"] as? [String: Any] ?? [:]
        config.dropParams = reader.bool(litellm["drop_params"]) ?? false
        try config.router.apply(
            litellm, section: "litellm_settings", reader: reader, warnings: &config.warnings,
            known: Set(unsupportedLiteLLMSettings.keys).union(["drop_params"]))
        for key in litellm.keys.sorted() {
            if let instead = unsupportedLiteLLMSettings[key] {
                config.warnings.append("\(source): litellm_settings.\(key) is not supported: \(instead)")
            }
        }
        try config.router.apply(
            top["router_settings"] as? [String: Any] ?? [:], section: "router_settings", reader: reader,
            warnings: &config.warnings, known: ["redis_host", "redis_port", "redis_password", "redis_url"])
        // The router settings first: their timeout is the default of deployments that set none.
        for (i, item) in (top["model_list"] as? [Any] ?? []).enumerated() {
            if let deployment = try reader.deployment(
                item, index: i, defaultTimeout: config.router.timeout ?? Deployment.defaultTimeout,
                warnings: &config.warnings)
            {
                config.deployments.append(deployment)
            }
        }
        let router = top["router_settings"] as? [String: Any] ?? [:]
        if let url = reader.string(router["redis_url"]) {
            config.environmentDefaults["REDIS_URL"] = url
        } else if let host = reader.string(router["redis_host"]) {
            let port = reader.string(router["redis_port"]) ?? "6379"
            let password = reader.string(router["redis_password"]).map { ":\($0)@" } ?? ""
            config.environmentDefaults["REDIS_URL"] = "redis://\(password)\(host):\(port)"
        }
        let general = top["general_settings"] as? [String: Any] ?? [:]
        for (key, env) in [
            ("master_key", "LITELLM_MASTER_KEY"), ("database_url", "DATABASE_URL"),
            ("store_model_in_db", "STORE_MODEL_IN_DB"),
            ("database_connection_pool_limit", "DATABASE_POOL_SIZE"),
        ] {
            if let value = reader.string(general[key]) { config.environmentDefaults[env] = value }
        }
        config.spendBatchInterval = reader.double(general["proxy_batch_write_at"])
        let knownGeneral: Set<String> = [
            "master_key", "database_url", "store_model_in_db", "proxy_batch_write_at", "database_connection_pool_limit",
        ]
        for key in general.keys.sorted() where !knownGeneral.contains(key) {
            config.warnings.append("\(source): general_settings.\(key) is not supported and is ignored")
        }
        config.guardrails = try ConfigGuardrail.read(top["guardrails"], reader: reader, warnings: &config.warnings)
        config.warnings += reader.warnings
        return config
    }
}
