import Foundation

/// How the router picks deployments, retries and falls back (`router_settings` and the matching
/// `litellm_settings` keys of a LiteLLM config).
public struct RouterSettings: Sendable, Equatable {
    /// The deployment choice within a model group.
    public enum Strategy: String, Sendable, CaseIterable {
        case simpleShuffle = "simple-shuffle"
        case leastBusy = "least-busy"
        case latencyBased = "latency-based-routing"
        case usageBased = "usage-based-routing"
    }

    public var strategy: Strategy = .simpleShuffle
    /// Extra attempts on another (or the same) deployment after a retryable failure.
    public var numRetries = 2
    /// Seconds a non-streaming call may take when the deployment sets no timeout.
    public var timeout: TimeInterval?
    /// Model group → groups to try, in order, when the group fails.
    public var fallbacks: [String: [String]] = [:]
    /// The same for context-window errors.
    public var contextWindowFallbacks: [String: [String]] = [:]
    /// Seconds a deployment rests after a 429/401/404/408, a connection failure, or too many failures in a minute.
    public var cooldownTime: TimeInterval = 5
    /// Failures within a minute after which a deployment cools down even below the 50 % rate (LiteLLM's allowed_fails).
    public var allowedFails = 3

    public init() {}

    /// Applies one config section's router keys; warns about keys neither router nor `known` understands.
    mutating func apply(
        _ section: [String: Any], section name: String, reader: ConfigValues, warnings: inout [String],
        known: Set<String>
    ) throws {
        for (key, value) in section.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "routing_strategy":
                guard let raw = reader.string(value), let s = Strategy(rawValue: raw) else {
                    let names = Strategy.allCases.map(\.rawValue).joined(separator: ", ")
                    throw CockpitError.invalid(
                        field: "config", reason: "\(reader.source): \(name).routing_strategy must be one of \(names)")
                }
                strategy = s
            case "num_retries": numRetries = max(0, reader.int(value) ?? numRetries)
            case "timeout", "request_timeout": timeout = reader.double(value)
            case "cooldown_time": cooldownTime = max(0, reader.double(value) ?? cooldownTime)
            case "allowed_fails": allowedFails = max(0, reader.int(value) ?? allowedFails)
            case "fallbacks": fallbacks.merge(try Self.fallbackList(value, "\(name).fallbacks", reader)) { $1 }
            case "context_window_fallbacks":
                contextWindowFallbacks.merge(try Self.fallbackList(value, "\(name).context_window_fallbacks", reader)) {
                    $1
                }
            default:
                if !known.contains(key) {
                    warnings.append("\(reader.source): \(name).\(key) is not supported and is ignored")
                }
            }
        }
    }

    /// `[{"a": ["b", "c"]}, …]` → `["a": ["b", "c"]]`.
    static func fallbackList(_ value: Any, _ field: String, _ reader: ConfigValues) throws -> [String: [String]] {
        guard let list = value as? [Any] else {
            throw CockpitError.invalid(field: "config", reason: "\(reader.source): \(field) must be a list")
        }
        var out: [String: [String]] = [:]
        for item in list {
            guard let map = item as? [String: Any] else {
                throw CockpitError.invalid(
                    field: "config", reason: "\(reader.source): \(field) entries look like {model: [fallback, …]}")
            }
            for (k, v) in map { out[k] = (v as? [Any] ?? [v]).compactMap { reader.string($0) } }
        }
        return out
    }
}
