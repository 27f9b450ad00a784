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

    /// Checks that this identity may read `domain` of `account`: a super-admin any account, anyone else their own.
    func check(_ account: UUID, _ domain: ProductDomain) throws {
        guard principal.isSuperAdmin || principal.accountID == account else { throw CockpitError.notFound("account") }
        try Policy.check(principal.acting(in: account), .readTree(domain))
    }

    public func organizations(account: UUID, domain: ProductDomain) async throws -> [Organization] {
        try check(account, domain)
        return try await cockpit.directory.organizations(account: account, domain: domain, page: PageRequest(limit: Self.pageSize)).items
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID) async throws -> [Team] {
        try check(account, domain)
        return try await cockpit.directory.teams(account: account, domain: domain, orgID: org, page: PageRequest(limit: Self.pageSize)).items
    }

    public func members(account: UUID, domain: ProductDomain, team: UUID) async throws -> [TeamMember] {
        try check(account, domain)
        return try await cockpit.directory.members(account: account, domain: domain, teamID: team, page: PageRequest(limit: Self.pageSize)).items
    }
}
