import Foundation

/// One scope of the copilot credit chain a request is checked against (its user, team, organization, or the account),
/// in the active plan. The budget ledger reserves in USD, so a scope's credits are held as USD at the plan's credit
/// factor: at most (allocation + overflow cap) ÷ factor, used = the scope's credits in this plan ÷ factor.
public struct CreditLimitScope: Sendable, Equatable {
    public var planID: UUID
    /// `user`, `team`, `org` or `account`.
    public var scopeType: String
    public var scopeID: String
    public var creditFactor: Double
    /// The credits the scope may use in this plan (allocation or override, plus its overflow cap), micro-credits.
    public var limit: Int64
    /// When the plan's cycle is expected to renew (its start plus its cycle), for the refusal; nil when unknown.
    public var renewsAt: Date?

    /// The ledger's key for this scope: one per plan, so a renewal starts from nothing.
    var subjectID: String { "\(planID.lowercased):\(scopeType):\(scopeID)" }

    /// The budget the ledger checks.
    var budgetLimit: BudgetLimit {
        BudgetLimit(
            subject: .credits, subjectID: subjectID, maxBudget: Micros.decimal(limit) / creditFactor, period: nil,
            credits: self)
    }

    /// The scope's usage in this plan, as USD at the factor.
    func storedSpend(account: UUID, tx: Transaction) throws -> Double {
        let row = try tx.queryOne(
            "SELECT credits FROM credit_usage WHERE account_id = $1 AND plan_id = $2 AND scope_type = $3 AND scope_id = $4",
            [.uuid(account), .text(planID.lowercased), .text(scopeType), .text(scopeID)])
        return Micros.decimal(try row?.int("credits") ?? 0) / creditFactor
    }

    /// The 429 a request gets when the scope has no credits left.
    func refusal(spent: Double) -> GatewayError {
        let used = spent * creditFactor
        let renewal =
            renewsAt.map { "; they renew with the next cycle, expected \(Timestamp.format($0))" }
            ?? "; they renew with the next cycle"
        return GatewayError.budgetExceeded(
            String(
                format: "copilot credits exhausted for %@ %@: used %.6f of %.6f credits in this cycle%@", scopeType,
                scopeID, used, Micros.decimal(limit), renewal))
    }
}
