import CockpitCore
import Foundation

/// `{"items": [...]}` exactly, for the lists the original answers without a cursor (account allocations, alerts,
/// cycle history).
public struct ItemList<T: Encodable & Sendable>: Encodable, Sendable {
    public var items: [T]
    public init(_ items: [T]) { self.items = items }
}

/// `{"deleted": bool}`: whether a delete removed a row.
public struct DeletedAnswer: Codable, Sendable, Equatable {
    public var deleted: Bool
    public init(_ deleted: Bool) { self.deleted = deleted }
}

/// `GET /v1/budgets/copilot/effective-allocation`, a bare object: one item per allocation of the plan, its base and
/// the newest override of its scope; `unallocated` = monthly − distributed, not clamped (the original's quirk).
public struct EffectiveAllocationView: Codable, Sendable, Equatable {
    /// One allocation with its override applied; `overflow_cap` written as null when none is set.
    public struct Item: Codable, Sendable, Equatable {
        public var scopeType: String
        public var scopeID: String
        public var baseAllocated: Double
        public var effectiveAllocated: Double
        public var overrideApplied: Bool
        public var overflowCap: Double?

        public init(_ i: EffectiveAllocation.Item) {
            (scopeType, scopeID, overrideApplied) = (i.scope.type.rawValue, i.scope.id, i.overrideApplied)
            (baseAllocated, effectiveAllocated, overflowCap) = (
                Micros.decimal(i.baseAllocated), Micros.decimal(i.effectiveAllocated), i.overflowCap.map(Micros.decimal)
            )
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scopeType, forKey: .scopeType)
            try c.encode(scopeID, forKey: .scopeID)
            try c.encode(baseAllocated, forKey: .baseAllocated)
            try c.encode(effectiveAllocated, forKey: .effectiveAllocated)
            try c.encode(overrideApplied, forKey: .overrideApplied)
            try c.encode(overflowCap, forKey: .overflowCap)
        }

        enum CodingKeys: String, CodingKey {
            case scopeType, scopeID, baseAllocated, effectiveAllocated, overrideApplied, overflowCap
        }
    }

    public var planID: UUID
    public var accountID: UUID
    public var monthlyCredits: Double
    public var distributed: Double
    public var unallocated: Double
    public var creditFactor: Double
    public var overflowLimit: Double
    public var items: [Item]

    public init(_ e: EffectiveAllocation) {
        (planID, accountID, creditFactor, items) = (e.planID, e.accountID, e.creditFactor, e.items.map(Item.init))
        (monthlyCredits, distributed, unallocated, overflowLimit) = (
            Micros.decimal(e.monthlyCredits), Micros.decimal(e.distributed), Micros.decimal(e.unallocated),
            Micros.decimal(e.overflowLimit)
        )
    }
}

/// `GET /v1/budgets/copilot/usage-by-scope`: `{"plan_id", "items"}`, `plan_id` null when there is no active plan.
public struct UsageByScopeView: Codable, Sendable, Equatable {
    /// One allocation's usage against its base credits (overrides ignored, as in the original).
    public struct Item: Codable, Sendable, Equatable {
        public var scopeType: String
        public var scopeID: String
        public var allocatedCredits: Double
        public var used: Double
        public var usagePercentage: Double
        public var overflowCap: Double?
        public var overflowUsed: Double

        public init(_ u: ScopeUsage) {
            (scopeType, scopeID, usagePercentage) = (u.scope.type.rawValue, u.scope.id, u.usagePercentage)
            (allocatedCredits, used, overflowCap, overflowUsed) = (
                Micros.decimal(u.allocatedCredits), Micros.decimal(u.used), u.overflowCap.map(Micros.decimal),
                Micros.decimal(u.overflowUsed)
            )
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scopeType, forKey: .scopeType)
            try c.encode(scopeID, forKey: .scopeID)
            try c.encode(allocatedCredits, forKey: .allocatedCredits)
            try c.encode(used, forKey: .used)
            try c.encode(usagePercentage, forKey: .usagePercentage)
            try c.encode(overflowCap, forKey: .overflowCap)
            try c.encode(overflowUsed, forKey: .overflowUsed)
        }

        enum CodingKeys: String, CodingKey {
            case scopeType, scopeID, allocatedCredits, used, usagePercentage, overflowCap, overflowUsed
        }
    }

    public var planID: String?
    public var items: [Item]

    public init(planID: String?, items: [ScopeUsage]) { (self.planID, self.items) = (planID, items.map(Item.init)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(planID, forKey: .planID)
        try c.encode(items, forKey: .items)
    }

    enum CodingKeys: String, CodingKey { case planID, items }
}

/// One alert exactly as the original's client reads it: `{entity_name, usage_percentage, alert_level, budget:
/// {entity_type, entity_id}}`.
public struct AlertView: Codable, Sendable, Equatable {
    /// What the alert is about: `ORG`, `TEAM`, `USER` or `POOL` and the scope's id.
    public struct Budget: Codable, Sendable, Equatable {
        public var entityType: String
        public var entityID: String
    }

