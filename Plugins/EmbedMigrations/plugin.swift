import Foundation
import PackagePlugin

/// Embeds `migrations/<dialect>/*.sql` into the CockpitMigrations module, and the `*.json` files of the `data/`
/// folder into CockpitData, as Swift string literals, so the `cockpit` binary carries its schema and its data
/// files (the price table) and needs no files beside it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let root = target.directoryURL
        if target.name == "CockpitData" {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path())) ?? []
            let inputs = names.filter { $0.hasSuffix(".json") }.sorted().map { root.appending(path: $0) }
            let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDataFiles.swift")
            return [.buildCommand(displayName: "Embedding \(inputs.count) data files", executable: try context.tool(named: "embed-migrations").url,
                                  arguments: ["--data", output.path()] + inputs.map { $0.path() }, inputFiles: inputs, outputFiles: [output])]
        }
        var inputs: [URL] = []
        for dialect in ["postgres", "sqlite"] {
            let folder = root.appending(path: dialect)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
            inputs += names.filter { $0.hasSuffix(".sql") }.sorted().map { folder.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrationFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) migration files",
                executable: try context.tool(named: "embed-migrations").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
