import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit`: the one executable. Each subcommand is a thin face over CockpitCore.
@main
struct CockpitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cockpit",
        abstract: "Multi-tenant control plane and AI gateway.",
        subcommands: [
            MigrateCommand.self, AccountCommand.self, DemoCommand.self, TUICommand.self, DoctorCommand.self,
            ServeCommand.self, SecretsCommand.self,
        ]
    )
}

/// Options every store-using command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("env-file"), help: "A .env file to read after the environment.")
    var envFile: String = ".env"

    /// Opens the core on the configured store, runs `body`, and closes the store.
    /// - Parameter migrated: refuse a store whose schema is behind (the error names `cockpit migrate`).
    func withCockpit(migrated: Bool = true, _ body: (Cockpit) async throws -> Void) async throws {
        let cockpit = try Cockpit.open(settings: Settings(dotenvPath: envFile))
        do {
            if migrated { try await cockpit.requireMigrated() }
            try await body(cockpit)
        } catch {
            await cockpit.database.close()
            throw error
        }
        await cockpit.database.close()
    }
}

/// Runs a command body, turning any error into one line on stderr and exit status 1.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let error as ExitCode { throw error } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(ErrorText.describe(error))\n".utf8))
        throw ExitCode.failure
    }
}

/// User-facing text for any error the core throws.
enum ErrorText {
    static func describe(_ error: Error) -> String {
        switch error {
        case let e as CockpitError: e.message
        case let e as StorageError: e.description
        default: String(describing: error)
        }
    }
}
