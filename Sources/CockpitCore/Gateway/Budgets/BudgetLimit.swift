import Foundation

/// One budget a request must fit under: a subject (key, user, team, org, team member, account, model), optionally
/// narrowed to one model, with its most and its period.
public struct BudgetLimit: Sendable, Equatable {
    public var subject: BudgetSubject
    /// The key hash, the owner's id, `team:user` for a team member, or the model name for a model budget.
    public var subjectID: String
    /// Narrows the budget to one model; empty for all models.
    public var model: String
    public var maxBudget: Double
    public var period: BudgetPeriod?
    /// For a copilot credit scope (`subject` `.credits`): the scope and the factor that turns its credits into the USD
    /// the ledger reserves in; nil for every other budget.
    public var credits: CreditLimitScope?

    public init(
        subject: BudgetSubject, subjectID: String, model: String = "", maxBudget: Double, period: BudgetPeriod?,
        credits: CreditLimitScope? = nil
    ) {
        self.subject = subject
        self.subjectID = subjectID
        self.model = model
        self.maxBudget = maxBudget
        self.period = period
        self.credits = credits
    }

    /// How a refusal names it.
    public var label: String {
        let who =
            switch subject {
            case .key: "key"
            case .customer: "End User=\(subjectID)"
            case .credits: credits.map { "copilot credits of \($0.scopeType) \($0.scopeID)" } ?? "copilot credits"
            default: "\(subject.rawValue) \(subjectID)"
            }
        return model.isEmpty ? who : "\(who) for model \(model)"
    }

    /// The spend of this subject in the store since `start`: from the daily aggregates when the period is whole
    /// days, from the spend rows otherwise. A customer's lifetime spend is its `spend` (the sum of what was charged
    /// to it); its spend of a period or of one model comes from the spend rows (the aggregates carry no end user).
    func storedSpend(account: UUID, since start: Date?, tx: Transaction) throws -> Double {
        if let credits { return try credits.storedSpend(account: account, tx: tx) }
        if subject == .customer, start == nil, model.isEmpty {
            let row = try tx.queryOne(
                "SELECT spend FROM end_users WHERE account_id = $1 AND user_id = $2",
                [.uuid(account), .text(subjectID)])
            return try row?.double("spend") ?? 0
        }
        let daily = subject != .customer && (period.map { [.days, .weeks, .months].contains($0.unit) } ?? true)
        var p: [SQLValue] = [.uuid(account)]
        var conditions = ["account_id = $1"]
        func add(_ column: String, _ value: String) {
            p.append(.text(value))
            conditions.append("\(column) = $\(p.count)")
        }
        switch subject {
        case .key: add("key_hash", subjectID)
        case .user: add("user_id", subjectID)
        case .team: add("team_id", subjectID)
        case .org: add("org_id", subjectID)
        case .teamMember:
            let parts = subjectID.split(separator: ":", maxSplits: 1).map(String.init)
            add("team_id", parts.first ?? "")
            add("user_id", parts.count > 1 ? parts[1] : "")
        case .model: add("model", subjectID)
        case .customer: add("end_user", subjectID)
        case .account, .credits: break
        }
        if !model.isEmpty { add("model", model) }
        if let start {
            if daily {
                add("day", Timestamp.day(start)); conditions[conditions.count - 1] = "day >= $\(p.count)"
            } else {
                p.append(.timestamp(start))
                conditions.append("start_time >= $\(p.count)")
            }
        }
        let table = daily ? "spend_daily" : "spend_logs"
        let row = try tx.queryOne(
            "SELECT coalesce(sum(cost), 0) AS spent FROM \(table) WHERE \(conditions.joined(separator: " AND "))", p)
        return try row?.double("spent") ?? 0
    }
}

extension VirtualKey {
    /// The key's own budget for one model (`model_max_budget`: `{"model": {"budget_limit": 1.0, "time_period": "1d"}}`
    /// or `{"model": 1.0}`), checked; nil when the key sets none for that model.
    func modelBudget(_ model: String) throws -> BudgetLimit? {
        guard let entry = modelMaxBudget[model] else { return nil }
        guard let max = entry["budget_limit"]?.doubleValue ?? entry.doubleValue, max.isFinite, max >= 0 else {
            throw CockpitError.invalid(field: "model_max_budget.\(model)", reason: "needs a budget_limit of at least 0")
        }
        let period = try entry["time_period"]?.stringValue.map {
            try BudgetPeriod($0, field: "model_max_budget.\(model).time_period")
        }
        return BudgetLimit(subject: .key, subjectID: keyHash, model: model, maxBudget: max, period: period)
    }
}
