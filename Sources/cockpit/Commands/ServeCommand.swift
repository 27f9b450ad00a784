import ArgumentParser
import CockpitCore
import Foundation
import Logging
import ProxyServer

/// `cockpit serve`: the headless server (control plane, AI gateway, login, health, metrics).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP server (default 127.0.0.1:4000).")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to bind (env HOST).") var host: String?
    @Option(help: "Port to listen on (env PORT).") var port: Int?
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body; larger ones get 413.") var maxBodyBytes:
        Int = 1 << 20
    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a connection may sit idle or take to send a request's headers.")
    var idleTimeout: Double = 60
    @Option(name: .customLong("max-connections"), help: "Open connections beyond this get 503 and are closed.")
    var maxConnections: Int = 4_096
    @Flag(
        name: .customLong("allow-rls-bypass"),
        help: "Serve even when the PostgreSQL role bypasses row-level security (not for production).")
    var allowRLSBypass = false
    @Flag(name: .customLong("json-logs"), help: "Log one JSON object per line.") var jsonLogs = false
    @Option(help: "A LiteLLM config.yaml (model_list, litellm_settings, router_settings, general_settings).")
    var config: String?
    @Flag(
        name: .customLong("strict-config"),
        help: "Refuse to start when the config holds keys cockpit does not implement (otherwise each is a warning).")
    var strictConfig = false

    func run() async throws {
        if jsonLogs {
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
        }
        var logger = Logger(label: "cockpit")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        try await runReportingErrors {
            let gatewayConfig = try (config.map { try GatewayConfig.load(path: $0) } ?? GatewayConfig()).checked(
                strict: strictConfig)
            // The config's general_settings fill in what the environment does not set.
            let environment = gatewayConfig.environmentDefaults.merging(ProcessInfo.processInfo.environment) { _, env in
                env
            }
            let settings = Settings(environment: environment, dotenvPath: store.envFile)
            guard settings.masterKey != nil || settings["UI_PASSWORD"] != nil else {
                throw CockpitError.invalid(
                    field: "LITELLM_MASTER_KEY",
                    reason: "or UI_PASSWORD must be set, or nobody can administer this server")
            }
            guard let port = port ?? settings["PORT"].flatMap(Int.init), (1...65535).contains(port) else {
                throw CockpitError.invalid(field: "PORT", reason: "must be a number from 1 to 65535")
            }
            guard (1...(1 << 30)).contains(maxBodyBytes) else {
                throw CockpitError.invalid(field: "--max-body-bytes", reason: "must be from 1 to 1073741824")
            }
            guard idleTimeout.isFinite, (1...86_400).contains(idleTimeout) else {
                throw CockpitError.invalid(field: "--idle-timeout", reason: "must be from 1 to 86400 seconds")
            }
            guard (1...1_000_000).contains(maxConnections) else {
                throw CockpitError.invalid(field: "--max-connections", reason: "must be from 1 to 1000000")
            }
            var options = ServerOptions(
                host: host ?? settings["HOST"] ?? "127.0.0.1", port: port, maxBodyBytes: maxBodyBytes,
                idleTimeout: idleTimeout, maxConnections: maxConnections)
            options.allowRLSBypass = allowRLSBypass
            options.strictFields = try settings.strictFields()
            try await CockpitServer.run(
                cockpit: try Cockpit.open(settings: settings), options: options, gatewayConfig: gatewayConfig,
                logger: logger)
        }
    }
}
