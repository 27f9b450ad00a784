import Foundation

/// What every service holds: the store and the clock.
public struct ServiceContext: Sendable {
    public let database: Database
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

    public init(database: Database, now: @escaping @Sendable () -> Date = { .storeNow }, events: CoreEvents = CoreEvents(),
                secretBox: SecretBox? = nil, upstreamPolicy: UpstreamAddressPolicy = .publicOnly, passwordPool: PasswordWorkPool = .shared) {
        self.database = database
        self.now = now
        self.events = events
        self.secretBox = secretBox
        self.upstreamPolicy = upstreamPolicy
        self.passwordPool = passwordPool
    }

    /// Runs a read-write use case in one transaction; storage failures become `CockpitError`s with clear messages.
    func write<T: Sendable>(_ scope: AccountScope, _ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        do { return try await database.write(scope, body) } catch { throw Self.translate(error) }
    }

    /// Runs a read-only use case.
    func read<T: Sendable>(_ scope: AccountScope, _ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
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
    /// A snapshot of any encodable value (audit before/after), dates as ISO-8601 text.
    public static func snapshot<T: Encodable>(_ value: T) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        guard let data = try? encoder.encode(value), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return json
    }
}
