import CockpitCore
import Foundation

/// The local backend: the store opened by this process, acting as the identity that signed in.
public struct LocalBackend: CockpitBackend {
    /// The most rows a lazily loaded level shows before the filter is needed.
    public static let pageSize = 500
    let cockpit: Cockpit
    let principal: Principal
    public let identity: String
    /// Zitadel on the issuer of the settings (ZITADEL_ISSUER); nil when none is configured.
    let zitadelVerifier: ZitadelVerifier?

    /// - Parameter zitadel: the Zitadel verifier to provision through; by default the one the settings describe.
    /// A read-only principal gets the core over a store that refuses every write.
    public init(cockpit: Cockpit, principal: Principal, identity: String, zitadel: ZitadelVerifier? = nil) {
        self.cockpit = principal.readOnly ? cockpit.readingOnly() : cockpit
        self.principal = principal
        self.identity = identity
        zitadelVerifier = zitadel ?? ((try? ZitadelSettings(settings: cockpit.settings)) ?? nil).map {
            ZitadelVerifier(settings: $0, http: CurlHTTPClient())
        }
    }

    public var isSuperAdmin: Bool { principal.isSuperAdmin }

    public func accounts() async throws -> [Account] {
        if let own = principal.accountID, !principal.isSuperAdmin { return [try await cockpit.accounts.get(own)] }
        return try await cockpit.accounts.list(page: PageRequest(limit: PageRequest.maxLimit)).items.sorted { $0.name < $1.name }
    }

    public func organizations(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<Organization> {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.organizations(account: account, domain: domain, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID, after cursor: String?) async throws -> Page<Team> {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.teams(account: account, domain: domain, orgID: org, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func members(account: UUID, domain: ProductDomain, team: UUID, after cursor: String?) async throws -> Page<TeamMember> {
        try allow(account, .readTree(domain))
        return try await cockpit.directory.members(account: account, domain: domain, teamID: team,
                                                   page: PageRequest(limit: Self.pageSize, cursor: cursor))
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
        case .more: throw CockpitError.invalid(field: "node", reason: "is not something that can be deleted")
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

    public func updateKey(account: UUID, id: UUID, alias: String, models: [String], maxBudget: Double?) async throws -> VirtualKey {
        try allow(account, .manageKeys)
        return try await cockpit.keys.update(account: account, id.lowercased, actor: actor) {
            $0.keyAlias = alias
            $0.models = models
            $0.maxBudget = maxBudget
        }
    }

    public func revokeKey(account: UUID, id: UUID) async throws {
        try allow(account, .manageKeys)
        _ = try await cockpit.keys.setBlocked(account: account, id: id, blocked: true, actor: actor)
    }

    public func costs(account: UUID, by dimension: SpendRepository.Dimension, days: Int) async throws -> [SpendRepository.Total] {
        try allow(account, .readAudit)
        return try await cockpit.reports.costs(account: account, by: dimension, days: days)
    }

    public func grants(account: UUID, domain: ProductDomain) async throws -> [ModelGrant] {
        try allow(account, .manageGrants(domain))
        return try await cockpit.access.modelGrants(account: account, domain: domain)
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
