import CockpitCore
import Foundation

/// `POST /v1/keys` and `PUT /v1/keys/{id}`: a key's alias, models, budget and its period, rate limits and expiry.
/// On a change every field is replaced, except `expires_in`, which when absent leaves the expiry as it is.
public struct KeyFields: Codable, Sendable, Equatable {
    public var keyAlias: String?
    /// Empty: every model the account may use.
    public var models: [String]?
    public var maxBudget: Double?
    /// `30d`, `1mo`…; absent: the budget is for the key's lifetime.
    public var budgetDuration: String?
    public var rpmLimit: Int64?
    public var tpmLimit: Int64?
    public var maxParallelRequests: Int64?
    /// How long from now the key works (`90d`).
    public var expiresIn: String?

    public init(
        keyAlias: String?, models: [String] = [], maxBudget: Double? = nil, budgetDuration: String? = nil,
        rpmLimit: Int64? = nil,
        tpmLimit: Int64? = nil, maxParallelRequests: Int64? = nil, expiresIn: String? = nil
    ) {
        (self.keyAlias, self.models, self.maxBudget, self.budgetDuration) = (
            keyAlias, models, maxBudget, budgetDuration
        )
        (self.rpmLimit, self.tpmLimit, self.maxParallelRequests, self.expiresIn) = (
            rpmLimit, tpmLimit, maxParallelRequests, expiresIn
        )
    }

    /// The instant `expires_in` names, from `now`.
    public func expiry(from now: Date = Date()) throws -> Date? {
        try expiresIn.map { now.addingTimeInterval(try BudgetPeriod($0, field: "expires_in").length) }
    }

    /// A new key with these fields.
    public func newKey(now: Date = Date()) throws -> NewKey {
        NewKey(
            alias: keyAlias, models: models ?? [], maxBudget: maxBudget, budgetDuration: budgetDuration,
            rpmLimit: rpmLimit, tpmLimit: tpmLimit,
            maxParallelRequests: maxParallelRequests, expiresAt: try expiry(from: now))
    }

    /// Writes the fields onto a stored key (the expiry only when `expires_in` is given).
    public func apply(to k: inout VirtualKey, expiry: Date?) {
        (k.keyAlias, k.models, k.maxBudget, k.budgetDuration) = (keyAlias, models ?? [], maxBudget, budgetDuration)
        (k.rpmLimit, k.tpmLimit, k.maxParallelRequests) = (rpmLimit, tpmLimit, maxParallelRequests)
        if let expiry { k.expiresAt = expiry }
    }
}

/// What `POST /v1/keys` answers: the key and, this once, its secret.
public struct KeyCreated: Codable, Sendable {
    public var item: VirtualKey
    /// The secret (`sk-…`); it is not kept and cannot be shown again.
    public var key: String
    public init(item: VirtualKey, key: String) { (self.item, self.key) = (item, key) }
}

/// `POST /v1/deployments`: a model of the account (`id` replaces that one). The provider key goes in and never comes
/// out; empty keeps the stored one.
public struct DeploymentUpsert: Codable, Sendable {
    public var id: UUID?
    public var modelName: String
    /// `provider/model`, e.g. `openai/gpt-4o-mini`.
    public var providerModel: String
    public var apiBase: String?
    public var apiVersion: String?
    public var apiKey: String?
    public var params: JSONValue?
    public var modelInfo: JSONValue?

    public init(_ m: ModelInput) {
        (id, modelName, providerModel, apiBase, apiVersion) = (
            m.id, m.modelName, m.providerModel, m.apiBase, m.apiVersion
        )
        (apiKey, params, modelInfo) = (m.apiKey, m.params, m.modelInfo)
    }

    /// The core's input.
    public var input: ModelInput {
        ModelInput(
            id: id, modelName: modelName, providerModel: providerModel, apiBase: apiBase, apiVersion: apiVersion,
            apiKey: apiKey,
            params: params, modelInfo: modelInfo)
    }
}
