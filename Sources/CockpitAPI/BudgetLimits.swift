import CockpitCore
import Foundation

/// `PUT /v1/{domain}/{orgs|teams|users}/{id}/budget`: the budget and limits of an organization, team or user beyond its
/// own lifetime budget: a budget over a period, a soft budget, and rate limits. Each is replaced; absent or null clears it.
public struct BudgetLimits: Codable, Sendable, Equatable {
    public var maxBudget: Double?
    public var softBudget: Double?
    public var budgetDuration: String?
    public var rpmLimit: Int64?
    public var tpmLimit: Int64?
    public var maxParallelRequests: Int64?

    public init(
        maxBudget: Double? = nil, softBudget: Double? = nil, budgetDuration: String? = nil, rpmLimit: Int64? = nil,
        tpmLimit: Int64? = nil,
        maxParallelRequests: Int64? = nil
    ) {
        (self.maxBudget, self.softBudget, self.budgetDuration) = (maxBudget, softBudget, budgetDuration)
        (self.rpmLimit, self.tpmLimit, self.maxParallelRequests) = (rpmLimit, tpmLimit, maxParallelRequests)
    }

    /// The limits a stored row holds (none for no row).
    public init(_ row: Budget?) {
        self.init(
            maxBudget: row?.maxBudget, softBudget: row?.softBudget, budgetDuration: row?.budgetDuration,
            rpmLimit: row?.rpmLimit,
            tpmLimit: row?.tpmLimit, maxParallelRequests: row?.maxParallelRequests)
    }

    /// Writes the limits onto a row.
    public func apply(to row: inout Budget) {
        (row.maxBudget, row.softBudget, row.budgetDuration) = (maxBudget, softBudget, budgetDuration)
        (row.rpmLimit, row.tpmLimit, row.maxParallelRequests) = (rpmLimit, tpmLimit, maxParallelRequests)
    }
}
