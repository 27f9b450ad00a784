import CockpitAPI
import CockpitCore
import Foundation

/// What the cockpit reads and changes. The local backend calls CockpitCore's services on the store; a remote one
/// talks to a server's `/v1` API. Views cannot tell them apart. Grants and entitlements are in `AccessBackend`, the
/// super-admin's administration in `AdministrationBackend`, copilot credits in `CreditBackend`, the copilot catalog
/// (agents, connections, marketplace) in `CatalogBackend`, each tree's guardrails in `GuardrailBackend`.
public protocol CockpitBackend: AccessBackend, AdministrationBackend, CreditBackend, CatalogBackend, GuardrailBackend {
    /// Who is signed in, as the header shows it (`super-admin@local`, `admin@acme.io`).
    var identity: String { get }
    /// True for a super-admin (the accounts view and switching between accounts).
    var isSuperAdmin: Bool { get }
    /// The accounts this identity may see, by name.
    func accounts() async throws -> [Account]
    /// A page of the organizations of one tree, from `cursor` (nil: the first); the tree loads lazily.
    func organizations(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<Organization>
    /// A page of the teams of an organization.
    func teams(account: UUID, domain: ProductDomain, org: UUID, after cursor: String?) async throws -> Page<Team>
    /// A page of the members of a team with their roles.
    func members(
        account: UUID, domain: ProductDomain, team: UUID, after cursor: String?
    ) async throws -> Page<TeamMember>
    /// A page of every team of one tree (all organizations), for views that show the whole tree.
    func allTeams(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<Team>
    /// A page of every team membership of one tree, with its team.
    func treeMembers(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<TreeMember>
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
    func addMember(
        account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool) async throws
    /// The budget row of an organization, team or member's user (nil: none beyond its own lifetime budget).
    func budget(account: UUID, domain: ProductDomain, node: NodeID) async throws -> Budget?
    /// Sets the budget and limits of an organization, team or member's user; nil when none are left.
    func setBudget(account: UUID, domain: ProductDomain, node: NodeID, _ limits: BudgetLimits) async throws -> Budget?
    /// The account's virtual keys.
    func keys(account: UUID) async throws -> [VirtualKey]
    /// Generates a key; the secret is returned this once.
    func generateKey(account: UUID, _ settings: KeyFields) async throws -> (key: VirtualKey, secret: String)
    /// Changes a key's alias, models (empty: every model), budget, limits and expiry.
    func updateKey(account: UUID, id: UUID, _ settings: KeyFields) async throws -> VirtualKey
    /// Revokes (blocks) a key: the gateway refuses it at once.
    func revokeKey(account: UUID, id: UUID) async throws
    /// Spend over the last `days` days grouped by day, model, team…
    func costs(
        account: UUID, by dimension: SpendDimension, days: Int
    ) async throws -> [SpendTotal]
    /// The account's newest gateway requests (the spend log), newest first, at most `limit` (1…500).
    func requestLogs(account: UUID, limit: Int) async throws -> [SpendLog]
    /// The newest audit entries of the account.
    func audit(account: UUID) async throws -> [AuditEntry]
    /// The models the account may route to (its own and the global ones visible to it).
    func models(account: UUID) async throws -> [ModelDeployment]

    /// Renames an organization or a team.
    func rename(account: UUID, domain: ProductDomain, node: NodeID, name: String) async throws
    /// Changes a member: the user's display name (nil leaves it) and their role in the team.
    func editMember(
        account: UUID, domain: ProductDomain, team: UUID, user: UUID, name: String?, admin: Bool) async throws
    /// Creates an account with its first admin (super-admin).
    func createAccount(_ input: NewAccount) async throws -> Account
    /// Changes an account's name, email domain or budget (super-admin).
    func updateAccount(_ id: UUID, _ patch: AccountPatch) async throws -> Account
    /// Removes an account and all its data; `confirmName` must be its exact name (super-admin).
    func hardDeleteAccount(_ id: UUID, confirmName: String) async throws
    /// Adds a model to the account, or replaces the one with `input.id`.
    func saveModel(account: UUID, _ input: ModelInput) async throws -> ModelDeployment
    /// Deletes one of the account's own models.
    func deleteModel(account: UUID, id: UUID) async throws
    /// Zitadel as it concerns the account: the server's status, the account's settings and the provisioning plan.
    func zitadel(account: UUID) async throws -> ZitadelOverview
    /// Runs the account's Zitadel bootstrap (project, roles, admin grants) and returns what it did.
    func bootstrapZitadel(account: UUID) async throws -> ProvisioningReport
    /// True when the cockpit holds a session it can end (remote mode signed in with a session token).
    var canSignOut: Bool { get }
    /// Ends the session on the server (`POST /v2/logout`): every session of this identity stops working.
    func signOut() async throws
}

extension CockpitBackend {
    /// A local cockpit holds no session token: nothing to sign out of.
    public var canSignOut: Bool { false }
    public func signOut() async throws {
        throw CockpitError.invalid(
            field: "logout",
            reason: "only a cockpit signed in to a server with a session (cockpit tui --api) can sign out")
    }

    /// The first page of organizations.
    public func organizations(account: UUID, domain: ProductDomain) async throws -> [Organization] {
        try await organizations(account: account, domain: domain, after: nil).items
    }

    /// The first page of an organization's teams.
    public func teams(account: UUID, domain: ProductDomain, org: UUID) async throws -> [Team] {
        try await teams(account: account, domain: domain, org: org, after: nil).items
    }

    /// The first page of a team's members.
    public func members(account: UUID, domain: ProductDomain, team: UUID) async throws -> [TeamMember] {
        try await members(account: account, domain: domain, team: team, after: nil).items
    }
}
