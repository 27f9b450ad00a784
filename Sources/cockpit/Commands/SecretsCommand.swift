import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit secrets …`: the stored secrets' keys.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets", abstract: "Manage the keys stored secrets are sealed with.",
        subcommands: [Rotate.self])

    /// `cockpit secrets rotate [--dry-run] [--batch-size N] [--json]`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every stored secret under the current LITELLM_SALT_KEY.",
            discussion: """
                Connection secrets, provider credentials and SSO secrets sealed before key ids or by a key listed in \
                COCKPIT_PREVIOUS_SALT_KEYS are opened and sealed again under the current key, in batches (one \
                transaction each): a run stopped midway can simply be run again. Exits 1 when a value cannot be \
                opened with any configured key (named by table and row id).
                """)
        @OptionGroup var store: StoreOptions
        @Flag(name: .customLong("dry-run"), help: "Count what would be re-sealed; change nothing.") var dryRun = false
        @Option(name: .customLong("batch-size"), help: "Rows re-sealed per transaction.") var batchSize = 100
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var failed = false
            try await runReportingErrors {
                try await store.withCockpit { cockpit in
                    let report = try await cockpit.secrets.rotate(dryRun: dryRun, batchSize: batchSize)
                    if json {
                        try Output.json(RotationView(report))
                    } else {
                        print(report.summary + (report.dryRun ? " (dry run: nothing changed)" : ""))
                    }
                    for value in report.unreadable {
                        FileHandle.standardError.write(
                            Data("error: \(value) cannot be opened with any configured salt key\n".utf8))
                    }
                    failed = !report.unreadable.isEmpty
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    /// `cockpit secrets rotate --json`.
    struct RotationView: Encodable {
        let keyID: String
        let dryRun: Bool
        let resealed: [String: Int]
        let left: Int
        let unreadable: [Unreadable]

        struct Unreadable: Encodable {
            let table: String
            let id: String
        }

        init(_ report: SecretRotationReport) {
            keyID = report.keyID
            dryRun = report.dryRun
            resealed = Dictionary(uniqueKeysWithValues: report.resealed.map { ($0.key.table, $0.value) })
            left = report.left
            unreadable = report.unreadable.map { Unreadable(table: $0.place.table, id: $0.id.lowercased) }
        }

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case dryRun = "dry_run"
            case resealed, left, unreadable
        }
    }
}
