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

extension AccountService {
    /// The account's feature pack (a JSON object kept in its metadata).
    public func featurePack(_ id: UUID) async throws -> JSONValue {
        try context.reading(.superAdmin)
        return try await get(id).metadata["feature_pack"] ?? .emptyObject
    }

    /// Replaces the feature pack.
    public func setFeaturePack(_ id: UUID, _ pack: JSONValue) async throws -> JSONValue {
        let actor = try context.changing(.superAdmin)
        let pack = try Validation.metadata(pack, field: "feature_pack")
        _ = try await setMetadata(id, key: "feature_pack", value: pack, action: "account.feature_pack", actor: actor)
        return pack
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
            "allow": .array(clean.allow.map(JSONValue.string)), "deny": .array(clean.deny.map(JSONValue.string)),
        ]
        _ = try await setMetadata(
            id, key: "console_model_policy", value: value, action: "account.console_model_policy", actor: actor)
        return clean
    }

    /// The console model policy kept in account metadata (empty lists when none is set).
    public static func policy(from metadata: JSONValue) -> ConsoleModelPolicy {
        let p = metadata["console_model_policy"]
        return ConsoleModelPolicy(allow: p?["allow"]?.stringArray ?? [], deny: p?["deny"]?.stringArray ?? [])
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
