import Foundation

/// What a budget limits.
public enum BudgetSubject: String, Sendable, Codable, CaseIterable {
    case account, org, team, user, key
    case teamMember = "team_member"
    case model
    /// A customer (end user) named by a gateway request's `user`: held to its named budget. Never a budget row's
    /// subject; the gateway builds its limits from the customer's budget.
    case customer
    /// A scope of the copilot tree's credits in the active plan (never a budget row's subject; the gateway builds its
    /// limits from the plan's allocations).
    case credits
}

/// A spending and rate limit for one subject (and optionally one model), over a period.
public struct Budget: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var subject: BudgetSubject
    /// The subject's id (org/team/user/key id, `team:user` for a team member, the model name for a model).
    public var subjectID: String
    /// Limits this budget to one model; empty for all models.
    public var modelName: String
    public var maxBudget: Double?
    public var softBudget: Double?
    /// `30s`, `1h`, `7d`, `1mo` (calendar month)…; nil for a budget that never resets.
    public var budgetDuration: String?
    public var tpmLimit: Int64?
    public var rpmLimit: Int64?
    public var maxParallelRequests: Int64?
    public var createdAt: Date
    public var updatedAt: Date
}
