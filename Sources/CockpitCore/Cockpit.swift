import Foundation

/// The core, opened: settings, the store and every use-case service. The cockpit, the server and the CLI
/// each hold one of these and call its services; none of them holds business rules.
public struct Cockpit: Sendable {
    public let settings: Settings
    package let database: Database
    package let context: ServiceContext

    /// Opens the store the settings name.
    public static func open(settings: Settings = Settings()) throws -> Cockpit {
        Cockpit(settings: settings, database: try settings.openDatabase())
    }

    /// The core acting for the operator of the machine (`Principal.operator`); a face serving someone else calls
    /// `acting(as:)` first.
    /// - Parameter passwordPool: where password work runs (the process's shared pool unless a test gives its own).
    package init(
        settings: Settings, database: Database, now: @escaping @Sendable () -> Date = { .storeNow },
        passwordPool: PasswordWorkPool = .passwords
    ) {
        self.settings = settings
        self.database = database
        self.context = ServiceContext(
            database: database, caller: .operator, modelsInStore: settings.storeModelInDB, now: now,
            events: CoreEvents(),
            secretBox: settings.secretBox(),
            // A list that cannot be read allows nothing extra (`serve` refuses to start on it).
            upstreamPolicy: (try? settings.upstreamPolicy()) ?? .publicOnly, passwordPool: passwordPool,
            connectionTestTimeout: (try? settings.connectionTestTimeout()) ?? 5)
    }

    private init(settings: Settings, database: Database, context: ServiceContext) {
        self.settings = settings
        self.database = database
        self.context = context
    }

    /// The principal every service operation of this core is checked against.
    public var caller: Principal { context.caller }

    /// The account the caller acts in; `.accountContextRequired` for a super-admin who has named none.
    public func callerAccount() throws -> UUID { try caller.requireAccount() }

    /// The same core acting for `principal`: every service operation checks its permission against it. A read-only
    /// principal also gets a store that refuses every write (`ReadOnlyDatabase`), a second wall behind the check.
    /// Events, the clock and the password pool stay shared.
    public func acting(as principal: Principal) -> Cockpit {
        let store = principal.readOnly && !(database is ReadOnlyDatabase) ? ReadOnlyDatabase(database) : database
        return Cockpit(settings: settings, database: store, context: context.acting(as: principal, database: store))
    }

    /// Account lifecycle.
    public var accounts: AccountService { AccountService(context) }
    /// Account admins.
    public var admins: AdminService { AdminService(context) }
    /// The account a super-admin's LiteLLM call acts in when it names none (the default account, or the owner of
    /// what the call names).
    public var owners: OwnerLookup { OwnerLookup(context, defaultName: settings.defaultAccountName) }
    /// Each account's SSO provider settings (super-admin).
    public var sso: AccountSSOService { AccountSSOService(context) }
    /// Both trees of an account.
    public var directory: DirectoryService { DirectoryService(context) }
    /// Model grants and feature entitlements.
    public var access: AccessService { AccessService(context) }
    /// The global model catalogue.
    public var modelCatalog: ModelCatalogService { ModelCatalogService(context) }
    /// Audit trail and spend reports.
    public var reports: ReportService { ReportService(context) }
    /// Per-account Zitadel settings.
    public var zitadelConfig: ZitadelConfigService { ZitadelConfigService(context) }
    /// Virtual keys.
    public var keys: KeyService { KeyService(context) }
    /// Budgets and rate limits of users, teams, organizations, members, the account and models.
    public var budgets: BudgetService { BudgetService(context) }
    /// Customers (end users) of an account: LiteLLM's `/customer/*`.
    public var customers: CustomerService { CustomerService(context) }
    /// Named budgets of an account: LiteLLM's `/budget/*`.
    public var namedBudgets: NamedBudgetService { NamedBudgetService(context) }
    /// The copilot product's credits: account allocations, plans, allocations, overrides, the usage ledger, renewal.
    public var credits: CreditService { CreditService(context) }
    /// The copilot marketplace: listings, their grants, discovery, installs and ratings.
    public var marketplace: MarketplaceService { MarketplaceService(context) }
    /// Guardrail presets, patterns and assignments of the copilot tree (and its agents): the original's routes.
    public var guardrails: GuardrailService { GuardrailService(context, domain: .copilot) }
    /// Guardrail presets, patterns and assignments of one tree (docs/COPILOT_CATALOG.md, "Both trees").
    public func guardrails(_ domain: ProductDomain) -> GuardrailService { GuardrailService(context, domain: domain) }
    /// Copilot agents: definitions, mandatory guardrail presets, grants by scope, effective visibility per user.
    public var agents: AgentService { AgentService(context) }
    /// Re-sealing stored secrets under the current salt key (`cockpit secrets rotate`; super-admin).
    public var secrets: SecretRotation { SecretRotation(context) }
    /// Copilot connections (OpenAPI, MCP, Composio) with sealed secrets, their grants and who may use them.
    public var connections: ConnectionService { ConnectionService(context) }
    /// The schema migrations of this store.
    package var migrations: MigrationRunner { MigrationRunner(database: database) }

    /// True on PostgreSQL when the connecting role is a superuser or has BYPASSRLS, so row-level security,
    /// the second tenant wall, does not apply to it (`cockpit doctor` warns).
    public func rowSecurityBypassed() async throws -> Bool {
        guard database.dialect == .postgres else { return false }
        return try await database.withSystemConnection { connection in
            try connection.query(
                "SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user", []
            ).first?.bool("bypass") ?? false
        }
    }

    /// Throws `StorageError.notMigrated` (whose message names `cockpit migrate`) when the schema is behind.
    public func requireMigrated() async throws {
        let pending = try await migrations.pendingCount()
        if pending > 0 { throw StorageError.notMigrated(pending: pending) }
    }
}
