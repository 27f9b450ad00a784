import Foundation

/// What organizations and teams share, so that one patch serves both.
protocol TreeNode {
    var name: String { get set }
    var metadata: JSONValue { get set }
    var maxBudget: Double? { get set }
    var description: String? { get set }
    var updatedAt: Date { get set }
}

extension Organization: TreeNode {}
extension Team: TreeNode {}

/// Organizations, teams, users and memberships of an account's console and copilot trees. Every call names
/// the account and the domain; every write is audited in its own transaction.
public struct DirectoryService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// A partial change to an organization or team: nil leaves a field; `.some(nil)` clears the budget or the
    /// description.
    public struct Patch: Sendable {
        public var name: String?
        public var metadata: JSONValue?
        public var maxBudget: Double??
        public var description: String??
        public init(
            name: String? = nil, metadata: JSONValue? = nil, maxBudget: Double?? = nil, description: String?? = nil
        ) {
            (self.name, self.metadata, self.maxBudget, self.description) = (name, metadata, maxBudget, description)
        }

        /// The patch with every field validated.
        func validated() throws -> Patch {
            Patch(
                name: try name.map { try Validation.name($0) },
                metadata: try metadata.map { try Validation.metadata($0) },
                maxBudget: try maxBudget.map { try Validation.budget($0) },
                description: try description.map { try Validation.description($0) })
        }

        /// Writes the set fields onto an organization or team.
        func apply<Node: TreeNode>(to node: inout Node, at now: Date) {
            if let name { node.name = name }
            if let metadata { node.metadata = metadata }
            if let maxBudget { node.maxBudget = maxBudget }
            if let description { node.description = description }
            node.updatedAt = now
        }
    }

    /// Runs a write inside one account, after checking the account exists.
    func write<T: Sendable>(_ account: UUID, _ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            return try body(tx)
        }
    }

    /// Runs a read inside one account.
    func read<T: Sendable>(_ account: UUID, _ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        try await context.read(.account(account), body)
    }

    /// Records one audited change of a tree object.
    func audit(
        _ tx: Transaction, _ account: UUID, _ domain: ProductDomain, _ actor: Actor, _ action: String, _ type: String,
        _ id: String,
        before: JSONValue? = nil, after: JSONValue? = nil
    ) throws {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: AuditDomain(domain), action: action, objectType: type,
            objectID: id, before: before, after: after, at: context.now())
    }
}
