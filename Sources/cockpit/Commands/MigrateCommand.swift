import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit migrate [--status]`: applies the schema migrations, or lists their state.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply schema migrations to the configured store.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "List migrations and whether each is applied; change nothing.") var status = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await runReportingErrors {
            try await store.withCockpit(migrated: false) { cockpit in
                if status {
                    let rows = try await cockpit.migrations.status()
                    if json {
                        try Output.json(
                            rows.map {
                                MigrationRow(
                                    name: $0.name, appliedAt: $0.appliedAt, checksumMatches: $0.checksumMatches)
                            })
                    } else {
                        print("store: \(cockpit.database.location)")
                        Output.table(
                            ["MIGRATION", "APPLIED", "CHECKSUM"],
                            rows.map {
                                [
                                    $0.name, $0.appliedAt.map(Output.date) ?? "pending",
                                    $0.checksumMatches ? "ok" : "CHANGED",
                                ]
                            })
                    }
                    if rows.contains(where: { !$0.checksumMatches }) { throw ExitCode.failure }
                    return
                }
                let applied = try await cockpit.migrations.migrate()
                let created = try await cockpit.owners.ensureDefaultAccount()
                if json {
                    try Output.json(MigrateAnswer(applied: applied, defaultAccount: created?.name))
                } else {
                    if let created {
                        print(
                            "created the default account \"\(created.name)\" (\(created.id.lowercased)): master-key "
                                + "LiteLLM calls that name no account act in it (COCKPIT_DEFAULT_ACCOUNT)")
                    }
                    print(
                        applied.isEmpty
                            ? "store is up to date (\(cockpit.database.location))"
                            : "applied \(applied.count) migration(s) to \(cockpit.database.location): \(applied.joined(separator: ", "))"
                    )
                }
            }
        }
    }

    private struct MigrationRow: Encodable {
        let name: String
        let appliedAt: Date?
        let checksumMatches: Bool
    }
}

/// `cockpit migrate --json`: the migrations applied and the default account created (null when none was).
struct MigrateAnswer: Encodable {
    let applied: [String]
    let defaultAccount: String?

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(applied, forKey: .applied)
        try c.encode(defaultAccount, forKey: .defaultAccount)
    }

    enum CodingKeys: String, CodingKey {
        case applied
        case defaultAccount = "default_account"
    }
}
