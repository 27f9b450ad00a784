import Foundation

/// An account's copilot credits for a month (super-admin): the credits, the overflow allowed past them and the
/// factor that turns raw cost into credits. Amounts in micro-credits.
public struct AccountCreditAllocation: Sendable, Equatable, Codable {
    public var accountID: UUID
    public var monthlyCredits: Int64
    public var overflowLimit: Int64
    public var creditFactor: Double
    /// When the account first got an allocation (kept across updates).
    public var effectiveFrom: Date
    public var updatedAt: Date

    public init(
        accountID: UUID, monthlyCredits: Int64, overflowLimit: Int64, creditFactor: Double, effectiveFrom: Date,
        updatedAt: Date
    ) {
        (self.accountID, self.monthlyCredits, self.overflowLimit) = (accountID, monthlyCredits, overflowLimit)
        (self.creditFactor, self.effectiveFrom, self.updatedAt) = (creditFactor, effectiveFrom, updatedAt)
    }
}

/// A budget plan: the frame allocations and overrides belong to. One plan per account is active.
public struct CreditPlan: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case active, inactive }

    public var id: UUID
    public var accountID: UUID
    public var name: String
    /// `monthly` by default; free text (the original's clients offer monthly and quarterly).
    public var cycle: String
    public var status: Status
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, name: String, cycle: String, status: Status, createdBy: String, createdAt: Date,
        updatedAt: Date
    ) {
        (self.id, self.accountID, self.name, self.cycle, self.status) = (id, accountID, name, cycle, status)
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }
}

/// Credits allocated to one scope in one plan, with the most it may overrun them by (`overflowCap`, nil: none set).
public struct CreditAllocation: Sendable, Equatable, Codable {
    public var id: UUID
    public var accountID: UUID
    public var planID: UUID
    public var scope: CreditScope
    public var allocatedCredits: Int64
    public var overflowCap: Int64?
    /// `manual`, `equal`, `cycle_rollover`, or what a client sent.
    public var source: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, planID: UUID, scope: CreditScope, allocatedCredits: Int64, overflowCap: Int64?,
        source: String, createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.accountID, self.planID, self.scope) = (id, accountID, planID, scope)
        (self.allocatedCredits, self.overflowCap, self.source) = (allocatedCredits, overflowCap, source)
        (self.createdBy, self.createdAt, self.updatedAt) = (createdBy, createdAt, updatedAt)
    }
}

/// Credits that replace a scope's allocation in a plan's effective view, with the reason.
public struct CreditOverride: Sendable, Equatable, Codable {
    public var id: UUID
    public var accountID: UUID
    public var planID: UUID
    public var scope: CreditScope
    public var overrideCredits: Int64
    public var reason: String?
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID, accountID: UUID, planID: UUID, scope: CreditScope, overrideCredits: Int64, reason: String?,
        createdBy: String, createdAt: Date
    ) {
        (self.id, self.accountID, self.planID, self.scope) = (id, accountID, planID, scope)
        (self.overrideCredits, self.reason, self.createdBy, self.createdAt) = (
            overrideCredits, reason, createdBy, createdAt
        )
    }
}
