import Foundation

/// What every service holds: the store, the clock, and the caller every operation is checked against.
package struct ServiceContext: Sendable {
    package let database: Database
    /// Who the services act for: each operation checks its permission against this principal (`Policy.authorize`).
    package let caller: Principal
    /// True when account-owned models may be added and changed (STORE_MODEL_IN_DB, as LiteLLM requires).
    package let modelsInStore: Bool
    /// The current time, rounded to what the store keeps; replaceable in tests.
    package let now: @Sendable () -> Date
    /// Changes that caches must hear about.
    package let events: CoreEvents
    /// Seals stored credentials; nil when neither LITELLM_SALT_KEY nor the master key is set.
    package let secretBox: SecretBox?
    /// Where models owned by an account may point (checked when they are saved).
    package let upstreamPolicy: UpstreamAddressPolicy
    /// Where password hashing and checks run.
    package let passwordPool: PasswordWorkPool
    /// Seconds a copilot connection test may take in all (COCKPIT_CONNECTION_TEST_TIMEOUT).
    package let connectionTestTimeout: Int

    package init(
        database: Database, caller: Principal = .operator, modelsInStore: Bool = true,
        now: @escaping @Sendable () -> Date = { .storeNow },
        events: CoreEvents = CoreEvents(), secretBox: SecretBox? = nil,
        upstreamPolicy: UpstreamAddressPolicy = .publicOnly,
        passwordPool: PasswordWorkPool = .passwords, connectionTestTimeout: Int = 5
    ) {
        self.database = database
        self.caller = caller
        self.modelsInStore = modelsInStore
        self.now = now
        self.events = events
        self.secretBox = secretBox
        self.upstreamPolicy = upstreamPolicy
        self.passwordPool = passwordPool
        self.connectionTestTimeout = connectionTestTimeout
    }

    /// The same context acting for `caller`, over `database`.
    func acting(as caller: Principal, database: Database) -> ServiceContext {
        ServiceContext(
            database: database, caller: caller, modelsInStore: modelsInStore, now: now, events: events,
            secretBox: secretBox,
            upstreamPolicy: upstreamPolicy, passwordPool: passwordPool, connectionTestTimeout: connectionTestTimeout)
    }

    /// Checks that the caller may read what `permission` covers in `account` (nil: no account, e.g. `.superAdmin`).
    func reading(_ permission: Permission, in account: UUID? = nil) throws {
        try Policy.authorize(caller, permission, in: account, changes: false)
    }

    /// Checks that the caller may change what `permission` covers in `account`; returns the actor the change is audited as.
    func changing(_ permission: Permission, in account: UUID? = nil) throws -> Actor {
        try Policy.authorize(caller, permission, in: account, changes: true)
        return caller.actor()
    }

    /// Runs a read-write use case in one transaction; storage failures become `CockpitError`s with clear messages.
    func write<T: Sendable>(
        _ scope: AccountScope, _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        do { return try await database.write(scope, body) } catch { throw Self.translate(error) }
    }

    /// Runs a change of `account` that the gateway's admission depends on (credits, guardrails), then tells the
    /// gateway's caches on this instance, which drop what they hold of the account at once.
    func writeAdmission<T: Sendable>(
        _ account: UUID, _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        let result = try await write(.account(account), body)
        events.post(.accessChanged(account))
        return result
    }

    /// Runs a read-only use case.
    func read<T: Sendable>(
        _ scope: AccountScope, _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        do { return try await database.read(scope, body) } catch { throw Self.translate(error) }
    }

    /// Maps storage errors onto the use-case vocabulary; constraint details stay out of user messages.
    static func translate(_ error: Error) -> Error {
        guard let storage = error as? StorageError else { return error }
        switch storage {
        case .uniqueViolation: return CockpitError.conflict("an object with the same unique value already exists")
        case .foreignKeyViolation: return CockpitError.notFound("referenced object")
        case .checkViolation: return CockpitError.invalid(field: "input", reason: "breaks a rule of the store")
        case .rowSecurity: return CockpitError.notFound("object")
        case .unavailable: return CockpitError.unavailable("the store is unavailable; try again shortly")
        default: return error
        }
    }
}
