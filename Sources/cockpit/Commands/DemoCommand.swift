import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit demo [--seed-only]`: the embedded store with demo data.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create or refresh demo data (three accounts, both trees, keys, models, four weeks of spend).")

    @OptionGroup var store: StoreOptions
    @Flag(name: .customLong("seed-only"), help: "Seed (or re-seed) the store and exit.") var seedOnly = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await runReportingErrors {
            try await store.withCockpit(migrated: false) { cockpit in
                try await cockpit.migrations.migrate()
                let seeder = DemoSeeder(cockpit: cockpit)
                if !seedOnly, try await seeder.isSeeded() {
                    try await printAccounts(cockpit)
                    return
                }
                let started = Date()
                let summary = try await seeder.seed()
                if json { Output.json(summary); return }
                print(String(format: "seeded %@ in %.1fs: %d accounts, %d orgs, %d teams, %d users, %d memberships, %d keys, %d models, %d spend rows",
                             cockpit.database.location, Date().timeIntervalSince(started), summary.accounts, summary.organizations,
                             summary.teams, summary.users, summary.memberships, summary.keys, summary.models, summary.spendRows))
                if !seedOnly { try await printAccounts(cockpit) }
            }
        }
    }

    private func printAccounts(_ cockpit: Cockpit) async throws {
        let page = try await cockpit.accounts.list()
        Output.table(["ACCOUNT", "DOMAIN", "STATUS", "SPEND", "ADMIN LOGIN"], page.items.map {
            [$0.name, $0.domain, $0.status.rawValue, Output.money($0.spend), "admin@\($0.domain) / demo-password"]
        })
        print("\nThe full-screen cockpit (issue: TUI) is not built yet; `cockpit account list|show` browse this store meanwhile.")
    }
}
