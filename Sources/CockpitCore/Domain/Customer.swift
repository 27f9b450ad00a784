import Foundation

/// An end user of an account (LiteLLM's customer): the id a client sends as `user` in its gateway requests. Its
/// requests are charged to it, refused while it is blocked, and held to its named budget.
public struct Customer: Sendable, Equatable, Codable {
    public var accountID: UUID
    /// The client's own id for the end user (any text of 1 to 200 characters), unique in the account.
    public var userID: String
    public var alias: String?
    public var blocked: Bool
    /// The cost of every spend row charged to the customer.
    public var spend: Double
    /// The named budget the customer is held to, if any.
    public var budgetID: String?
    public var metadata: JSONValue
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        accountID: UUID, userID: String, alias: String? = nil, blocked: Bool = false, spend: Double = 0,
        budgetID: String? = nil, metadata: JSONValue = .emptyObject, createdAt: Date, updatedAt: Date
    ) {
        self.accountID = accountID
        self.userID = userID
        self.alias = alias
        self.blocked = blocked
        self.spend = spend
        self.budgetID = budgetID
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The most characters an end-user or budget id may have (gateway requests naming a longer `user` are refused).
    public static let maxIDLength = 200

    /// Checks a caller-chosen id (a customer's `user_id`, a budget's `budget_id`): 1 to 200 characters, no control
    /// characters, taken as it is (not trimmed: the gateway matches it exactly). Throws `.invalid` naming `field`.
    public static func checkID(_ raw: String, field: String) throws -> String {
        guard !raw.isEmpty else { throw CockpitError.invalid(field: field, reason: "must not be empty") }
        guard raw.unicodeScalars.count <= maxIDLength else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(maxIDLength) characters")
        }
        guard !raw.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw CockpitError.invalid(field: field, reason: "must not contain control characters")
        }
        return raw
    }
}

/// A customer with its named budget, as the management API shows it.
public struct CustomerWithBudget: Sendable, Equatable {
    public var customer: Customer
    public var budget: NamedBudget?

    public init(customer: Customer, budget: NamedBudget?) {
        self.customer = customer
        self.budget = budget
    }
}
