import CockpitCore
import Foundation

/// What the cockpit's key forms set: alias, models, budget and its period, rate limits, expiry.
public struct KeySettings: Sendable, Equatable {
    public var alias: String
    /// Empty: every model the account may use.
    public var models: [String]
    public var maxBudget: Double?
    /// The budget's period (`30d`, `1mo`); nil: a budget for the key's lifetime.
    public var budgetDuration: String?
    public var rpmLimit: Int64?
    public var tpmLimit: Int64?
    public var maxParallelRequests: Int64?
    /// How long from now the key works (`30d`); nil: for ever (a new key) or as it is (a change).
    public var expiresIn: String?

    public init(
        alias: String, models: [String] = [], maxBudget: Double? = nil, budgetDuration: String? = nil,
        rpmLimit: Int64? = nil,
        tpmLimit: Int64? = nil, maxParallelRequests: Int64? = nil, expiresIn: String? = nil
    ) {
        self.alias = alias
        self.models = models
        self.maxBudget = maxBudget
        self.budgetDuration = budgetDuration
        self.rpmLimit = rpmLimit
        self.tpmLimit = tpmLimit
        self.maxParallelRequests = maxParallelRequests
        self.expiresIn = expiresIn
    }

    /// The instant `expiresIn` names, from `now`; nil when unset.
    func expiry(from now: Date = Date()) throws -> Date? {
        try expiresIn.map { now.addingTimeInterval(try BudgetPeriod($0, field: "expires_in").length) }
    }

    /// The settings as LiteLLM's `/key/generate` and `/key/update` fields.
    var litellmFields: [String: JSONValue] {
        func number<T: BinaryInteger>(_ v: T?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
        var fields: [String: JSONValue] = [
            "key_alias": .string(alias), "models": .array(models.map(JSONValue.string)),
            "max_budget": maxBudget.map(JSONValue.number) ?? .null,
            "budget_duration": budgetDuration.map(JSONValue.string) ?? .null, "rpm_limit": number(rpmLimit),
            "tpm_limit": number(tpmLimit),
            "max_parallel_requests": number(maxParallelRequests),
        ]
        if let expiresIn { fields["duration"] = .string(expiresIn) }
        return fields
    }
}