    public var entityName: String
    public var usagePercentage: Double
    public var alertLevel: String
    public var budget: Budget

    public init(_ a: CreditAlert) {
        (entityName, usagePercentage, alertLevel) = (a.entityName, a.usage.usagePercentage, a.level.rawValue)
        budget = Budget(entityType: a.usage.scope.type.entityType, entityID: a.usage.scope.id)
    }
}

/// `GET /v1/budgets/copilot/cost-breakdown`: `{"by", "items": [{key, raw_cost, credits}]}`, `key` null for the rows
/// naming nothing.
public struct CostBreakdownView: Codable, Sendable, Equatable {
    /// One group.
    public struct Group: Codable, Sendable, Equatable {
        public var key: String?
        public var rawCost: Double
        public var credits: Double

        public init(_ g: CreditCostGroup) {
            (key, rawCost, credits) = (g.key, Micros.decimal(g.rawCost), Micros.decimal(g.credits))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(rawCost, forKey: .rawCost)
            try c.encode(credits, forKey: .credits)
        }

        enum CodingKeys: String, CodingKey { case key, rawCost, credits }
    }

    public var by: String
    public var items: [Group]

    public init(by: CreditDimension, groups: [CreditCostGroup]) {
        (self.by, items) = (by.rawValue, groups.map(Group.init))
    }
}

/// `GET /v1/costs/breakdown` without `by`/`days` (the original's): the copilot ledger grouped by model, agent,
/// connection and guardrail, `{"domain", "items"}`; the names a group has none of are null.
public struct LedgerBreakdownView: Codable, Sendable, Equatable {
    /// One group.
    public struct Group: Codable, Sendable, Equatable {
        public var modelName: String?
        public var agentID: String?
        public var connectionID: String?
        public var guardrailCode: String?
        public var rawCost: Double
        public var creditsIncurred: Double

        public init(_ g: LedgerCostGroup) {
            (modelName, agentID) = (g.attribution.modelName, g.attribution.agentID)
            (connectionID, guardrailCode) = (g.attribution.connectionID, g.attribution.guardrailCode)
            (rawCost, creditsIncurred) = (Micros.decimal(g.rawCost), Micros.decimal(g.creditsIncurred))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(modelName, forKey: .modelName)
            try c.encode(agentID, forKey: .agentID)
            try c.encode(connectionID, forKey: .connectionID)
            try c.encode(guardrailCode, forKey: .guardrailCode)
            try c.encode(rawCost, forKey: .rawCost)
            try c.encode(creditsIncurred, forKey: .creditsIncurred)
        }

        enum CodingKeys: String, CodingKey {
            case modelName, agentID, connectionID, guardrailCode, rawCost, creditsIncurred
        }
    }

    public var domain: ProductDomain
    public var items: [Group]

    public init(domain: ProductDomain, groups: [LedgerCostGroup]) {
        (self.domain, items) = (domain, groups.map(Group.init))
    }
}

/// `POST /v1/budgets/copilot/distribute/equal`: `{"status": "ok", "per_scope", "allocation_ids"}` (ids in the
/// order of `scope_ids`).
public struct DistributionAnswer: Codable, Sendable, Equatable {
    public var status: String
    public var perScope: Double
    public var allocationIds: [UUID]

    public init(perScope: Int64, allocationIds: [UUID]) {
        (status, self.perScope, self.allocationIds) = ("ok", Micros.decimal(perScope), allocationIds)
    }
}

/// `POST /v1/budgets/copilot/cycles/renew`: `{"cycle_id", "item": <new plan>, "summary"}`.
public struct RenewalAnswer: Codable, Sendable, Equatable {
    /// What the renewal computed, credits as decimals.
    public struct Summary: Codable, Sendable, Equatable {
        public var sourcePlanID: UUID
        public var newPlanID: UUID
        public var usedCredits: Double
        public var monthlyCredits: Double
        public var overflowChargeCredits: Double
        public var rolloverCredits: Double

        public init(_ s: CycleSummary) {
            (sourcePlanID, newPlanID) = (s.sourcePlanID, s.newPlanID)
            (usedCredits, monthlyCredits) = (Micros.decimal(s.usedCredits), Micros.decimal(s.monthlyCredits))
            (overflowChargeCredits, rolloverCredits) = (
                Micros.decimal(s.overflowChargeCredits), Micros.decimal(s.rolloverCredits)
            )
        }
    }

    public var cycleID: UUID
    public var item: PlanView
    public var summary: Summary

    public init(cycleID: UUID, plan: CreditPlan, summary: CycleSummary) {
        (self.cycleID, item, self.summary) = (cycleID, PlanView(plan), Summary(summary))
    }
}
