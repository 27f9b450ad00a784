import Foundation

/// What admission needs to charge and check copilot credits in one account, cached like its other policies: the
/// active plan, the credit factor, and what each scope of the plan may use (allocation or newest override, plus its
/// overflow cap). Checking a request is then a few dictionary lookups.
struct CreditPolicy: Sendable {
    /// The active plan; nil when the account has none (requests are charged, nothing is enforced).
    var planID: UUID?
    var creditFactor: Double
    var renewsAt: Date?
    /// The account's monthly credits plus its overflow limit, when it has an allocation and a plan; micro-credits.
    var accountLimit: Int64?
    /// `type:id` → the credits the scope may use in the plan; scopes without an allocation are not limited.
    var scopeLimits: [String: Int64]

    static let none = CreditPolicy(planID: nil, creditFactor: 1, renewsAt: nil, accountLimit: nil, scopeLimits: [:])

    /// Reads the policy of `account` from the store.
    static func load(_ tx: Transaction, account: UUID) throws -> CreditPolicy {
        let plans = CreditPlanRepository(tx)
        let allocation = try plans.allocation(account)
        let factor = allocation?.creditFactor ?? 1
        guard let plan = try plans.activePlan(account: account) else {
            return CreditPolicy(planID: nil, creditFactor: factor, renewsAt: nil, accountLimit: nil, scopeLimits: [:])
        }
        var limits: [String: Int64] = [:]
        for item in try CreditService.effective(tx, plan: plan, account: account).items where item.scope.type != .pool {
            limits["\(item.scope.type.rawValue):\(item.scope.id)"] = Micros.add(
                item.effectiveAllocated, item.overflowCap ?? 0)
        }
        return CreditPolicy(
            planID: plan.id, creditFactor: factor, renewsAt: renewal(of: plan),
            accountLimit: allocation.map { Micros.add($0.monthlyCredits, $0.overflowLimit) }, scopeLimits: limits)
    }

    /// The budgets a request charged to `chain` (its user, team, organization) must fit under in this plan.
    func limits(account: UUID, chain: CreditChain) -> [BudgetLimit] {
        guard let planID else { return [] }
        var limits: [BudgetLimit] = []
        for link in chain.links {
            guard let limit = scopeLimits["\(link.type):\(link.id)"] else { continue }
            limits.append(scope(planID, link.type, link.id, limit).budgetLimit)
        }
        if let accountLimit { limits.append(scope(planID, "account", account.lowercased, accountLimit).budgetLimit) }
        return limits
    }

    private func scope(_ plan: UUID, _ type: String, _ id: String, _ limit: Int64) -> CreditLimitScope {
        CreditLimitScope(
            planID: plan, scopeType: type, scopeID: id, creditFactor: creditFactor, limit: limit, renewsAt: renewsAt)
    }

    /// When a plan's cycle is expected to end: its start plus a month, a quarter, a week or a year by its `cycle`;
    /// nil for a cycle named otherwise (renewal is the admin's call, `cycles/renew`).
    static func renewal(of plan: CreditPlan) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let step: DateComponents? =
            switch plan.cycle.lowercased() {
            case "monthly": DateComponents(month: 1)
            case "quarterly": DateComponents(month: 3)
            case "weekly": DateComponents(day: 7)
            case "yearly", "annual", "annually": DateComponents(year: 1)
            default: nil
            }
        return step.flatMap { calendar.date(byAdding: $0, to: plan.createdAt) }
    }
}
