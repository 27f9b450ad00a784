import Foundation

/// The account-level console model policy: a super-admin's allow and deny lists that bound every grant below.
public struct ConsoleModelPolicy: Sendable, Equatable, Codable {
    /// When not empty, only these models may be granted in the console tree.
    public var allow: [String]
    /// Never allowed, whatever the grants say.
    public var deny: [String]

    public init(allow: [String] = [], deny: [String] = []) {
        self.allow = allow
        self.deny = deny
    }

    /// True when the policy lets `model` through (`*` in a list matches every model).
    public func permits(_ model: String) -> Bool {
        if deny.contains(model) || deny.contains("*") { return false }
        return allow.isEmpty || allow.contains(model) || allow.contains("*")
    }
}

/// An account's feature pack, as the original keeps it: feature codes and a configuration object.
public struct FeaturePack: Sendable, Equatable, Codable {
    public var features: [String]
    public var config: JSONValue

    public init(features: [String] = [], config: JSONValue = .emptyObject) {
        (self.features, self.config) = (features, config)
    }

    /// A pack from its JSON (`{"features": [...], "config": {...}}`); any other key is refused by name.
    public init(json: JSONValue) throws {
        guard let o = json.objectValue else {
            throw CockpitError.invalid(field: "feature_pack", reason: "must be a JSON object")
        }
        if let other = o.keys.sorted().first(where: { $0 != "features" && $0 != "config" }) {
            throw CockpitError.invalid(
                field: "feature_pack.\(other)", reason: "is not a field (it takes features, config)")
        }
        guard o["features"] == nil || o["features"]?.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true else {
            throw CockpitError.invalid(field: "features", reason: "must be a list of feature codes")
        }
        self.init(features: o["features"]?.stringArray ?? [], config: o["config"] ?? .emptyObject)
    }

    /// The pack as stored and sent.
    public var json: JSONValue { ["features": .array(features.map(JSONValue.string)), "config": config] }
}

extension AccountService {
    /// The account's feature pack (kept in its metadata; empty lists when none is set).
    public func featurePack(_ id: UUID) async throws -> FeaturePack {
        try context.reading(.superAdmin)
        return Self.featurePack(from: try await get(id).metadata)
    }

    /// Replaces the feature pack.
    public func setFeaturePack(_ id: UUID, _ pack: FeaturePack) async throws -> FeaturePack {
        let actor = try context.changing(.superAdmin)
        let clean = FeaturePack(
            features: try Self.modelNames(pack.features, field: "features"),
            config: try Validation.metadata(pack.config, field: "config"))
        _ = try await setMetadata(
            id, key: "feature_pack", value: clean.json, action: "account.feature_pack", actor: actor)
        return clean
    }

    /// The feature pack kept in account metadata (`{"features": [], "config": {}}` when none is set).
    public static func featurePack(from metadata: JSONValue) -> FeaturePack {
        let p = metadata["feature_pack"]
        return FeaturePack(features: p?["features"]?.stringArray ?? [], config: p?["config"] ?? .emptyObject)
    }

    /// The console model policy (empty lists when none is set).
    public func consoleModelPolicy(_ id: UUID) async throws -> ConsoleModelPolicy {
        try context.reading(.superAdmin)
        return Self.policy(from: try await get(id).metadata)
    }

    /// Replaces the console model policy.
    public func setConsoleModelPolicy(_ id: UUID, _ policy: ConsoleModelPolicy) async throws -> ConsoleModelPolicy {
        let actor = try context.changing(.superAdmin)
        let clean = ConsoleModelPolicy(
            allow: try Self.modelNames(policy.allow, field: "allow"),
            deny: try Self.modelNames(policy.deny, field: "deny"))
        let value: JSONValue = [
            "allow_models": .array(clean.allow.map(JSONValue.string)),
            "deny_models": .array(clean.deny.map(JSONValue.string)),
        ]
        _ = try await setMetadata(
            id, key: "console_model_policy", value: value, action: "account.console_model_policy", actor: actor)
        return clean
    }

    /// The console model policy kept in account metadata (empty lists when none is set), under the original's
    /// names (`allow_models`, `deny_models`) or cockpit's earlier ones (`allow`, `deny`).
    public static func policy(from metadata: JSONValue) -> ConsoleModelPolicy {
        let p = metadata["console_model_policy"]
        return ConsoleModelPolicy(
            allow: (p?["allow_models"] ?? p?["allow"])?.stringArray ?? [],
            deny: (p?["deny_models"] ?? p?["deny"])?.stringArray ?? [])
    }

    static func modelNames(_ names: [String], field: String) throws -> [String] {
        var seen = Set<String>()
        return try names.compactMap { raw in
            let name = try Validation.name(raw, field: field)
            return seen.insert(name).inserted ? name : nil
        }
    }

    private func setMetadata(
        _ id: UUID, key: String, value: JSONValue, action: String, actor: Actor
    ) async throws -> Account {
        let now = context.now()
        return try await mutate(id, actor: actor, action: action) { account in
            var members = account.metadata.objectValue ?? [:]
            members[key] = value
            account.metadata = .object(members)
            account.updatedAt = now
        }
    }
}
