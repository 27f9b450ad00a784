import ArgumentParser
import CockpitCore
import CockpitTUI
import Foundation

/// `cockpit demo [--seed-only]`: the embedded store with demo data, then the cockpit signed in as the demo
/// super-admin.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Open the cockpit on demo data (three accounts, both trees, keys, models, four weeks of spend), seeding it first if needed."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var display: CockpitDisplayOptions
    @Flag(name: .customLong("seed-only"), help: "Seed (or re-seed) the store and exit.") var seedOnly = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        var status: Int32 = 0
        try await runReportingErrors {
            try DemoSaltKey.ensure(Settings(dotenvPath: store.envFile))
            try await store.withCockpit(migrated: false) { cockpit in
                try await cockpit.migrations.migrate()
                let seeder = DemoSeeder(cockpit: cockpit)
                if !seedOnly, try await seeder.isSeeded() {
                    status = try await openCockpit(cockpit)
                    return
                }
                let started = Date()
                let summary = try await seeder.seed()
                if json { try Output.json(summary); return }
                print(
                    String(
                        format:
                            "seeded %@ in %.1fs: %d accounts, %d orgs, %d teams, %d users, %d memberships, %d keys, %d models, %d spend rows, %d agents, %d connections, %d marketplace listings",
                        cockpit.database.location, Date().timeIntervalSince(started), summary.accounts,
                        summary.organizations,
                        summary.teams, summary.users, summary.memberships, summary.keys, summary.models,
                        summary.spendRows, summary.agents, summary.connections, summary.listings))
                if !seedOnly { status = try await openCockpit(cockpit) }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The cockpit signed in as the demo super-admin, without a prompt (the header says so).
    private func openCockpit(_ cockpit: Cockpit) async throws -> Int32 {
        let principal = Principal.superAdmin(method: .local, name: "demo")
        let backend = LocalBackend(
            cockpit: cockpit, principal: display.readOnly ? principal.readingOnly() : principal,
            identity: "demo super-admin")
        return try await display.run(backend: backend, settings: cockpit.settings)
    }
}
