import CockpitCore
import Foundation

// cockpit-bench store [--import-only] --sqlite PATH | --postgres URL [--users N] [--teams N] [--orgs N] [--lookups N]
// Prints its figures; scripts/bench/store.sh runs it in release mode against both stores.
var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "store" else {
    FileHandle.standardError.write(Data("usage: cockpit-bench store --sqlite PATH | --postgres URL [--users N] [--teams N] [--orgs N] [--lookups N]\n".utf8))
    exit(2)
}
arguments = arguments.dropFirst()
var importOnly = false
if let flag = arguments.first, flag == "--import-only" {
    importOnly = true
    arguments = arguments.dropFirst()
}
while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
    options[String(flag.dropFirst(2))] = arguments.dropFirst().first!
    arguments = arguments.dropFirst(2)
}
let database: Database
if let path = options["sqlite"] {
    database = try SQLiteDatabase(path: path)
} else if let url = options["postgres"] {
    database = PostgresDatabase(url: url)
} else {
    FileHandle.standardError.write(Data("cockpit-bench: give --sqlite PATH or --postgres URL\n".utf8))
    exit(2)
}
var benchmark = StoreBenchmark(database: database, users: Int(options["users"] ?? "") ?? 100_000, teams: Int(options["teams"] ?? "") ?? 10_000,
                               organizations: Int(options["orgs"] ?? "") ?? 100, lookups: Int(options["lookups"] ?? "") ?? 10_000)
benchmark.importOnly = importOnly
try await benchmark.run()
await database.close()
