import Foundation

/// A plan's allocations with overrides applied, against the account's monthly credits. Micro-credits.
public struct EffectiveAllocation: Sendable, Equatable {
    /// One allocation of the plan: its base, and the newest override of its scope when there is one.
    public struct Item: Sendable, Equatable {
        public var scope: CreditScope
        public var baseAllocated: Int64
        public var effectiveAllocated: Int64
        public var overrideApplied: Bool
        public var overflowCap: Int64?

        public init(
            scope: CreditScope, baseAllocated: Int64, effectiveAllocated: Int64, overrideApplied: Bool,
            overflowCap: Int64?
        ) {
            (self.scope, self.baseAllocated, self.effectiveAllocated) = (scope, baseAllocated, effectiveAllocated)
            (self.overrideApplied, self.overflowCap) = (overrideApplied, overflowCap)
        }
    }

    public var planID: UUID
    public var accountID: UUID
    /// The account allocation's monthly credits (0 without one).
    public var monthlyCredits: Int64
    /// Σ effective allocations.
    public var distributed: Int64
    /// monthly − distributed, not clamped: negative when over-distributed (the original's quirk, kept).
    public var unallocated: Int64
    public var creditFactor: Double
    public var overflowLimit: Int64
    public var items: [Item]

    public init(
        planID: UUID, accountID: UUID, monthlyCredits: Int64, distributed: Int64, unallocated: Int64,
        creditFactor: Double, overflowLimit: Int64, items: [Item]
    ) {
        (self.planID, self.accountID, self.monthlyCredits) = (planID, accountID, monthlyCredits)
        (self.distributed, self.unallocated, self.creditFactor) = (distributed, unallocated, creditFactor)
        (self.overflowLimit, self.items) = (overflowLimit, items)
    }
}

/// One allocation's usage: Σ credits incurred by ledger rows naming its scope, against its base allocation.
public struct ScopeUsage: Sendable, Equatable {
    public var scope: CreditScope
    public var allocatedCredits: Int64
    public var used: Int64
    public var overflowCap: Int64?

    public init(scope: CreditScope, allocatedCredits: Int64, used: Int64, overflowCap: Int64?) {
        (self.scope, self.allocatedCredits, self.used, self.overflowCap) = (scope, allocatedCredits, used, overflowCap)
    }

    /// used ÷ allocated × 100; 0 when nothing is allocated.
    public var usagePercentage: Double {
        allocatedCredits > 0 ? Double(used) / Double(allocatedCredits) * 100 : 0
    }
    /// Usage past the allocation.
    public var overflowUsed: Int64 { max(0, used - allocatedCredits) }
}

/// A scope at or past an alert threshold, with the name of what it is.
public struct CreditAlert: Sendable, Equatable {
    public enum Level: String, Sendable, Codable {
        case warning, critical, exceeded

        /// `exceeded` from 100 %, `critical` from 90 %, else `warning`.
        public init(percentage: Double) {
            self = percentage >= 100 ? .exceeded : percentage >= 90 ? .critical : .warning
        }
    }

    /// The organization's or team's name, the user's display name or email; the scope id for the pool or a scope
    /// whose object is gone.
    public var entityName: String
    public var usage: ScopeUsage
    public var level: Level

    public init(entityName: String, usage: ScopeUsage, level: Level) {
        (self.entityName, self.usage, self.level) = (entityName, usage, level)
    }
}

/// The ledger dimension a cost breakdown groups by.
public enum CreditDimension: String, Sendable, CaseIterable {
    case agent, llm, connection, guardrail

    /// The ledger column.
    public var column: String {
        switch self {
        case .agent: "agent_id"
        case .llm: "model_name"
        case .connection: "connection_id"
        case .guardrail: "guardrail_code"
        }
    }
}

/// Raw cost and credits of one group of ledger rows (micro-units); `key` nil for the rows naming none.
public struct CreditCostGroup: Sendable, Equatable {
    public var key: String?
    public var rawCost: Int64
    public var credits: Int64

    public init(key: String?, rawCost: Int64, credits: Int64) {
        (self.key, self.rawCost, self.credits) = (key, rawCost, credits)
    }
}

/// Raw cost and credits of the ledger rows sharing model, agent, connection and guardrail (`/v1/costs/breakdown`).
public struct LedgerCostGroup: Sendable, Equatable {
    public var attribution: CreditAttribution
    public var rawCost: Int64
    public var creditsIncurred: Int64

    public init(attribution: CreditAttribution, rawCost: Int64, creditsIncurred: Int64) {
        (self.attribution, self.rawCost, self.creditsIncurred) = (attribution, rawCost, creditsIncurred)
    }
}

/// The ledger of one UTC day: credits, raw cost (micro-units) and rows.
public struct CreditDay: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD`.
    public var day: String
    public var credits: Int64
    public var rawCost: Int64
    public var rows: Int64

    public init(day: String, credits: Int64, rawCost: Int64, rows: Int64) {
        (self.day, self.credits, self.rawCost, self.rows) = (day, credits, rawCost, rows)
    }
}
