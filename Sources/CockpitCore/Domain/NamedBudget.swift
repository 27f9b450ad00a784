import Foundation

/// A named budget of an account (LiteLLM's `/budget/new`): limits that customers share by naming it. Its period
/// (`budget_duration`) is aligned to boundaries like every budget's, so its reset time follows from it.
public struct NamedBudget: Sendable, Equatable, Codable {
    public var accountID: UUID
    /// The caller's id for the budget (a UUID when none is given), unique in the account.
    public var budgetID: String
    public var maxBudget: Double?
    public var softBudget: Double?
    public var maxParallelRequests: Int64?
    public var tpmLimit: Int64?
    public var rpmLimit: Int64?
    /// Per-model budgets: `{"model": {"max_budget": 1.0, "budget_duration": "1d"}}` (also LiteLLM's key form,
    /// `budget_limit` and `time_period`, or a bare number).
    public var modelMaxBudget: JSONValue
    /// `30s`, `1h`, `7d`, `1mo`…; nil for a budget that never resets.
    public var budgetDuration: String?
    public var createdBy: String
    public var updatedBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        accountID: UUID, budgetID: String, maxBudget: Double? = nil, softBudget: Double? = nil,
        maxParallelRequests: Int64? = nil, tpmLimit: Int64? = nil, rpmLimit: Int64? = nil,
        modelMaxBudget: JSONValue = .emptyObject, budgetDuration: String? = nil, createdBy: String = "api",
        updatedBy: String = "api", createdAt: Date, updatedAt: Date
    ) {
        self.accountID = accountID
        self.budgetID = budgetID
        self.maxBudget = maxBudget
        self.softBudget = softBudget
        self.maxParallelRequests = maxParallelRequests
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.modelMaxBudget = modelMaxBudget
        self.budgetDuration = budgetDuration
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// When the current period ends (LiteLLM's `budget_reset_at`); nil for a budget that never resets.
    public func resetAt(_ now: Date) -> Date? {
        budgetDuration.flatMap { try? BudgetPeriod($0) }.map { $0.end(of: now) }
    }

    /// One model's entry of `model_max_budget`, checked: its most and its period.
    public func modelLimit(_ model: String) throws -> (maxBudget: Double, period: String?)? {
        guard let entry = modelMaxBudget[model] else { return nil }
        return try Self.checkModelEntry(entry, model: model)
    }

    /// Checks every entry of a `model_max_budget` object; throws `.invalid` naming the entry.
    public static func checkModelMaxBudget(_ value: JSONValue) throws {
        guard let object = value.objectValue else {
            throw CockpitError.invalid(field: "model_max_budget", reason: "must be a JSON object")
        }
        guard object.count <= 1_000 else {
            throw CockpitError.invalid(field: "model_max_budget", reason: "may name at most 1000 models")
        }
        for (model, entry) in object { _ = try checkModelEntry(entry, model: model) }
    }

    static func checkModelEntry(_ entry: JSONValue, model: String) throws -> (maxBudget: Double, period: String?) {
        let field = "model_max_budget.\(model)"
        let max = entry["max_budget"]?.doubleValue ?? entry["budget_limit"]?.doubleValue ?? entry.doubleValue
        guard let max, max.isFinite, max >= 0 else {
            throw CockpitError.invalid(field: field, reason: "needs a max_budget of at least 0")
        }
        let duration = entry["budget_duration"]?.stringValue ?? entry["time_period"]?.stringValue
        let period = try duration.map { try BudgetPeriod($0, field: "\(field).budget_duration").description }
        return (max, period)
    }
}
