import CockpitCore
import Foundation

/// `PUT /v1/accounts/{id}/console-model-policy`: models allowed and denied across the console tree, under the
/// original's names (`allow_models`, `deny_models`) or cockpit's earlier ones (`allow`, `deny`; both must agree).
public struct PolicyReplace: Codable, Sendable {
    public var allowModels: [String]?
    public var denyModels: [String]?
    public var allow: [String]?
    public var deny: [String]?

    /// The request the cockpit sends: the original's names.
    public init(_ p: ConsoleModelPolicy) { (allowModels, denyModels) = (p.allow, p.deny) }

    /// The policy; absent lists are empty.
    public func policy() throws -> ConsoleModelPolicy {
        func one(_ a: [String]?, _ b: [String]?, _ name: String, _ other: String) throws -> [String] {
            if let a, let b, a != b { throw CockpitError.invalid(field: name, reason: "and \(other) differ; send one") }
            return a ?? b ?? []
        }
        return ConsoleModelPolicy(
            allow: try one(allowModels, allow, "allow_models", "allow"),
            deny: try one(denyModels, deny, "deny_models", "deny"))
    }
}

/// The console model policy as the original writes it.
public struct PolicyView: Codable, Sendable, Equatable {
    public var allowModels: [String]
    public var denyModels: [String]
    public init(_ p: ConsoleModelPolicy) { (allowModels, denyModels) = (p.allow, p.deny) }
    public var policy: ConsoleModelPolicy { ConsoleModelPolicy(allow: allowModels, deny: denyModels) }
}

/// `GET` and `PUT /v1/accounts/{id}/console-model-policy`: `{"console_model_policy"}`, with `status: ok` after a PUT.
public struct PolicyAnswer: Codable, Sendable {
    public var status: String?
    public var consoleModelPolicy: PolicyView
    public init(_ p: ConsoleModelPolicy, saved: Bool = false) {
        (status, consoleModelPolicy) = (saved ? "ok" : nil, PolicyView(p))
    }
}

/// `PUT /v1/accounts/{id}/feature-pack`: feature codes and a configuration object (absent: empty).
public struct FeaturePackReplace: Codable, Sendable {
    public var features: [String]?
    public var config: JSONValue?
    public init(_ p: FeaturePack) { (features, config) = (p.features, p.config) }
    public var pack: FeaturePack { FeaturePack(features: features ?? [], config: config ?? .emptyObject) }
}

/// `GET` and `PUT /v1/accounts/{id}/feature-pack`: `{"feature_pack"}`, with `status: ok` after a PUT.
public struct FeaturePackAnswer: Codable, Sendable {
    public var status: String?
    public var featurePack: FeaturePack
    public init(_ p: FeaturePack, saved: Bool = false) { (status, featurePack) = (saved ? "ok" : nil, p) }
}
