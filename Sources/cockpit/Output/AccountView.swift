import CockpitCore
import Foundation

/// An account as the CLI prints it.
struct AccountView: Encodable {
    let account: Account
    let admins: [AccountAdmin]
    let organizations: [String: Int]

    init(_ bundle: AccountBundle) {
        account = bundle.account
        admins = bundle.admins
        organizations = Dictionary(uniqueKeysWithValues: bundle.organizationCounts.map { ($0.key.rawValue, $0.value) })
    }

    func printText() {
        let a = account
        Output.table(
            ["FIELD", "VALUE"],
            [
                ["id", a.id.lowercased], ["name", a.name], ["alias", a.alias ?? "-"], ["domain", a.domain],
                ["status", a.deletedAt == nil ? a.status.rawValue : "deleted (\(Output.date(a.deletedAt)))"],
                ["spend", Output.money(a.spend)], ["max budget", Output.money(a.maxBudget)],
                ["console orgs", String(organizations["console"] ?? 0)],
                ["copilot orgs", String(organizations["copilot"] ?? 0)],
                ["admins", admins.map(\.email).joined(separator: ", ")],
                ["created", "\(Output.date(a.createdAt)) by \(a.createdBy)"],
                ["updated", "\(Output.date(a.updatedAt)) by \(a.updatedBy)"],
            ])
    }
}

/// A page of items for `--json`.
struct ListView<Item: Encodable>: Encodable {
    let items: [Item]
    let nextCursor: String?
}
