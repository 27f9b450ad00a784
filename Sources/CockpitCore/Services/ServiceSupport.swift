import Foundation

/// What every service holds: the store, the clock, and the caller every operation is checked against.
public struct ServiceContext: Sendable {
    public let database: Database
    /// Who the services act for: each operation checks its permission against this principal (`Policy.authorize`).
    public let caller: Principal
    /// True when account-owned models may be added and changed (STORE_MODEL_IN_DB, as LiteLLM requires).
    public let modelsInStore: Bool
    /// The current time, rounded to what the store keeps; replaceable in tests.
    public let now: @Sendable () -> Date
    /// Changes that caches must hear about.
    public let events: CoreEvents
    /// Seals stored credentials; nil when neither LITELLM_SALT_KEY nor the master key is set.
    public let secretBox: SecretBox?
    /// Where models owned by an account may point (checked when they are saved).
    public let upstreamPolicy: UpstreamAddressPolicy
    /// Where password hashing and checks run.
    public let passwordPool: PasswordWorkPool

    public init(
        database: Database, caller: Principal = .operator, modelsInStore: Bool = true,
        now: @escaping @Sendable () -> Date = { .storeNow },
        events: CoreEvents = CoreEvents(), secretBox: SecretBox? = nil,
        upstreamPolicy: UpstreamAddressPolicy = .publicOnly,
        passwordPool: PasswordWorkPool = .shared
    ) {
        self.database = database
        self.caller = caller
        self.modelsInStore = modelsInStore
        self.now = now
        self.events = events
        self.secretBox = secretBox
        self.upstreamPolicy = upstreamPolicy
        self.passwordPool = passwordPool
    }

    /// The same context acting for `caller`, over `database`.
    func acting(as caller: Principal, database: Database) -> ServiceContext {
        ServiceContext(
            database: database, caller: caller, modelsInStore: modelsInStore, now: now, events: events,
            secretBox: secretBox,
            upstreamPolicy: upstreamPolicy, passwordPool: passwordPool)
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

extension JSONValue {
    /// A snapshot of any encodable value (audit before/after), dates as ISO-8601 text. A value that cannot be
    /// encoded is an error, so the write it belongs to is rolled back instead of audited with a silent `null`.
    public static func snapshot<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        } catch {
            throw AuditSnapshotError(type: String(describing: T.self), reason: "\(error)")
        }
    }
}

/// An audit snapshot could not be encoded: the change it describes is not made (a 500, never a silent `null`).
public struct AuditSnapshotError: Error, CustomStringConvertible {
    public let type: String
    public let reason: String
    public var description: String { "the audit snapshot of a \(type) could not be encoded: \(reason)" }
}
