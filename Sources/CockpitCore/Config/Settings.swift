import Foundation

/// Where a setting's value came from.
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case dotenv(path: String, name: String)
    case defaultValue
    case unset

    public var description: String {
        switch self {
        case .environment(let name): "environment (\(name))"
        case .dotenv(let path, let name): "\(path) (\(name))"
        case .defaultValue: "default"
        case .unset: "not set"
        }
    }
}

/// The effective configuration: the environment first, then `.env`, then built-in defaults.
public struct Settings: Sendable {
    /// One resolved setting.
    public struct Entry: Sendable {
        public let definition: SettingDefinition
        public let value: String?
        public let source: SettingSource
    }

    public let entries: [Entry]

    /// Resolves every setting from an environment and an optional `.env` file.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, dotenvPath: String? = ".env") {
        let file = dotenvPath.map(DotEnv.load(path:)) ?? [:]
        entries = SettingDefinition.all.map { def in
            let names = [def.name] + def.aliases
            let given = { (value: String?) in value.map { !$0.isEmpty || def.emptyIsValue } ?? false }
            if let name = names.first(where: { given(environment[$0]) }) {
                return Entry(definition: def, value: environment[name], source: .environment(name))
            }
            if let path = dotenvPath, let name = names.first(where: { given(file[$0]) }) {
                return Entry(definition: def, value: file[name], source: .dotenv(path: path, name: name))
            }
            if let value = def.defaultValue { return Entry(definition: def, value: value, source: .defaultValue) }
            return Entry(definition: def, value: nil, source: .unset)
        }
    }

    /// The value of a setting by its main name.
    public subscript(_ name: String) -> String? { entries.first { $0.definition.name == name }?.value }

    /// The folder for the embedded store and local files, with `~` expanded.
    public var home: String { ((self["COCKPIT_HOME"] ?? "~/.local/share/cockpit") as NSString).expandingTildeInPath }

    /// The embedded store's file.
    public var defaultSQLitePath: String { (home as NSString).appendingPathComponent("cockpit.db") }

    /// The master key, when set.
    public var masterKey: String? { self["LITELLM_MASTER_KEY"] }

    /// The secret that seals stored credentials: the salt key, or the master key when unset.
    public var credentialSecret: String? { self["LITELLM_SALT_KEY"] ?? masterKey }

    /// Where models owned by an account may connect (COCKPIT_UPSTREAM_ALLOW); throws naming an entry it cannot read.
    public func upstreamPolicy() throws -> UpstreamAddressPolicy {
        try UpstreamAddressPolicy(allowList: self["COCKPIT_UPSTREAM_ALLOW"])
    }

    /// The largest whole upstream answer read (COCKPIT_UPSTREAM_MAX_BODY_BYTES), 1 KiB to 1 GiB.
    public func upstreamMaxBodyBytes() throws -> Int {
        guard let raw = self["COCKPIT_UPSTREAM_MAX_BODY_BYTES"] else {
            return HTTPClientRequest.defaultMaxResponseBytes
        }
        guard let n = Int(raw), (1024...(1 << 30)).contains(n) else {
            throw CockpitError.invalid(
                field: "COCKPIT_UPSTREAM_MAX_BODY_BYTES", reason: "must be a number of bytes from 1024 to 1073741824")
        }
        return n
    }

    /// How long a copilot connection test may take in all, connecting included (COCKPIT_CONNECTION_TEST_TIMEOUT),
    /// 1 to 60 seconds; 5 when unset.
    public func connectionTestTimeout() throws -> Int {
        guard let raw = self["COCKPIT_CONNECTION_TEST_TIMEOUT"] else { return 5 }
        guard let n = Int(raw), (1...60).contains(n) else {
            throw CockpitError.invalid(field: "COCKPIT_CONNECTION_TEST_TIMEOUT", reason: "must be 1 to 60 seconds")
        }
        return n
    }

    /// A yes/no setting: `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off` (any case); unset or empty is
    /// `defaultValue`; anything else is refused naming the variable.
    public func flag(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        switch (self[name] ?? "").lowercased() {
        case "": return defaultValue
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw CockpitError.invalid(field: name, reason: "must be true or false")
        }
    }

    /// COCKPIT_DEFAULT_ACCOUNT: the name of the account master-key LiteLLM calls act in when they name none; nil when
    /// set empty (multi-tenant installations).
    public var defaultAccountName: String? {
        guard let name = self["COCKPIT_DEFAULT_ACCOUNT"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            return nil
        }
        return name
    }

    /// COCKPIT_STRICT_FIELDS: a `/v1` request field the route does not take is refused (400) instead of ignored
    /// with an `x-cockpit-ignored-fields` header and a warning.
    public func strictFields() throws -> Bool { try flag("COCKPIT_STRICT_FIELDS") }

    /// STORE_MODEL_IN_DB: accounts may add and change their own models through the API (LiteLLM's switch).
    public var storeModelInDB: Bool {
        ["1", "true", "yes", "on"].contains((self["STORE_MODEL_IN_DB"] ?? "").lowercased())
    }

    /// Opens the store DATABASE_URL names (the embedded SQLite file when unset).
    package func openDatabase() throws -> Database {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let pool = Int(self["DATABASE_POOL_SIZE"] ?? String(max(4, 2 * cores))), (1...500).contains(pool) else {
            throw CockpitError.invalid(field: "DATABASE_POOL_SIZE", reason: "must be a number from 1 to 500")
        }
        return try DatabaseURL.open(self["DATABASE_URL"], defaultSQLitePath: defaultSQLitePath, poolSize: pool)
    }

    /// A setting's value as `cockpit doctor` shows it: secrets masked, URLs without passwords.
    public static func display(_ entry: Entry) -> String {
        guard let value = entry.value else { return "-" }
        if entry.definition.name == "DATABASE_URL" || entry.definition.name == "REDIS_URL" {
            return DatabaseURL.redacted(value)
        }
        return entry.definition.secret ? SecretBox.mask(value) : value
    }
}
