import Foundation

extension Gateway {
    /// The model groups this caller may use with their deployments (`/model_group/info`, `/v2/model/info`), in name
    /// order; `only` narrows to one group.
    public func modelGroups(for caller: GatewayCaller, only: String? = nil) async throws -> [ModelGroup] {
        try await models(for: caller).filter { only == nil || $0 == only }.map { name in
            ModelGroup(name: name, deployments: registry.group(name, account: caller.accountID))
        }
    }

    /// An estimate of the tokens in a request's text (`/utils/token_counter`): every text of `messages` (string
    /// contents and text parts) or of `prompt`, four UTF-8 bytes a token rounded up — the same rule the gateway
    /// uses to estimate a request before its upstream reports usage. No provider tokenizer is run.
    public static func estimatedTokens(messages: JSONValue?, prompt: JSONValue?) -> Int {
        func bytes(_ value: JSONValue?) -> Int {
            switch value {
            case .string(let s)?: return s.utf8.count
            case .array(let items)?: return items.reduce(0) { $0 + bytes($1) }
            case .object(let o)?:
                // A message: its content (and a text part's text); names and roles count as their text too.
                return bytes(o["content"]) + bytes(o["text"]) + bytes(o["role"]) + bytes(o["name"])
            default: return 0
            }
        }
        let total = bytes(messages) + bytes(prompt)
        return (total + 3) / 4
    }
}

/// One model group and the deployments behind it, as a caller sees them.
public struct ModelGroup: Sendable {
    public var name: String
    public var deployments: [Deployment]

    /// The providers of its deployments, each once, in deployment order.
    public var providers: [String] {
        var seen = Set<String>()
        return deployments.map(\.provider).filter { seen.insert($0).inserted }
    }

    /// A number from the deployments' `model_info` (the smallest when they differ), nil when none states it.
    public func smallest(_ key: String) -> Double? {
        deployments.compactMap { $0.modelInfo[key]?.doubleValue }.filter(\.isFinite).min()
    }

    /// True when every deployment's `model_info` says true for `key` (false when any does not).
    public func supports(_ key: String) -> Bool {
        !deployments.isEmpty && deployments.allSatisfy { $0.modelInfo[key] == .bool(true) }
    }

    /// The sum of the deployments' limits (rpm or tpm), nil when any deployment has none (unbounded).
    public func limit(_ value: (Deployment) -> Int?) -> Int? {
        let limits = deployments.map(value)
        guard !limits.isEmpty, limits.allSatisfy({ $0 != nil }) else { return nil }
        return limits.reduce(0) { $0 + ($1 ?? 0) }
    }
}
