import CockpitCore
import Foundation

/// What the cockpit reads and changes. The local backend calls CockpitCore's services on the store; a remote one
/// talks to a server's `/v1` API. Views cannot tell them apart.
public protocol CockpitBackend: Sendable {
    /// Who is signed in, as the header shows it (`super-admin@local`, `admin@acme.io`).
    var identity: String { get }
    /// True for a super-admin (the accounts view and switching between accounts).
    var isSuperAdmin: Bool { get }
    /// The accounts this identity may see, by name.
    func accounts() async throws -> [Account]
    /// Organizations of one tree (the first page; the tree loads lazily).
    func organizations(account: UUID, domain: ProductDomain) async throws -> [Organization]
    /// Teams of an organization.
    func teams(account: UUID, domain: ProductDomain, org: UUID) async throws -> [Team]
    /// Members of a team with their roles.
    func members(account: UUID, domain: ProductDomain, team: UUID) async throws -> [TeamMember]
    /// Users whose email or display name starts with `prefix`, across the whole tree (not only what is loaded).
    func searchUsers(account: UUID, domain: ProductDomain, prefix: String) async throws -> [User]
    /// The teams a user belongs to.
    func memberships(account: UUID, domain: ProductDomain, user: UUID) async throws -> [TeamMembership]
    /// One team.
    func team(account: UUID, domain: ProductDomain, id: UUID) async throws -> Team
    /// Creates an organization.
    func createOrganization(account: UUID, domain: ProductDomain, name: String) async throws -> Organization
    /// Creates a team in an organization.
    func createTeam(account: UUID, domain: ProductDomain, org: UUID, name: String) async throws -> Team
    /// Suspends (keys and logins stop at once) or restores an account (super-admin).
    func setAccountStatus(account: UUID, status: AccountStatus) async throws
    /// Deletes an organization or a team with what is under it.
    func delete(account: UUID, domain: ProductDomain, node: NodeID) async throws
    /// Adds a user (found by email, or created) to a team.
    func addMember(account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool) async throws
    /// The account's virtual keys.
    func keys(account: UUID) async throws -> [VirtualKey]
    /// Generates a key; the secret is returned this once.
    func generateKey(account: UUID, alias: String, models: [String]) async throws -> (key: VirtualKey, secret: String)
    /// Revokes (blocks) a key: the gateway refuses it at once.
    func revokeKey(account: UUID, id: UUID) async throws
    /// Spend over the last `days` days grouped by day, model, team…
    func costs(account: UUID, by dimension: SpendRepository.Dimension, days: Int) async throws -> [SpendRepository.Total]
    /// The newest audit entries of the account.
    func audit(account: UUID) async throws -> [AuditEntry]
    /// The models the account may route to (its own and the global ones visible to it).
    func models(account: UUID) async throws -> [ModelDeployment]
}

/// The local backend: the store opened by this process, acting as the identity that signed in.
public struct LocalBackend: CockpitBackend {
    /// The most rows a lazily loaded level shows before the filter is needed.
    public static let pageSize = 500
    let cockpit: Cockpit
    let principal: Principal
    public let identity: String

    public init(cockpit: Cockpit, principal: Principal, identity: String) {
        self.cockpit = cockpit
        self.principal = principal
        self.identity = identity
    }

    public var isSuperAdmin: Bool { principal.isSuperAdmin }

    public func accounts() async throws -> [Account] {
        if let own = principal.accountID, !principal.isSuperAdmin { return [try await cockpit.accounts.get(own)] }
        return try await cockpit.accounts.list(page: PageRequest(limit: PageRequest.maxLimit)).items.sorted { $0.name < $1.name }
    }

    public func organizations(account: UUID, domain: ProductDomain) async throws -> [Organization] {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.organizations(account: account, domain: domain, page: PageRequest(limit: Self.pageSize)).items
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID) async throws -> [Team] {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.teams(account: account, domain: domain, orgID: org, page: PageRequest(limit: Self.pageSize)).items
    }

    public func members(account: UUID, domain: ProductDomain, team: UUID) async throws -> [TeamMember] {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.members(account: account, domain: domain, teamID: team, page: PageRequest(limit: Self.pageSize)).items
    }

