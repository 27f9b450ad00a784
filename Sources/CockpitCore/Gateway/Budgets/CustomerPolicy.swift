import Foundation

/// What the gateway needs to know about the customer a request names with `user`: whether it is blocked, and the
/// limits of its named budget as budget rows of subject `customer` (rate limits and the budget itself, and one row
/// per model of `model_max_budget`). Each customer has its own spend against a budget that several share.
struct CustomerPolicy: Sendable {
    var blocked: Bool
    var budgets: [Budget]

    /// A customer not seen yet: not blocked, no budget (it is created when its first spend is recorded).
    static let unknown = CustomerPolicy(blocked: false, budgets: [])

    init(blocked: Bool, budgets: [Budget]) {
        self.blocked = blocked
        self.budgets = budgets
    }

    /// The policy of a stored customer and its budget.
    init(_ customer: Customer, _ budget: NamedBudget?) {
        blocked = customer.blocked
        guard let budget else {
            budgets = []
            return
        }
        func row(model: String, max: Double?, duration: String?, tpm: Int64?, rpm: Int64?, parallel: Int64?) -> Budget {
            Budget(
                id: UUID(), accountID: customer.accountID, subject: .customer, subjectID: customer.userID,
                modelName: model, maxBudget: max, softBudget: nil, budgetDuration: duration, tpmLimit: tpm,
                rpmLimit: rpm, maxParallelRequests: parallel, createdAt: budget.createdAt,
                updatedAt: budget.updatedAt)
        }
        var rows = [
            row(
                model: "", max: budget.maxBudget, duration: budget.budgetDuration, tpm: budget.tpmLimit,
                rpm: budget.rpmLimit, parallel: budget.maxParallelRequests)
        ]
        for model in (budget.modelMaxBudget.objectValue ?? [:]).keys.sorted() {
            // Checked when stored; an entry that no longer reads is left out rather than refusing every request.
            guard let limit = try? budget.modelLimit(model) else { continue }
            rows.append(
                row(model: model, max: limit.maxBudget, duration: limit.period, tpm: nil, rpm: nil, parallel: nil))
        }
        budgets = rows
    }
}
