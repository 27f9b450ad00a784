import CockpitCore
import Foundation

/// The budget and limits of an organization, team or user beyond its own lifetime budget: a budget over a period, a
/// soft budget, and rate limits. Nil clears each.
public struct BudgetLimits: Sendable, Equatable {
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
    func apply(to row: inout Budget) {
        (row.maxBudget, row.softBudget, row.budgetDuration) = (maxBudget, softBudget, budgetDuration)
        (row.rpmLimit, row.tpmLimit, row.maxParallelRequests) = (rpmLimit, tpmLimit, maxParallelRequests)
    }

    /// The limits as the `/v1/…/budget` route takes them.
    var json: JSONValue {
        func number<T: BinaryInteger>(_ v: T?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
        return [
            "max_budget": maxBudget.map(JSONValue.number) ?? .null,
            "soft_budget": softBudget.map(JSONValue.number) ?? .null,
            "budget_duration": budgetDuration.map(JSONValue.string) ?? .null, "rpm_limit": number(rpmLimit),
            "tpm_limit": number(tpmLimit),
            "max_parallel_requests": number(maxParallelRequests),
        ]
    }

    /// The budget subject and id of a tree node (a member's is its user's); nil for a row that is not a node.
    static func subject(of node: NodeID) -> (BudgetSubject, UUID, path: String)? {
        switch node {
        case .org(let id): (.org, id, "orgs")
        case .team(let id): (.team, id, "teams")
        case .member(_, let user): (.user, user, "users")
        case .more: nil
        }
    }
}
