import Foundation

/// An organization of one domain's tree.
public struct Organization: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var name: String
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A team inside an organization of the same account and domain.
public struct Team: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    public var domain: ProductDomain
    public var orgID: UUID
    public var name: String
    public var metadata: JSONValue
    public var maxBudget: Double?
    public var createdAt: Date
    public var updatedAt: Date
}