    public func searchUsers(account: UUID, domain: ProductDomain, prefix: String) async throws -> [User] {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.searchUsers(account: account, domain: domain, prefix: prefix)
    }

    public func memberships(account: UUID, domain: ProductDomain, user: UUID) async throws -> [TeamMembership] {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.memberships(account: account, domain: domain, userID: user)
    }

    public func team(account: UUID, domain: ProductDomain, id: UUID) async throws -> Team {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.team(account: account, domain: domain, id: id)
    }

    /// Checks a call against the role policy, as the HTTP routes do: a super-admin may act in any account, anyone else
    /// only in their own.
    func allow(_ account: UUID, _ permission: Permission) throws {
        guard principal.isSuperAdmin || principal.accountID == account else { throw CockpitError.notFound("account") }
        try Policy.check(principal.acting(in: account), permission)
    }

    var actor: Actor { principal.actor() }

    public func createOrganization(account: UUID, domain: ProductDomain, name: String) async throws -> Organization {
        try allow(account, .writeTree(domain))
        return try await cockpit.directory.createOrganization(account: account, domain: domain, name: name, actor: actor)
    }

    public func createTeam(account: UUID, domain: ProductDomain, org: UUID, name: String) async throws -> Team {
        try allow(account, .writeTree(domain))
        return try await cockpit.directory.createTeam(account: account, domain: domain, orgID: org, name: name, actor: actor)
    }

    public func setAccountStatus(account: UUID, status: AccountStatus) async throws {
        try Policy.check(principal, .superAdmin)
        _ = try await cockpit.accounts.setStatus(account, status, actor: actor)
    }

    public func delete(account: UUID, domain: ProductDomain, node: NodeID) async throws {
        switch node {
        case .org(let id):
            try allow(account, .writeTree(domain))
            try await cockpit.directory.deleteOrganization(account: account, domain: domain, id: id, actor: actor)
        case .team(let id):
            try allow(account, .writeTree(domain))
            try await cockpit.directory.deleteTeam(account: account, domain: domain, id: id, actor: actor)
        case .member(let team, let user):
            try allow(account, .manageMembers(domain))
            try await cockpit.directory.removeMember(account: account, domain: domain, teamID: team, userID: user, actor: actor)
        }
    }

    public func addMember(account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool) async throws {
        try allow(account, .manageMembers(domain))
        let (user, _) = try await cockpit.directory.upsertUser(account: account, domain: domain, UserInput(email: email, displayName: name),
                                                               actor: actor)
        _ = try await cockpit.directory.addMember(account: account, domain: domain, teamID: team, userID: user.id, role: admin ? .admin : .member,
                                                  actor: actor)
    }

    public func keys(account: UUID) async throws -> [VirtualKey] {
        try allow(account, .manageKeys)
        return try await cockpit.keys.list(account: account, page: PageRequest(limit: Self.pageSize)).items
    }

    public func generateKey(account: UUID, alias: String, models: [String]) async throws -> (key: VirtualKey, secret: String) {
        try allow(account, .manageKeys)
        return try await cockpit.keys.generate(account: account, NewKey(alias: alias, models: models), actor: actor)
    }

    public func revokeKey(account: UUID, id: UUID) async throws {
        try allow(account, .manageKeys)
        _ = try await cockpit.keys.setBlocked(account: account, id: id, blocked: true, actor: actor)
    }

    public func costs(account: UUID, by dimension: SpendRepository.Dimension, days: Int) async throws -> [SpendRepository.Total] {
        try allow(account, .readAudit)
        return try await cockpit.reports.costs(account: account, by: dimension, days: days)
    }

    public func audit(account: UUID) async throws -> [AuditEntry] {
        try allow(account, .readAudit)
        return try await cockpit.reports.audit(account: account, page: PageRequest(limit: 200)).items
    }

    public func models(account: UUID) async throws -> [ModelDeployment] {
        try allow(account, .manageKeys)
        return try await cockpit.modelCatalog.list(account: account, page: PageRequest(limit: Self.pageSize)).items
    }
}
