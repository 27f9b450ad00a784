/// One configuration variable the project reads: its name, accepted aliases, and how to show it.
public struct SettingDefinition: Sendable {
    public let name: String
    public let aliases: [String]
    public let secret: Bool
    public let defaultValue: String?
    public let help: String
    /// An empty value set in the environment or `.env` counts (it turns the default off) instead of being unset.
    public let emptyIsValue: Bool

    /// Every setting, in the order `cockpit doctor` prints them. Names follow the LiteLLM deployment this replaces.
    public static let all: [SettingDefinition] = [
        .init(
            "DATABASE_URL", help: "store: postgres://… or sqlite:PATH; unset = embedded SQLite under COCKPIT_HOME",
            secret: true),
        .init("DATABASE_POOL_SIZE", help: "most PostgreSQL connections per process; unset = 2 per core, at least 4"),
        .init(
            "COCKPIT_HOME", help: "folder for the embedded store, settings and spill files",
            default: "~/.local/share/cockpit"),
        .init(
            "LITELLM_MASTER_KEY", aliases: ["COCKPIT_MASTER_KEY"], help: "master key (super-admin); needed by `serve`",
            secret: true),
        .init(
            "LITELLM_SALT_KEY", aliases: ["COCKPIT_SALT_KEY"],
            help: "encrypts stored credentials; falls back to the master key", secret: true),
        .init(
            "COCKPIT_PREVIOUS_SALT_KEYS",
            help: "earlier salt keys, comma-separated: they open what they sealed until `cockpit secrets rotate`",
            secret: true),
        .init("COCKPIT_SESSION_SECRET", help: "signs cockpit session tokens (never the master key)", secret: true),
        .init("STORE_MODEL_IN_DB", help: "keep models added through the API in the store", default: "false"),
        .init(
            "COCKPIT_DEFAULT_ACCOUNT",
            help: "account master-key LiteLLM calls act in when they name none; created by `migrate` when no account "
                + "exists; empty = none (multi-tenant: such calls are refused)",
            default: "default", emptyIsValue: true),
        .init(
            "COCKPIT_STRICT_FIELDS",
            help: "refuse (400) a /v1 request field the route does not take, instead of ignoring it with a warning",
            default: "false"),
        .init(
            "REDIS_URL", help: "redis://host:port for cluster-wide limits; unset = per-instance counters", secret: true),
        .init(
            "COCKPIT_UPSTREAM_ALLOW",
            help: "CIDRs and host names account-owned models may reach inside the network (e.g. a local vLLM)"),
        .init(
            "COCKPIT_CONNECTION_TEST_TIMEOUT",
            help: "seconds a copilot connection test may take in all (1-60)", default: "5"),
        .init(
            "COCKPIT_UPSTREAM_MAX_BODY_BYTES", help: "largest whole upstream answer read; larger ones fail with 502",
            default: "33554432"),
        .init(
            "SPEND_LOG_RETENTION_DAYS",
            help: "delete spend rows older than this many days (daily aggregates stay); unset = keep all"),
        .init("UI_USERNAME", help: "super-admin login name for the cockpit and /v2/login", default: "admin"),
        .init("UI_PASSWORD", help: "super-admin password", secret: true),
        .init("HOST", aliases: ["COCKPIT_HOST"], help: "address `serve` binds", default: "127.0.0.1"),
        .init("PORT", aliases: ["COCKPIT_PORT"], help: "port `serve` listens on", default: "4000"),
        .init("COCKPIT_THEME", help: "cockpit colour theme", default: "default"),
        .init(
            "COCKPIT_USER",
            help: "`cockpit tui` sign-in: UI_USERNAME or an account admin's email (asked for when unset)"),
        .init("COCKPIT_PASSWORD", help: "`cockpit tui` password (asked for when unset)", secret: true),
        .init(
            "COCKPIT_API_KEY", help: "`cockpit tui --api URL`: the key or token to call the server with", secret: true),
        .init("ZITADEL_ISSUER", aliases: ["ZITADEL_DOMAIN"], help: "Zitadel issuer URL"),
        .init("ZITADEL_PROJECT_ID", help: "expected audience and role-claim suffix"),
        .init("ZITADEL_CLIENT_ID", help: "extra accepted audience"),
        .init("ZITADEL_JWKS_URI", help: "JWKS URL; default from discovery"),
        .init("ZITADEL_INTROSPECTION_CLIENT_ID", help: "client for opaque-token introspection"),
        .init("ZITADEL_INTROSPECTION_CLIENT_SECRET", help: "secret of that client", secret: true),
        .init("ZITADEL_PAT", help: "personal access token for management calls", secret: true),
        .init("ZITADEL_ORG_ID", help: "the vendor org owning the project"),
        .init("ZITADEL_CLOCK_SKEW_SECONDS", help: "allowed clock skew for exp/nbf", default: "60"),
        .init("ZITADEL_JWKS_CACHE_SECONDS", help: "how long keys are cached", default: "300"),
        .init("ZITADEL_SUPER_ADMIN_ROLES", help: "roles that make a token super-admin", default: "super_admin"),
    ]

    init(
        _ name: String, aliases: [String] = [], help: String, default defaultValue: String? = nil, secret: Bool = false,
        emptyIsValue: Bool = false
    ) {
        self.emptyIsValue = emptyIsValue
        self.name = name
        self.aliases = aliases
        self.secret = secret
        self.defaultValue = defaultValue
        self.help = help
    }
}
