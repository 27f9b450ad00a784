import CockpitCore
import Foundation

/// Virtual keys in LiteLLM's shapes: the object `/key/info` and `/key/list` return, and the fields `/key/generate`
/// and `/key/update` take.
public enum LiteLLMKey {
    /// LiteLLM's key object; `token` is the SHA-256 of the secret, never the secret itself.
    public static func object(_ k: VirtualKey, secret: String? = nil) -> JSONValue {
        func opt<T>(_ v: T?, _ f: (T) -> JSONValue) -> JSONValue { v.map(f) ?? .null }
        var o: [String: JSONValue] = [
            "token": .string(k.keyHash), "key_name": .string(k.maskedKey),
            "key_alias": opt(k.keyAlias, JSONValue.string),
            "id": .string(k.id.lowercased), "account_id": .string(k.accountID.lowercased),
            "domain": opt(k.domain?.rawValue, JSONValue.string),
            "user_id": opt(k.userID?.lowercased, JSONValue.string),
            "team_id": opt(k.teamID?.lowercased, JSONValue.string),
            "organization_id": opt(k.orgID?.lowercased, JSONValue.string),
            "models": .array(k.models.map(JSONValue.string)),
            "spend": .number(k.spend), "max_budget": opt(k.maxBudget, JSONValue.number),
            "soft_budget": opt(k.softBudget, JSONValue.number),
            "budget_duration": opt(k.budgetDuration, JSONValue.string),
            "budget_reset_at": opt(k.budgetResetAt.map(Timestamp.format), JSONValue.string),
            "tpm_limit": opt(k.tpmLimit) { .number(Double($0)) }, "rpm_limit": opt(k.rpmLimit) { .number(Double($0)) },
            "max_parallel_requests": opt(k.maxParallelRequests) { .number(Double($0)) },
            "model_max_budget": k.modelMaxBudget,
            "allowed_routes": .array(k.allowedRoutes.map(JSONValue.string)), "metadata": k.metadata,
            "expires": opt(k.expiresAt.map(Timestamp.format), JSONValue.string), "blocked": .bool(k.blocked),
            "created_at": .string(Timestamp.format(k.createdAt)), "updated_at": .string(Timestamp.format(k.updatedAt)),
            "created_by": .string(k.createdBy),
        ]
        if let secret { o["key"] = .string(secret) }
        return .object(o)
    }

    /// A new key from `/key/generate`'s fields.
    public static func newKey(_ b: LiteLLMFields) throws -> NewKey {
        NewKey(
            alias: try b.string("key_alias"), domain: try b.has("domain") ? b.domain() : nil,
            orgID: try b.uuid("organization_id"),
            teamID: try b.uuid("team_id"), userID: try b.uuid("user_id"), models: try b.strings("models") ?? [],
            maxBudget: try b.double("max_budget"), softBudget: try b.double("soft_budget"),
            budgetDuration: try b.string("budget_duration"),
            rpmLimit: try b.int("rpm_limit"), tpmLimit: try b.int("tpm_limit"),
            maxParallelRequests: try b.int("max_parallel_requests"),
            modelMaxBudget: try b.object("model_max_budget"), allowedRoutes: try b.strings("allowed_routes") ?? [],
            expiresAt: try b.expiry(), blocked: try b.bool("blocked") ?? false, metadata: try b.object("metadata"),
            secret: try b.string("key"))
    }

    /// Applies `/key/update`'s fields: only those present change; `null` clears an optional one.
    public static func apply(_ b: LiteLLMFields, to k: inout VirtualKey) throws {
        if b.present("key_alias") { k.keyAlias = try b.string("key_alias") }
        if b.present("models") { k.models = try b.strings("models") ?? [] }
        if b.present("max_budget") { k.maxBudget = try b.double("max_budget") }
        if b.present("soft_budget") { k.softBudget = try b.double("soft_budget") }
        if b.present("budget_duration") { k.budgetDuration = try b.string("budget_duration") }
        if b.present("rpm_limit") { k.rpmLimit = try b.int("rpm_limit") }
        if b.present("tpm_limit") { k.tpmLimit = try b.int("tpm_limit") }
        if b.present("max_parallel_requests") { k.maxParallelRequests = try b.int("max_parallel_requests") }
        if b.present("model_max_budget") { k.modelMaxBudget = try b.object("model_max_budget") ?? .emptyObject }
        if b.present("allowed_routes") { k.allowedRoutes = try b.strings("allowed_routes") ?? [] }
        if b.present("metadata") { k.metadata = try b.object("metadata") ?? .emptyObject }
        if b.present("blocked") { k.blocked = try b.bool("blocked") ?? false }
        if b.present("duration") { k.expiresAt = try b.expiry() }
        if b.present("team_id") { k.teamID = try b.uuid("team_id") }
        if b.present("user_id") { k.userID = try b.uuid("user_id") }
        if b.present("organization_id") { k.orgID = try b.uuid("organization_id") }
        if b.present("domain") { k.domain = try b.has("domain") ? b.domain() : nil }
        if b.present("team_id") || b.present("user_id") || b.present("organization_id"), !b.present("domain") {
            k.domain = nil
        }
    }
}
