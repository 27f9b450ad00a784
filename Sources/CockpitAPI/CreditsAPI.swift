import CockpitCore
import Foundation

/// `POST /v1/budgets/account-allocation` (super-admin): an account's monthly credits, overflow limit and credit factor
/// (0, 0 and 1 when absent, as in the original).
public struct AccountAllocationSet: Codable, Sendable {
    public var accountID: String
    public var monthlyCredits: Double?
    public var overflowLimit: Double?
    public var creditFactor: Double?

    public init(account: UUID, monthlyCredits: Double, overflowLimit: Double, creditFactor: Double) {
        (accountID, self.monthlyCredits, self.overflowLimit, self.creditFactor) = (
            account.lowercased, monthlyCredits, overflowLimit, creditFactor
        )
    }

    /// The account named; nil for a text that is no id (it names no account: 404).
    public var account: UUID? { UUID(uuidString: accountID) }
}

/// `POST /v1/budgets/copilot/plans`: a new active plan (`cycle` is `monthly` when absent; free text).
public struct PlanCreate: Codable, Sendable {
    public var name: String
    public var cycle: String?

    public init(name: String, cycle: String? = nil) { (self.name, self.cycle) = (name, cycle) }
}

/// `PATCH /v1/budgets/copilot/plans/{plan_id}`: the plan's new name (trimmed; blank is refused).
public struct PlanRename: Codable, Sendable {
    public var name: String

    public init(name: String) { self.name = name }
}

/// `POST /v1/budgets/copilot/allocations/upsert`: a scope's credits in a plan, with the most it may overrun them by
/// (`overflow_cap`; absent: none) and where the number came from (`source`, `manual` when absent).
public struct AllocationUpsert: Codable, Sendable {
    public var planID: String
    public var scopeType: String
    public var scopeID: String
    public var allocatedCredits: Double
    public var overflowCap: Double?
    public var source: String?

    public init(
        planID: String, scopeType: String, scopeID: String, allocatedCredits: Double, overflowCap: Double? = nil,
        source: String? = nil
    ) {
        (self.planID, self.scopeType, self.scopeID) = (planID, scopeType, scopeID)
        (self.allocatedCredits, self.overflowCap, self.source) = (allocatedCredits, overflowCap, source)
    }
}

/// `POST /v1/budgets/copilot/distribute/equal`: `total_credits` split equally over `scope_ids` (a repeated id counts
/// each time), each with `overflow_cap`.
public struct EqualDistribution: Codable, Sendable {
    public var planID: String
    public var scopeType: String
    public var scopeIds: [String]
    public var totalCredits: Double
    public var overflowCap: Double?

    public init(planID: String, scopeType: String, scopeIds: [String], totalCredits: Double, overflowCap: Double? = nil)
    {
        (self.planID, self.scopeType, self.scopeIds) = (planID, scopeType, scopeIds)
        (self.totalCredits, self.overflowCap) = (totalCredits, overflowCap)
    }
}

/// `POST /v1/budgets/copilot/overrides`: credits that replace a scope's allocation in a plan's effective view.
public struct OverrideCreate: Codable, Sendable {
    public var planID: String
    public var scopeType: String
    public var scopeID: String
    public var overrideCredits: Double
    public var reason: String?

    public init(planID: String, scopeType: String, scopeID: String, overrideCredits: Double, reason: String? = nil) {
        (self.planID, self.scopeType, self.scopeID) = (planID, scopeType, scopeID)
        (self.overrideCredits, self.reason) = (overrideCredits, reason)
    }
}

/// `POST /v1/budgets/copilot/usage/record`: a raw cost and who and what it is for (free text, not checked against
/// the tree), with cockpit's optional `request_id`: a repeat records nothing new and answers the earlier row.
public struct UsageRecord: Codable, Sendable {
    public var rawCost: Double
    public var orgID: String?
    public var teamID: String?
    public var userID: String?
    public var agentID: String?
    public var modelName: String?
    public var connectionID: String?
    public var guardrailCode: String?
    public var metadata: JSONValue?
    public var requestID: String?

    public init(rawCost: Double, attribution: CreditAttribution = CreditAttribution(), requestID: String? = nil) {
        (self.rawCost, self.requestID) = (rawCost, requestID)
        (orgID, teamID, userID, agentID) = (
            attribution.orgID, attribution.teamID, attribution.userID, attribution.agentID
        )
        (modelName, connectionID, guardrailCode) = (
            attribution.modelName, attribution.connectionID, attribution.guardrailCode
        )
    }

    /// Who and what the cost is charged to.
    public var attribution: CreditAttribution {
        CreditAttribution(
            orgID: orgID, teamID: teamID, userID: userID, agentID: agentID, modelName: modelName,
            connectionID: connectionID, guardrailCode: guardrailCode)
    }
}

/// `POST /v1/budgets/copilot/cycles/renew`: the period closed (ISO date-times; a time without an offset is UTC), the
/// new plan's name, the most credits rolled into the pool (a negative cap rolls none) and whether overrides carry
/// over.
public struct CycleRenew: Codable, Sendable {
    public var cycleStart: String
    public var cycleEnd: String
    public var newPlanName: String?
    public var rolloverCap: Double?
    public var copyOverrides: Bool?

    public init(
        cycleStart: String, cycleEnd: String, newPlanName: String? = nil, rolloverCap: Double? = nil,
        copyOverrides: Bool = false
    ) {
        (self.cycleStart, self.cycleEnd, self.newPlanName) = (cycleStart, cycleEnd, newPlanName)
        (self.rolloverCap, self.copyOverrides) = (rolloverCap, copyOverrides)
    }

    /// An ISO date-time (`YYYY-MM-DD[THH:MM:SS[.f][Z|±HH:MM]]`, naive = UTC) and the date part as written; nil for
    /// anything else, a day that does not exist included.
    public static func time(_ text: String) -> (date: Date, day: String)? {
        let day = String(text.prefix(10))
        guard let date = Timestamp.parse(text), let midnight = Timestamp.parse(day), Timestamp.day(midnight) == day
        else { return nil }
        return (date, day)
    }

    /// The core's request; nil names the field that is no ISO date-time. The cap in micro-credits: a negative cap
    /// rolls nothing over, NaN or more than a billion is refused as the core refuses amounts.
    public func renewal() throws -> Result<CycleRenewal, MalformedTime> {
        guard let start = Self.time(cycleStart) else { return .failure(MalformedTime(field: "cycle_start")) }
        guard let end = Self.time(cycleEnd) else { return .failure(MalformedTime(field: "cycle_end")) }
        let cap = try rolloverCap.map { $0 < 0 ? 0 : try Micros.amount($0, field: "rollover_cap") }
        return .success(
            CycleRenewal(
                cycleStart: start.date, cycleEnd: end.date, newPlanName: newPlanName, rolloverCap: cap,
                copyOverrides: copyOverrides ?? false, cycleEndDate: end.day))
    }

    /// A field that is no ISO date-time (the original's validation: 422).
    public struct MalformedTime: Error, Sendable, Equatable {
        public var field: String
        public var message: String { "\(field) must be an ISO 8601 date-time" }
    }
}
