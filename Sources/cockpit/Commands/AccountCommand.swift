import ArgumentParser
import CockpitCore
import Foundation

/// `cockpit account …`: account lifecycle from the shell.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Create, list, show, suspend, restore and delete accounts.",
        subcommands: [Create.self, List.self, Show.self, Suspend.self, Restore.self, Delete.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with its first admin and the copilot `global` org.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Account name (unique).") var name: String
        @Option(help: "Email domain that routes logins, e.g. acme.io (unique).") var domain: String
        @Option(name: .customLong("admin-email"), help: "The first account admin.") var adminEmail: String
        @Option(help: "Display alias.") var alias: String?
        @Option(name: .customLong("max-budget"), help: "Budget in USD.") var maxBudget: Double?
        @Option(
            name: .customLong("admin-password"),
            help: "Local password for the admin (visible in ps: prefer the file or COCKPIT_ADMIN_PASSWORD).")
        var adminPassword: String?
        @Option(name: .customLong("admin-password-file"), help: "A file holding the admin's local password.")
        var adminPasswordFile: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await runReportingErrors {
                try await store.withCockpit { cockpit in
                    let password = try SecretInput.read(
                        argument: adminPassword, flag: "--admin-password", file: adminPasswordFile,
                        fileFlag: "--admin-password-file",
                        environment: ProcessInfo.processInfo.environment["COCKPIT_ADMIN_PASSWORD"], prompt: nil)
                    let bundle = try await cockpit.accounts.create(
                        NewAccount(
                            name: name, alias: alias, domain: domain, maxBudget: maxBudget, adminEmail: adminEmail,
                            adminPassword: password))
                    if json {
                        try Output.json(AccountView(bundle))
                    } else {
                        print("created account \(bundle.account.name) (\(bundle.account.id.lowercased))")
                        print(
                            "admin: \(bundle.admins.map(\.email).joined(separator: ", ")); copilot org: \(AccountService.defaultCopilotOrganization)"
                        )
                    }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only accounts with this status: active or suspended.") var status: String?
        @Flag(name: .customLong("include-deleted"), help: "Include soft-deleted accounts.") var includeDeleted = false
        @Option(help: "Page size (1-500).") var limit: Int = 100
        @Option(help: "Cursor from the previous page.") var cursor: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await runReportingErrors {
                let status = try self.status.map { text -> AccountStatus in
                    guard let s = AccountStatus(rawValue: text.lowercased()) else {
                        throw CockpitError.invalid(field: "status", reason: "must be active or suspended")
                    }
                    return s
                }
                try await store.withCockpit { cockpit in
                    let page = try await cockpit.accounts.list(
                        status: status, includeDeleted: includeDeleted,
                        page: PageRequest(limit: limit, cursor: cursor))
                    if json {
                        try Output.json(ListView(items: page.items, nextCursor: page.nextCursor))
                        return
                    }
                    Output.table(
                        ["ID", "NAME", "DOMAIN", "STATUS", "SPEND", "BUDGET", "CREATED"],
                        page.items.map { a in
                            [
                                a.id.lowercased, a.name, a.domain, a.deletedAt == nil ? a.status.rawValue : "deleted",
                                Output.money(a.spend), Output.money(a.maxBudget), Output.date(a.createdAt),
                            ]
                        })
                    if let next = page.nextCursor { print("more: --cursor \(next)") }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one account (by id or exact name).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await runReportingErrors {
                try await store.withCockpit { cockpit in
                    let found = try await cockpit.accounts.resolve(account)
                    let bundle = try await cockpit.accounts.bundle(found.id)
                    if json { try Output.json(AccountView(bundle)) } else { AccountView(bundle).printText() }
                }
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suspend an account: its keys and logins stop working.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        func run() async throws { try await changeStatus(store, account, .suspended) }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restore a suspended or soft-deleted account.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        func run() async throws { try await changeStatus(store, account, .active) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Soft-delete an account, or remove it and all its data with --hard.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        @Flag(help: "Remove the account and all its data in one transaction.") var hard = false
        @Option(name: .customLong("confirm-name"), help: "With --hard: the account's exact name.") var confirmName:
            String?

        func validate() throws {
            if hard && confirmName == nil {
                throw ValidationError("--hard needs --confirm-name with the account's exact name")
            }
        }

        func run() async throws {
            try await runReportingErrors {
                try await store.withCockpit { cockpit in
                    let found = try await cockpit.accounts.resolve(account)
                    if hard {
                        try await cockpit.accounts.hardDelete(found.id, confirmName: confirmName ?? "")
                        print("removed account \(found.name) and all its data")
                    } else {
                        _ = try await cockpit.accounts.softDelete(found.id)
                        print("deleted account \(found.name) (suspended; `cockpit account restore` undoes it)")
                    }
                }
            }
        }
    }

    static func changeStatus(_ store: StoreOptions, _ account: String, _ status: AccountStatus) async throws {
        try await runReportingErrors {
            try await store.withCockpit { cockpit in
                let found = try await cockpit.accounts.resolve(account)
                let updated = try await cockpit.accounts.setStatus(found.id, status)
                print("account \(updated.name) is \(updated.status.rawValue)")
            }
        }
    }
}
