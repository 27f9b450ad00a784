import Foundation
import PackagePlugin

/// Embeds `migrations/<dialect>/*.sql` into the CockpitMigrations module, the `*.json` files of `data/` into
/// CockpitData and the `*.yaml` themes of `themes/` into CockpitThemes, as Swift string literals, so the `cockpit` binary carries its schema and its data
/// files (the price table) and needs no files beside it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let root = target.directoryURL
        // Data targets: every .json and .yaml file at the target's root, into the type the target declares.
        let dataTypes = ["CockpitData": "EmbeddedData", "CockpitThemes": "EmbeddedThemes"]
        if let typeName = dataTypes[target.name] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path())) ?? []
            let inputs = names.filter { $0.hasSuffix(".json") || $0.hasSuffix(".yaml") }.sorted().map { root.appending(path: $0) }
            let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName)Files.swift")
            return [.buildCommand(displayName: "Embedding \(inputs.count) files into \(typeName)", executable: try context.tool(named: "embed-migrations").url,
                                  arguments: ["--data", typeName, output.path()] + inputs.map { $0.path() }, inputFiles: inputs, outputFiles: [output])]
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
