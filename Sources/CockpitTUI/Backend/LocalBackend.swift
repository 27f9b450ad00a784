import CockpitAPI
import CockpitCore
import Foundation

/// The local backend: the store opened by this process, acting as the identity that signed in.
public struct LocalBackend: CockpitBackend {
    /// The most rows a lazily loaded level shows before the filter is needed.
    public static let pageSize = 500
    /// The core acting for the signed-in principal: every call below is checked there, as the HTTP routes' are.
    let cockpit: Cockpit
    public let identity: String
    /// Zitadel on the issuer of the settings (ZITADEL_ISSUER); nil when none is configured.
    let zitadelVerifier: ZitadelVerifier?

    /// - Parameter zitadel: the Zitadel verifier to provision through; by default the one the settings describe.
    public init(cockpit: Cockpit, principal: Principal, identity: String, zitadel: ZitadelVerifier? = nil) {
        self.cockpit = cockpit.acting(as: principal)
        self.identity = identity
        zitadelVerifier =
            zitadel
            ?? ((try? ZitadelSettings(settings: cockpit.settings)) ?? nil).map {
                ZitadelVerifier(settings: $0, http: CurlHTTPClient())
            }
    }

    public var isSuperAdmin: Bool { cockpit.caller.isSuperAdmin }

    public func accounts() async throws -> [Account] { try await cockpit.accounts.visible() }

    public func organizations(
        account: UUID, domain: ProductDomain, after cursor: String?
    ) async throws -> Page<Organization> {
        try await cockpit.directory.organizations(
            account: account, domain: domain, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID, after cursor: String?) async throws -> Page<Team>
    {
        try await cockpit.directory.teams(
            account: account, domain: domain, orgID: org, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func members(
        account: UUID, domain: ProductDomain, team: UUID, after cursor: String?
    ) async throws -> Page<TeamMember> {
        try await cockpit.directory.members(
            account: account, domain: domain, teamID: team,
            page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func allTeams(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<Team> {
        try await cockpit.directory.teams(
            account: account, domain: domain, orgID: nil, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func treeMembers(
        account: UUID, domain: ProductDomain, after cursor: String?
    ) async throws
        -> Page<TreeMember>
    {
        try await cockpit.directory.treeMembers(
            account: account, domain: domain, page: PageRequest(limit: Self.pageSize, cursor: cursor))
    }

    public func searchUsers(account: UUID, domain: ProductDomain, prefix: String) async throws -> [User] {
        try await cockpit.directory.searchUsers(account: account, domain: domain, prefix: prefix)
    }

    public func memberships(account: UUID, domain: ProductDomain, user: UUID) async throws -> [TeamMembership] {
        try await cockpit.directory.memberships(account: account, domain: domain, userID: user)
    }

    public func team(account: UUID, domain: ProductDomain, id: UUID) async throws -> Team {
        try await cockpit.directory.team(account: account, domain: domain, id: id)
    }

    public func createOrganization(account: UUID, domain: ProductDomain, name: String) async throws -> Organization {
        try await cockpit.directory.createOrganization(account: account, domain: domain, name: name)
    }

    public func createTeam(account: UUID, domain: ProductDomain, org: UUID, name: String) async throws -> Team {
        try await cockpit.directory.createTeam(account: account, domain: domain, orgID: org, name: name)
    }

    public func setAccountStatus(account: UUID, status: AccountStatus) async throws {
        _ = try await cockpit.accounts.setStatus(account, status)
    }

    public func delete(account: UUID, domain: ProductDomain, node: NodeID) async throws {
        switch node {
        case .org(let id):
            try await cockpit.directory.deleteOrganization(account: account, domain: domain, id: id)
        case .team(let id):
            try await cockpit.directory.deleteTeam(account: account, domain: domain, id: id)
        case .member(let team, let user):
            try await cockpit.directory.removeMember(account: account, domain: domain, teamID: team, userID: user)
        case .more: throw CockpitError.invalid(field: "node", reason: "is not something that can be deleted")
        }
    }

    public func addMember(
        account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool
    ) async throws {
        let (user, _) = try await cockpit.directory.upsertUser(
            account: account, domain: domain, UserInput(email: email, displayName: name))
        _ = try await cockpit.directory.addMember(
            account: account, domain: domain, teamID: team, userID: user.id, role: admin ? .admin : .member)
    }

    public func budget(account: UUID, domain: ProductDomain, node: NodeID) async throws -> Budget? {
        guard let (subject, id, _) = node.budgetSubject else {
            throw CockpitError.invalid(field: "node", reason: "has no budget")
        }
        return try await cockpit.budgets.budget(
            account: account, domain: domain, subject: subject, subjectID: id.lowercased)
    }

    public func setBudget(
        account: UUID, domain: ProductDomain, node: NodeID, _ limits: BudgetLimits
    ) async throws -> Budget? {
        guard let (subject, id, _) = node.budgetSubject else {
            throw CockpitError.invalid(field: "node", reason: "has no budget")
        }
        return try await cockpit.budgets.set(
            account: account, domain: domain, subject: subject, subjectID: id.lowercased
        ) { limits.apply(to: &$0) }
    }

    public func keys(account: UUID) async throws -> [VirtualKey] {
        try await cockpit.keys.list(account: account, page: PageRequest(limit: Self.pageSize)).items
    }

    public func generateKey(account: UUID, _ k: KeyFields) async throws -> (key: VirtualKey, secret: String) {
        try await cockpit.keys.generate(account: account, try k.newKey())
    }

    public func updateKey(account: UUID, id: UUID, _ k: KeyFields) async throws -> VirtualKey {
        let expiry = try k.expiry()
        return try await cockpit.keys.update(account: account, id.lowercased) { k.apply(to: &$0, expiry: expiry) }
    }

    public func revokeKey(account: UUID, id: UUID) async throws {
        _ = try await cockpit.keys.setBlocked(account: account, id: id, blocked: true)
    }

    public func costs(
        account: UUID, by dimension: SpendDimension, days: Int
    ) async throws -> [SpendTotal] {
        try await cockpit.reports.costs(account: account, by: dimension, days: days)
    }

    public func requestLogs(account: UUID, limit: Int) async throws -> [SpendLog] {
        try await cockpit.reports.spendLogs(
            account: account, from: .distantPast, to: Date().addingTimeInterval(60), limit: limit)
    }

    public func audit(account: UUID) async throws -> [AuditEntry] {
        try await cockpit.reports.audit(account: account, page: PageRequest(limit: 200)).items
    }

    public func models(account: UUID) async throws -> [ModelDeployment] {
        try await cockpit.modelCatalog.list(account: account, page: PageRequest(limit: Self.pageSize)).items
    }
}
