import CockpitCore
import Foundation

/// `:keys` (and `K`): the account's virtual keys in a dialog, alias, masked key, state and spend; n generates one
/// (its secret shown once), e edits one, r revokes one (its alias typed).
enum KeysScreen: Screen {
    static let name = "keys"
    static let usage = "keys"
    static let summary = "the account's virtual keys: generate, edit, revoke"
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("n")], action: .new, description: "generate a key (its secret is shown once)", hint: "generate"),
        KeyBinding(keys: [.char("e")], action: .edit, description: "edit the selected key's alias, models and budget", hint: "edit"),
        KeyBinding(keys: [.char("r")], action: .revoke, description: "revoke the selected key (type its alias to confirm)", hint: "revoke"),
    ]

    static func rowCount(_ s: CockpitState) -> Int? { s.session.keys?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let keys = s.session.keys ?? []
        switch action {
        case .new: s.mode = .form(newKey)
        case .edit:
            guard screen.selected < keys.count else { break }
            s.mode = .form(edit(keys[screen.selected]))
        case .revoke:
            guard screen.selected < keys.count else { break }
            let k = keys[screen.selected]
            guard !k.blocked else { s.message = "\(k.keyAlias ?? k.maskedKey) is already revoked"; break }
            s.mode = .confirm(ConfirmState(title: "revoke key \(k.keyAlias ?? k.maskedKey)? Requests with it are refused at once.",
                                           expected: k.keyAlias ?? k.maskedKey, effect: .perform(name, account: s.accountID, ScreenCommand("revoke", id: k.id)),
                                           returnTo: s.mode))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let keys = s.session.keys
        let (x, y, width, height) = Box.dialog(&b, maxWidth: 90, rows: max(2, (keys?.count ?? 1) + 1),
                                               title: "keys of \(s.account?.name ?? "")\(keys.map { " (\($0.count))" } ?? "")")
        let rows = keys?.map { k in
            ListTable.Row(cells: [k.keyAlias ?? "–", k.maskedKey, k.blocked ? "revoked" : (k.isExpired() ? "expired" : "active"), DetailsView.money(k.spend)],
                          role: k.blocked ? .statusWarn : .dialog)
        }
        ListTable.draw(&b, x: x, y: y + 1, width: width, height: height - 2,
                       columns: [.init(title: "alias", width: 26), .init(title: "key", width: 14), .init(title: "state", width: 10), .init(title: "spend", width: 0)],
                       rows: rows, selected: screen.selected, empty: "no keys yet: n generates one")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let keys = try await c.backend.keys(account: try c.requireAccount())
        return ScreenUpdate(session: { $0.keys = keys })
    }

    /// The form for a new virtual key of the account.
    static let newKey = form("new", title: "generate a key", fields: [
        .init(name: "key_alias", label: "alias"),
        .init(name: "models", label: "models", hint: "comma-separated; empty = every model"),
    ])

    /// The form that edits a key: alias, models, budget (never its secret, which is not kept).
    static func edit(_ key: VirtualKey) -> FormState {
        form("edit", id: key.id, title: "edit key \(key.keyAlias ?? key.maskedKey)", fields: [
            .init(name: "key_alias", label: "alias", value: key.keyAlias ?? ""),
            .init(name: "models", label: "models", value: key.models.joined(separator: ", "), hint: "comma-separated; empty = every model"),
            .init(name: "max_budget", label: "budget in USD", value: key.maxBudget.map { FormState.amount($0) } ?? "", hint: "empty for none"),
        ])
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        if let id {
            let key = try await c.backend.updateKey(account: account, id: id, alias: form.value("key_alias"), models: FormState.list(form.value("models")),
                                                    maxBudget: try FormState.amount(form.value("max_budget"), field: "max_budget"))
            let keys = try await c.backend.keys(account: account)
            return ScreenUpdate(session: { $0.keys = keys }, state: {
                $0.mode = .screen(ScreenState(name: name, selected: keys.firstIndex { $0.id == key.id } ?? 0))
                $0.message = "saved key \(key.keyAlias ?? key.maskedKey)"
            })
        }
        let (key, secret) = try await c.backend.generateKey(account: account, alias: form.value("key_alias"), models: FormState.list(form.value("models")))
        let keys = try await c.backend.keys(account: account)
        return ScreenUpdate(session: { $0.keys = keys }, state: { $0.mode = .secret(alias: key.keyAlias ?? key.maskedKey, secret: secret) })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "revoke", let id = command.id else { throw CockpitError.invalid(field: "action", reason: "keys cannot \(command.verb)") }
        let account = try c.requireAccount()
        try await c.backend.revokeKey(account: account, id: id)
        let keys = try await c.backend.keys(account: account)
        return ScreenUpdate(session: { $0.keys = keys }, state: { $0.message = "key revoked: the gateway refuses it from now on" })
    }
}
