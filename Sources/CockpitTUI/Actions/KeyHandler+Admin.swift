import CockpitCore
import Foundation

/// Edits in the trees, and the accounts, models and Zitadel views' own keys. Every change is refused in read-only
/// mode here, before anything reaches a backend.
extension KeyHandler {
    /// `e` in a tree: rename an organization or a team; a member's name and team role.
    static func edit(_ s: inout CockpitState, _ row: TreeRow?, domain: ProductDomain) {
        guard !s.readOnly else { s.message = readOnlyMessage; return }
        guard let row, let form = FormState.edit(row.id, domain: domain, data: s.session.data[domain] ?? TreeData(), label: row.label) else {
            s.message = "select an organization, a team or a member to edit"
            return
        }
        s.mode = .form(form)
    }

    /// `n`, `e` and `d` in the accounts list: a new account, edit the selected one, delete it for good (its name typed).
    static func accountChange(_ state: CockpitState, _ selected: Int, _ action: Action) -> (CockpitState, [Effect]) {
        var s = state
        guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
        guard s.isSuperAdmin else { s.message = "only a super-admin changes accounts"; return (s, []) }
        if action == .new { s.mode = .form(.newAccount); return (s, []) }
        guard selected < s.accounts.count else { return (s, []) }
        let account = s.accounts[selected]
        if action == .edit { s.mode = .form(.edit(account)); return (s, []) }
        s.mode = .confirm(ConfirmState(title: "delete \(account.name) for good, with all its trees, keys, spend and audit? This cannot be undone.",
                                       expected: account.name, effect: .hardDeleteAccount(account: account.id, name: account.name),
                                       returnTo: .accounts(selected: max(0, selected - 1))))
        return (s, [])
    }

    /// The models view: ↑↓ choose, n adds, e edits, d deletes (the model's name typed) one of the account's own
    /// models; the global ones are the super-admin catalogue's and are only listed.
    static func models(_ state: CockpitState, _ selected: Int, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        let models = s.session.models ?? []
        let action = KeyRegistry.action(for: key)
        switch action {
        case .moveUp: s.mode = .models(selected: max(0, selected - 1))
        case .moveDown: s.mode = .models(selected: min(max(0, models.count - 1), selected + 1))
        case .back, .quit: s.mode = .trees
        case .refresh: if let account = s.accountID { return (s, [.loadModels(account: account)]) }
        case .new, .edit, .delete:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            guard let account = s.accountID else { return (s, []) }
            if action == .new { s.mode = .form(.model(nil)); return (s, []) }
            guard selected < models.count else { return (s, []) }
            let model = models[selected]
            guard model.accountID == account else { s.message = "\(model.modelName) is a global model: the super-admin catalogue owns it"; return (s, []) }
            if action == .edit { s.mode = .form(.model(model)); return (s, []) }
            s.mode = .confirm(ConfirmState(title: "delete model \(model.modelName)? Keys that use it are refused for it at once.",
                                           expected: model.modelName, effect: .deleteModel(account: account, id: model.id),
                                           returnTo: .models(selected: max(0, selected - 1))))
        default: break
        }
        return (s, [])
    }

    /// The Zitadel view: b runs the bootstrap (after y), R reloads the status and plan, esc goes back.
    static func zitadel(_ state: CockpitState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        guard let account = s.accountID else { s.mode = .trees; return (s, []) }
        switch KeyRegistry.action(for: key) {
        case .back, .quit: s.mode = .trees
        case .refresh: return (s, [.loadZitadel(account: account)])
        case .bootstrap:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            s.mode = .confirm(ConfirmState(title: "run the Zitadel bootstrap for \(s.account?.name ?? "this account")? It creates what the plan lists.",
                                           expected: "y", effect: .bootstrapZitadel(account: account), returnTo: .zitadel))
        default: break
        }
        return (s, [])
    }
}
