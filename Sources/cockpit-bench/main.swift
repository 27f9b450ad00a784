import CockpitCore
import Foundation

// cockpit-bench store [--import-only] --sqlite PATH | --postgres URL [--users N] [--teams N] [--orgs N] [--lookups N]
// cockpit-bench streams --url URL --key KEY --model M [--count N] [--chunks N] [--probes N]
// cockpit-bench tui --sqlite PATH   (after `store --import-only --sqlite PATH`)
// cockpit-bench admission --sqlite PATH   (a fresh file)
// cockpit-bench credits --sqlite PATH | --postgres URL [--users N] [--teams N] [--rows N]
// Prints its figures; scripts/bench/store.sh and scripts/bench/gateway.sh run it in release mode.
var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "tui", arguments.count == 3, arguments.dropFirst().first == "--sqlite" {
    try await TUIBenchmark(path: arguments.last!).run()
    exit(0)
}
if arguments.first == "admission", arguments.count == 3, arguments.dropFirst().first == "--sqlite" {
    try await AdmissionBenchmark(path: arguments.last!).run()
    exit(0)
}
if arguments.first == "credits" {
    arguments = arguments.dropFirst()
    while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
        options[String(flag.dropFirst(2))] = arguments.dropFirst().first!
        arguments = arguments.dropFirst(2)
    }
    let store: Database
    if let path = options["sqlite"] {
        store = try SQLiteDatabase(path: path)
    } else if let url = options["postgres"] {
        store = PostgresDatabase(url: url)
    } else {
        FileHandle.standardError.write(
            Data(
                "usage: cockpit-bench credits --sqlite PATH | --postgres URL [--users N] [--teams N] [--rows N]\n".utf8)
        )
        exit(2)
    }
    var credits = CreditBenchmark(database: store)
    credits.users = Int(options["users"] ?? "") ?? credits.users
    credits.teams = Int(options["teams"] ?? "") ?? credits.teams
    credits.rows = Int(options["rows"] ?? "") ?? credits.rows
    try await credits.run()
    await store.close()
    exit(0)
}
if arguments.first == "streams" {
    arguments = arguments.dropFirst()
    while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
        options[String(flag.dropFirst(2))] = arguments.dropFirst().first!
        arguments = arguments.dropFirst(2)
    }
    guard let url = options["url"], let model = options["model"] else {
        FileHandle.standardError.write(
            Data("usage: cockpit-bench streams --url URL --key KEY --model M [--count N] [--chunks N]\n".utf8))
        exit(2)
    }
    var streams = StreamBenchmark(
        url: url, key: options["key"], model: model, count: Int(options["count"] ?? "") ?? 1_000,
        chunks: Int(options["chunks"] ?? "") ?? 20)
    streams.probes = Int(options["probes"] ?? "") ?? 0
    let ok = await streams.run()
    exit(ok ? 0 : 1)
}
guard arguments.first == "store" else {
    FileHandle.standardError.write(
        Data(
            "usage: cockpit-bench store --sqlite PATH | --postgres URL [--users N] [--teams N] [--orgs N] [--lookups N]\n"
                .utf8))
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
var benchmark = StoreBenchmark(
    database: database, users: Int(options["users"] ?? "") ?? 100_000, teams: Int(options["teams"] ?? "") ?? 10_000,
    organizations: Int(options["orgs"] ?? "") ?? 100, lookups: Int(options["lookups"] ?? "") ?? 10_000)
benchmark.importOnly = importOnly
try await benchmark.run()
await database.close()
