import CockpitCore
import Foundation

/// An account's allocation as `/v1/budgets/account-allocation` answers it (V1_CONTRACT.md "Copilot budgets"): credits
/// as decimals.
public struct AccountAllocationView: Codable, Sendable, Equatable {
    public var accountID: UUID
    public var monthlyCredits: Double
    public var overflowLimit: Double
    public var creditFactor: Double
    public var effectiveFrom: Date
    public var updatedAt: Date

    public init(_ a: AccountCreditAllocation) {
        (accountID, monthlyCredits, overflowLimit) = (
            a.accountID, Micros.decimal(a.monthlyCredits), Micros.decimal(a.overflowLimit)
        )
        (creditFactor, effectiveFrom, updatedAt) = (a.creditFactor, a.effectiveFrom, a.updatedAt)
    }
}

/// `GET /v1/budgets/copilot/account-allocation`, a bare object: the caller's account's allocation without its id;
/// without one exactly `{"monthly_credits": 0, "overflow_limit": 0, "credit_factor": 1}` (the original's quirk).
public struct CopilotAllocationView: Codable, Sendable, Equatable {
    public var monthlyCredits: Double
    public var overflowLimit: Double
    public var creditFactor: Double
    public var effectiveFrom: Date?
    public var updatedAt: Date?

    public init(_ a: AccountCreditAllocation?) {
        (monthlyCredits, overflowLimit, creditFactor) = (
            a.map { Micros.decimal($0.monthlyCredits) } ?? 0, a.map { Micros.decimal($0.overflowLimit) } ?? 0,
            a?.creditFactor ?? 1
        )
        (effectiveFrom, updatedAt) = (a?.effectiveFrom, a?.updatedAt)
    }

    /// The view as JSON (the account bundle's `allocation`).
    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "monthly_credits": .number(monthlyCredits), "overflow_limit": .number(overflowLimit),
            "credit_factor": .number(creditFactor),
        ]
        if let effectiveFrom { fields["effective_from"] = .string(Timestamp.format(effectiveFrom)) }
        if let updatedAt { fields["updated_at"] = .string(Timestamp.format(updatedAt)) }
        return .object(fields)
    }
}

/// A budget plan: `{id, account_id, name, cycle, status, created_by, created_at, updated_at}`.
public struct PlanView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    public var cycle: String
    public var status: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(_ p: CreditPlan) {
        (id, accountID, name, cycle, status) = (p.id, p.accountID, p.name, p.cycle, p.status.rawValue)
        (createdBy, createdAt, updatedAt) = (p.createdBy, p.createdAt, p.updatedAt)
    }
}

/// A scope's allocation in a plan; `overflow_cap` is written as null when none is set.
public struct AllocationView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var planID: UUID
    public var scopeType: String
    public var scopeID: String
    public var allocatedCredits: Double
    public var overflowCap: Double?
    public var source: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(_ a: CreditAllocation) {
        (id, accountID, planID, scopeType, scopeID) = (a.id, a.accountID, a.planID, a.scope.type.rawValue, a.scope.id)
        (allocatedCredits, overflowCap, source) = (
            Micros.decimal(a.allocatedCredits), a.overflowCap.map(Micros.decimal), a.source
        )
        (createdBy, createdAt, updatedAt) = (a.createdBy, a.createdAt, a.updatedAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(planID, forKey: .planID)
        try c.encode(scopeType, forKey: .scopeType)
        try c.encode(scopeID, forKey: .scopeID)
        try c.encode(allocatedCredits, forKey: .allocatedCredits)
        try c.encode(overflowCap, forKey: .overflowCap)
        try c.encode(source, forKey: .source)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, planID, scopeType, scopeID, allocatedCredits, overflowCap, source, createdBy, createdAt
        case updatedAt
    }
}

/// An override of a scope's allocation; `reason` is written as null when none was given.
public struct OverrideView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var planID: UUID
    public var scopeType: String
    public var scopeID: String
    public var overrideCredits: Double
    public var reason: String?
    public var createdBy: String
    public var createdAt: Date

    public init(_ o: CreditOverride) {
        (id, accountID, planID, scopeType, scopeID) = (o.id, o.accountID, o.planID, o.scope.type.rawValue, o.scope.id)
        (overrideCredits, reason, createdBy, createdAt) = (
            Micros.decimal(o.overrideCredits), o.reason, o.createdBy, o.createdAt
        )
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(planID, forKey: .planID)
        try c.encode(scopeType, forKey: .scopeType)
        try c.encode(scopeID, forKey: .scopeID)
        try c.encode(overrideCredits, forKey: .overrideCredits)
        try c.encode(reason, forKey: .reason)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, planID, scopeType, scopeID, overrideCredits, reason, createdBy, createdAt
    }
}

/// A usage ledger row, every attribution field written (null when not reported), with cockpit's `request_id`.
public struct LedgerView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var orgID: String?
    public var teamID: String?
    public var userID: String?
    public var agentID: String?
    public var modelName: String?
    public var connectionID: String?
    public var guardrailCode: String?
    public var rawCost: Double
    public var creditFactor: Double
    public var creditsIncurred: Double
    public var metadata: JSONValue
    public var requestID: String?
    public var createdAt: Date

    public init(_ e: CreditLedgerEntry) {
        (id, accountID, orgID, teamID, userID, agentID) = (e.id, e.accountID, e.orgID, e.teamID, e.userID, e.agentID)
        (modelName, connectionID, guardrailCode) = (e.modelName, e.connectionID, e.guardrailCode)
        (rawCost, creditFactor, creditsIncurred) = (
            Micros.decimal(e.rawCost), e.creditFactor, Micros.decimal(e.creditsIncurred)
        )
        (metadata, requestID, createdAt) = (e.metadata, e.requestID, e.createdAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(accountID, forKey: .accountID)
        try c.encode(orgID, forKey: .orgID)
        try c.encode(teamID, forKey: .teamID)
        try c.encode(userID, forKey: .userID)
        try c.encode(agentID, forKey: .agentID)
        try c.encode(modelName, forKey: .modelName)
        try c.encode(connectionID, forKey: .connectionID)
        try c.encode(guardrailCode, forKey: .guardrailCode)
        try c.encode(rawCost, forKey: .rawCost)
        try c.encode(creditFactor, forKey: .creditFactor)
        try c.encode(creditsIncurred, forKey: .creditsIncurred)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(requestID, forKey: .requestID)
        try c.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, accountID, orgID, teamID, userID, agentID, modelName, connectionID, guardrailCode, rawCost
        case creditFactor, creditsIncurred, metadata, requestID, createdAt
    }
}

/// A renewal in the cycle history: the plans closed and opened, the period, the credits rolled over and the overflow
/// charged, and the summary the renewal answered (`summary_json`).
public struct CycleView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var sourcePlanID: UUID
    public var newPlanID: UUID
    public var cycleStart: Date
    public var cycleEnd: Date
    public var rolloverCredits: Double
    public var overflowChargeCredits: Double
    public var summaryJson: JSONValue
    public var createdBy: String
    public var createdAt: Date

    public init(_ c: CreditCycle) {
        (id, accountID, sourcePlanID, newPlanID) = (c.id, c.accountID, c.sourcePlanID, c.newPlanID)
        (cycleStart, cycleEnd, summaryJson) = (c.cycleStart, c.cycleEnd, c.summary.json)
        (rolloverCredits, overflowChargeCredits) = (
            Micros.decimal(c.rolloverCredits), Micros.decimal(c.overflowChargeCredits)
        )
        (createdBy, createdAt) = (c.createdBy, c.createdAt)
    }
}
