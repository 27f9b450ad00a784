import CockpitCore
import Foundation

/// `:accounts` (and `a`): the super-admin's accounts in a dialog, name, status and domain; enter opens one, n adds
/// one with its first admin, e edits, s suspends, u restores, d deletes one for good (its name typed).
enum AccountsScreen: Screen {
    static let name = "accounts"
    static let usage = "accounts"
    static let summary = "the accounts: enter works in one; add, edit, suspend, restore or delete one"
    static let superAdminOnly = true
    static let needsAccount = false
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.enter], action: .open, description: "work in the selected account", hint: "open"),
        KeyBinding(keys: [.char("n")], action: .new, description: "a new account with its first admin", hint: "new"),
        KeyBinding(
            keys: [.char("e")], action: .edit, description: "edit the account's name, email domain and budget",
            hint: "edit"),
        KeyBinding(
            keys: [.char("s")], action: .suspend,
            description: "suspend the account: its keys and logins stop (type its name)", hint: "suspend"),
        KeyBinding(keys: [.char("u")], action: .restore, description: "restore a suspended account", hint: "restore"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "delete the account for good with all its data (type its name)", hint: "delete"),
    ]

    static func rowCount(_ s: CockpitState) -> Int? { s.accounts.count }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        s.mode = .screen(ScreenState(name: name, selected: s.accounts.firstIndex { $0.id == s.accountID } ?? 0))
        return (s, [.loadAccounts])
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard screen.selected < s.accounts.count || action == .new else { return (s, []) }
        switch action {
        case .open: return KeyHandler.switchAccount(s, to: s.accounts[screen.selected])
        case .new: s.mode = .form(newAccount)
        case .edit: s.mode = .form(edit(s.accounts[screen.selected]))
        case .restore:
            let account = s.accounts[screen.selected]
            guard !account.isActive else { s.message = "\(account.name) is active"; break }
            return (s, [.perform(name, account: s.accountID, ScreenCommand("restore", id: account.id))])
        case .suspend:
            let account = s.accounts[screen.selected]
            guard account.isActive else { s.message = "\(account.name) is already suspended"; break }
            s.mode = .confirm(
                ConfirmState(
                    title: "suspend \(account.name)? Its keys and logins stop at once.", expected: account.name,
                    effect: .perform(name, account: s.accountID, ScreenCommand("suspend", id: account.id)),
                    returnTo: s.mode))
        case .delete:
            let account = s.accounts[screen.selected]
            var back = screen
            back.selected = max(0, screen.selected - 1)
            s.mode = .confirm(
                ConfirmState(
                    title:
                        "delete \(account.name) for good, with all its trees, keys, spend and audit? This cannot be undone.",
                    expected: account.name,
                    effect: .perform(
                        name, account: s.accountID, ScreenCommand("delete", id: account.id, text: account.name)),
                    returnTo: .screen(back)))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let (x, y, width, height) = Box.dialog(
            &b, maxWidth: 80, rows: max(2, s.accounts.count), title: "accounts (\(s.accounts.count))")
        let rows = s.accounts.map { account -> ListTable.Row in
            let status = account.isActive ? "active" : (account.deletedAt == nil ? "suspended" : "deleted")
            return ListTable.Row(
                cells: [TextWidth.fit(account.name, to: width - 32) + " ", status, account.domain],
                role: account.isActive ? .dialog : .statusWarn)
        }
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: [.init(title: "", width: width - 31), .init(title: "", width: 10), .init(title: "", width: 18)],
            rows: rows, selected: screen.selected, empty: "no accounts yet: n adds one")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let accounts = try await c.backend.accounts()
        return ScreenUpdate(state: { $0.accounts = accounts })
    }

    /// The form for a new account with its first admin.
    static let newAccount = form(
        "new", title: "new account",
        fields: [
            .init(name: "account_name", label: "account name"),
            .init(name: "domain", label: "email domain", hint: "logins from it go to this account, e.g. acme.io"),
            .init(name: "admin_email", label: "first admin's email"),
            .init(
                name: "admin_password", label: "first admin's password", hint: "optional: empty for SSO only",
                secret: true),
            .init(name: "max_budget", label: "budget in USD", hint: "optional"),
        ])

    /// The form that edits an account's name, email domain and budget.
    static func edit(_ account: Account) -> FormState {
        form(
            "edit", id: account.id, title: "edit account \(account.name)",
            fields: [
                .init(name: "account_name", label: "account name", value: account.name),
                .init(name: "domain", label: "email domain", value: account.domain),
                .init(
                    name: "max_budget", label: "budget in USD",
                    value: account.maxBudget.map { FormState.amount($0) } ?? "", hint: "empty for none"),
            ])
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let budget = try FormState.amount(form.value("max_budget"), field: "max_budget")
        let account: Account
        if let id {
            account = try await c.backend.updateAccount(
                id,
                AccountPatch(
                    name: form.value("account_name"), domain: form.value("domain"),
                    maxBudget: .some(budget)))
        } else {
            let password = form.rawValue("admin_password")
            account = try await c.backend.createAccount(
                NewAccount(
                    name: form.value("account_name"), domain: form.value("domain"), maxBudget: budget,
                    adminEmail: form.value("admin_email"), adminPassword: password.isEmpty ? nil : password))
        }
        let created = id == nil
        let accounts = try await c.backend.accounts()
        return ScreenUpdate(state: {
            $0.accounts = accounts
            $0.mode = .screen(ScreenState(name: name, selected: accounts.firstIndex { $0.id == account.id } ?? 0))
            $0.message = created ? "created account \(account.name) (enter opens it)" : "saved account \(account.name)"
        })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard let id = command.id else { throw CockpitError.invalid(field: "account", reason: "is required") }
        switch command.verb {
        case "suspend", "restore":
            let restore = command.verb == "restore"
            try await c.backend.setAccountStatus(account: id, status: restore ? .active : .suspended)
            return ScreenUpdate(
                state: {
                    $0.message = restore ? "account restored" : "account suspended: its keys and logins are refused"
                },
                then: [.loadAccounts])
        default:
            let typed = command.text ?? ""
            try await c.backend.hardDeleteAccount(id, confirmName: typed)
            return ScreenUpdate(
                state: {
                    $0.sessions[id] = nil
                    if $0.accountID == id { $0.accountID = nil }
                    $0.message = "account \(typed) deleted for good"
                }, then: [.loadAccounts, .openDefaultAccount])
        }
    }
}
