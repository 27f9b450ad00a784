import ArgumentParser
import CockpitCore
import CockpitTUI
import Foundation

/// Options shared by `cockpit tui` and `cockpit demo`: how the cockpit looks and what it may do.
struct CockpitDisplayOptions: ParsableArguments {
    @Flag(
        name: .customLong("read-only"),
        help: "Refuse every change (the core's store refuses every write of this session).") var readOnly = false
    @Option(
        help:
            "Colour theme: default, light, high-contrast, mono, or a .yaml file (env COCKPIT_THEME; NO_COLOR forces mono)."
    )
    var theme: String?
    @Option(help: "Open this account first (name prefix or id).") var account: String?
    @Option(
        help: "Reload what is on screen every N seconds while no key is pressed, marking what changed (0: only with R)."
    )
    var refresh: Double = 5

    /// The theme, whether to use colour, and why the chosen theme was not used (it falls back to default).
    func look(_ settings: Settings) -> (Theme, Bool, String?) {
        let name = theme ?? settings["COCKPIT_THEME"] ?? "default"
        if !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty || name == "mono" {
            return (.mono, false, nil)
        }
        do { return (try ThemeLoader.load(name), true, nil) } catch {
            FileHandle.standardError.write(Data("theme: \(error); using default\n".utf8))
            return (.standard, true, "theme: \(error); using default")
        }
    }

    /// Runs the cockpit over a backend until the user quits.
    func run(backend: any CockpitBackend, settings: Settings) async throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CockpitError.invalid(
                field: "terminal",
                reason: "is not interactive: the cockpit needs a terminal (try `cockpit account list`)")
        }
        guard refresh >= 0, refresh.isFinite else {
            throw CockpitError.invalid(field: "refresh", reason: "must be 0 or more seconds")
        }
        let (theme, color, problem) = look(settings)
        let app = CockpitApp(backend: backend, theme: theme, color: color, readOnly: readOnly, message: problem)
        try await app.prepare(account: account)
        return await app.run(refreshInterval: refresh)
    }
}

/// `cockpit tui`: the full-screen cockpit on the configured store after a local login, or on a running server with
/// `--api URL --key KEY` (remote mode: it sees what that key may see).
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the full-screen cockpit on the configured store.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var display: CockpitDisplayOptions
    @Option(help: "Sign in as this user: the super-admin's UI_USERNAME or an account admin's email (env COCKPIT_USER).")
    var username: String?
    @Option(help: "The password (visible in ps: prefer COCKPIT_PASSWORD, --password-file or the prompt).") var password:
        String?
    @Option(name: .customLong("password-file"), help: "A file holding the password.") var passwordFile: String?
    @Flag(help: "Print docs/KEYBINDINGS.md (generated from the key registry) and exit.") var keybindings = false
    @Option(help: "Remote mode: a cockpit server's base URL (https://…).") var api: String?
    @Option(
        help:
            "Remote mode: the master key, a virtual key or a session token (visible in ps: prefer COCKPIT_API_KEY, --key-file or the prompt)."
    )
    var key: String?
    @Option(name: .customLong("key-file"), help: "Remote mode: a file holding the key or token.") var keyFile: String?

    func run() async throws {
        if keybindings { print(KeyRegistry.markdown(), terminator: ""); return }
        var status: Int32 = 0
        if let api {
            try await runReportingErrors {
                let settings = Settings(dotenvPath: store.envFile)
                try RemoteBackend.requireSafeTransport(api)
                guard
                    let credential = try SecretInput.read(
                        argument: key, flag: "--key", file: keyFile, fileFlag: "--key-file",
                        environment: settings["COCKPIT_API_KEY"], prompt: "key or session token: ")
                else {
                    throw CockpitError.invalid(field: "--key-file", reason: "or COCKPIT_API_KEY is required with --api")
                }
                let backend = try await RemoteBackend(api: api, credential: credential, readOnly: display.readOnly)
                status = try await display.run(backend: backend, settings: settings)
            }
            if status != 0 { throw ExitCode(status) }
            return
        }
        try await runReportingErrors {
            try await store.withCockpit { cockpit in
                let settings = cockpit.settings
                guard
                    let user = username ?? settings["COCKPIT_USER"] ?? Self.ask("user (super-admin or admin email): "),
                    let secret = try SecretInput.read(
                        argument: password, flag: "--password", file: passwordFile, fileFlag: "--password-file",
                        environment: settings["COCKPIT_PASSWORD"], prompt: "password: ")
                else {
                    throw CockpitError.unauthenticated("no user or password given")
                }
                let backend = try await Self.login(cockpit, user: user, password: secret, readOnly: display.readOnly)
                status = try await display.run(backend: backend, settings: cockpit.settings)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The super-admin (UI_USERNAME / UI_PASSWORD) or an account admin (email and password).
    /// Signs in through the server's own sign-in (`Authenticator.localSignIn`: throttling, suspended accounts and
    /// removed admins apply); with `readOnly`, the principal may change nothing.
    static func login(
        _ cockpit: Cockpit, user: String, password: String, readOnly: Bool = false
    ) async throws -> LocalBackend {
        // The session signer is never used here (no token is issued); a random secret keeps it unusable.
        let authenticator = Authenticator(cockpit: cockpit, sessions: try SessionTokens(secret: KeyGenerator.newKey()))
        let principal = try await authenticator.localSignIn(username: user, password: password)
        let identity = principal.isSuperAdmin ? "\(principal.name) (super-admin)" : principal.name
        return LocalBackend(
            cockpit: cockpit, principal: readOnly ? principal.readingOnly() : principal, identity: identity)
    }

    static func ask(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        return readLine()
    }
}
