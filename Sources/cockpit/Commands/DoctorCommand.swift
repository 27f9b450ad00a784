import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit doctor`: the effective settings, where each came from (secrets masked), and the store's state.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Print effective settings and check the store.")

    @Option(name: .customLong("env-file"), help: "A .env file to read after the environment.") var envFile: String =
        ".env"
    @Option(help: "A LiteLLM config.yaml to check: each key cockpit does not implement is reported.")
    var config: String?

    func run() async throws {
        let settings = Settings(dotenvPath: envFile)
        Output.table(
            ["SETTING", "VALUE", "SOURCE"],
            settings.entries.map {
                [$0.definition.name, Settings.display($0), $0.source.description]
            })
        print("")
        var problems: [String] = []
        if let config {
            do { problems += try GatewayConfig.load(path: config).warnings } catch {
                problems.append(ErrorText.describe(error))
            }
        }
        if settings.masterKey == nil { problems.append("LITELLM_MASTER_KEY is not set: `cockpit serve` needs it") }
        if settings["UI_PASSWORD"] == nil {
            problems.append("UI_PASSWORD is not set: the super-admin cannot sign in with a password")
        }
        do { _ = try ZitadelSettings(settings: settings) } catch {
            problems.append("Zitadel: \(ErrorText.describe(error))")
        }
        do { _ = try settings.upstreamPolicy() } catch { problems.append(ErrorText.describe(error)) }
        if settings["COCKPIT_SESSION_SECRET"] == nil {
            problems.append("COCKPIT_SESSION_SECRET is not set: session tokens need their own secret")
        }
        do {
            let cockpit = try Cockpit.open(settings: settings)
            let status = try await cockpit.migrations.status()
            let pending = status.filter { $0.appliedAt == nil }.count
            print(
                "store: \(cockpit.database.location) (\(cockpit.database.dialect.rawValue)), \(status.count - pending) of \(status.count) migrations applied"
            )
            if pending > 0 { problems.append("the store is \(pending) migration(s) behind: run `cockpit migrate`") }
            if let changed = status.first(where: { !$0.checksumMatches }) {
                problems.append("migration \(changed.name) was changed after it was applied")
            }
            if try await cockpit.rowSecurityBypassed() {
                problems.append(
                    "the PostgreSQL role is a superuser or has BYPASSRLS: row-level security does not apply, and `cockpit serve` refuses "
                        + "to start; connect as an ordinary owner role")
            }
            await cockpit.database.close()
        } catch {
            problems.append("store: \(ErrorText.describe(error))")
        }
        let deadLetter = SpendWriter.deadLetterPath(spillPath: GatewayRuntime.defaultSpillPath(settings))
        let refused = SpendWriter.deadLetterCount(path: deadLetter)
        print("spend dead-letter rows: \(refused)\(refused > 0 ? " (\(deadLetter))" : "")")
        if refused > 0 {
            problems.append(
                "\(refused) spend row(s) were refused by the store and kept in \(deadLetter); each line names the reason"
            )
        }
        print(problems.isEmpty ? "no problems found" : problems.map { "- \($0)" }.joined(separator: "\n"))
    }
}
