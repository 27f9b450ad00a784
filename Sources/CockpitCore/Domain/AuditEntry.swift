import Foundation

/// The area an audited change belongs to.
public enum AuditDomain: String, Sendable, Codable, CaseIterable {
    case console, copilot, iam, billing

    /// The audit domain of a product tree.
    public init(_ domain: ProductDomain) { self = domain == .console ? .console : .copilot }
}

/// Who did something and how they proved it; written into every audit row.
public struct Actor: Sendable, Equatable, Codable {
    /// An email, `super-admin@local`, a key alias or `system`.
    public var name: String
    /// `master_key`, `session`, `zitadel`, `virtual_key`, `cli`, `system`…
    public var authMethod: String
    /// The request that caused the change, when there is one.
    public var requestID: String?

    public init(name: String, authMethod: String, requestID: String? = nil) {
        self.name = name
        self.authMethod = authMethod
        self.requestID = requestID
    }

    /// The command-line tool run by an operator on the machine.
    public static let cli = Actor(name: "cli@local", authMethod: "cli")
    /// Work the system does by itself (seeding, maintenance).
    public static let system = Actor(name: "system", authMethod: "system")
}

/// One audited write, recorded in the same transaction as the write.
public struct AuditEntry: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var accountID: UUID?
    public var at: Date
    public var actor: String
    public var authMethod: String
    public var domain: AuditDomain
    public var action: String
    public var objectType: String
    public var objectID: String
    public var before: JSONValue?
    public var after: JSONValue?
    public var requestID: String?

    public init(
        id: Int64, accountID: UUID?, at: Date, actor: String, authMethod: String, domain: AuditDomain, action: String,
        objectType: String, objectID: String, before: JSONValue?, after: JSONValue?, requestID: String?
    ) {
        (self.id, self.accountID, self.at, self.actor, self.authMethod, self.domain) = (
            id, accountID, at, actor, authMethod, domain
        )
        (self.action, self.objectType, self.objectID, self.before, self.after, self.requestID) = (
            action, objectType, objectID, before, after, requestID
        )
    }
}
