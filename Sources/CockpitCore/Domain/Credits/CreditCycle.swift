import Foundation

/// One renewal: the plan closed and the one opened, the period, the credits rolled into the pool and the overflow
/// charged, with the summary the renewal answered.
public struct CreditCycle: Sendable, Equatable, Codable {
    public var id: UUID
    public var accountID: UUID
    public var sourcePlanID: UUID
    public var newPlanID: UUID
    public var cycleStart: Date
    public var cycleEnd: Date
    public var rolloverCredits: Int64
    public var overflowChargeCredits: Int64
    public var summary: CycleSummary
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID, accountID: UUID, cycleStart: Date, cycleEnd: Date, summary: CycleSummary, createdBy: String,
        createdAt: Date
    ) {
        (self.id, self.accountID, self.sourcePlanID, self.newPlanID) = (
            id, accountID, summary.sourcePlanID, summary.newPlanID
        )
        (self.cycleStart, self.cycleEnd) = (cycleStart, cycleEnd)
        (rolloverCredits, overflowChargeCredits) = (summary.rolloverCredits, summary.overflowChargeCredits)
        (self.summary, self.createdBy, self.createdAt) = (summary, createdBy, createdAt)
    }
}

/// What a renewal computed, in micro-credits: the usage of the period, the account's monthly credits, the overflow
/// charge (usage past them) and the unallocated credits carried into the pool.
public struct CycleSummary: Sendable, Equatable, Codable {
    public var sourcePlanID: UUID
    public var newPlanID: UUID
    public var usedCredits: Int64
    public var monthlyCredits: Int64
    public var overflowChargeCredits: Int64
    public var rolloverCredits: Int64

    public init(
        sourcePlanID: UUID, newPlanID: UUID, usedCredits: Int64, monthlyCredits: Int64, overflowChargeCredits: Int64,
        rolloverCredits: Int64
    ) {
        (self.sourcePlanID, self.newPlanID, self.usedCredits) = (sourcePlanID, newPlanID, usedCredits)
        (self.monthlyCredits, self.overflowChargeCredits, self.rolloverCredits) = (
            monthlyCredits, overflowChargeCredits, rolloverCredits
        )
    }

    /// The summary as the wire and the cycle row's `summary_json` hold it: ids as text, credits as decimals.
    public var json: JSONValue {
        .object([
            "source_plan_id": .string(sourcePlanID.lowercased), "new_plan_id": .string(newPlanID.lowercased),
            "used_credits": .number(Micros.decimal(usedCredits)),
            "monthly_credits": .number(Micros.decimal(monthlyCredits)),
            "overflow_charge_credits": .number(Micros.decimal(overflowChargeCredits)),
            "rollover_credits": .number(Micros.decimal(rolloverCredits)),
        ])
    }
}

/// A renewal request: the period closed, the new plan's name, the most credits rolled into the pool, and whether
/// overrides carry over.
public struct CycleRenewal: Sendable, Equatable {
    public var cycleStart: Date
    public var cycleEnd: Date
    public var newPlanName: String?
    /// Micro-credits; nil: all the unallocated credits.
    public var rolloverCap: Int64?
    public var copyOverrides: Bool
    /// The date part of `cycle_end` as sent (`YYYY-MM-DD`), for the default plan name.
    public var cycleEndDate: String

    public init(
        cycleStart: Date, cycleEnd: Date, newPlanName: String?, rolloverCap: Int64?, copyOverrides: Bool,
        cycleEndDate: String
    ) {
        (self.cycleStart, self.cycleEnd, self.newPlanName) = (cycleStart, cycleEnd, newPlanName)
        (self.rolloverCap, self.copyOverrides, self.cycleEndDate) = (rolloverCap, copyOverrides, cycleEndDate)
    }
}
