import CockpitCore
import Foundation

extension KeyHandler {
    static let readOnlyMessage = "read-only: changes are refused (started with --read-only)"

    /// Typing in a form: tab / ↓ next field, shift-tab / ↑ previous, enter on the last field submits, esc cancels.
    static func form(_ state: CockpitState, _ form: FormState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state, f = form
        switch key {
        case .escape: s.mode = back(f); return (s, [])
        case .tab, .down: f.focus = min(f.fields.count - 1, f.focus + 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .backspace: if !f.fields[f.focus].value.isEmpty { f.fields[f.focus].value.removeLast() }
        case .char(let c): f.fields[f.focus].value.append(c)
        case .enter:
            if f.focus < f.fields.count - 1 { f.focus += 1 } else {
                guard !s.readOnly else { s.mode = back(f); s.message = readOnlyMessage; return (s, []) }
                guard let account = s.accountID else { return (s, []) }
                f.error = nil
                s.mode = .form(f)
                return (s, [.submit(account: account, form: f)])
            }
        default: break
        }
        s.mode = .form(f)
        return (s, [])
    }

    /// Where a form goes back to: the view it was opened from.
    static func back(_ f: FormState) -> Mode {
        switch f.kind {
        case .newAccount, .editAccount: .accounts(selected: 0)
        case .model: .models(selected: 0)
        case .key, .editKey: .keys(selected: 0)
        default: .trees
        }
    }

    /// Where a question goes back to.
    static func back(_ c: ConfirmState) -> Mode { c.returnTo }

    /// Typing the confirmation; enter runs the action only when it matches.
    static func confirm(_ state: CockpitState, _ confirm: ConfirmState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state, c = confirm
        switch key {
        case .escape: s.mode = back(c); s.message = "cancelled"
        case .backspace: if !c.typed.isEmpty { c.typed.removeLast() }; s.mode = .confirm(c)
        case .char(let ch): c.typed.append(ch); s.mode = .confirm(c)
        case .enter:
            guard c.typed == c.expected else { s.message = "type \(c.expected) to confirm (esc cancels)"; s.mode = .confirm(c); return (s, []) }
            s.mode = back(c)
            return (s, [c.effect])
        default: s.mode = .confirm(c)
        }
        return (s, [])
    }

    /// The keys view: ↑↓ choose, n generates, r revokes after the alias is typed, esc back.
    static func keys(_ state: CockpitState, _ selected: Int, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        let keys = s.session.keys ?? []
        switch KeyRegistry.action(for: key) {
        case .moveUp: s.mode = .keys(selected: max(0, selected - 1))
        case .moveDown: s.mode = .keys(selected: min(max(0, keys.count - 1), selected + 1))
        case .new:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            s.mode = .form(.newKey)
        case .edit:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            guard selected < keys.count else { return (s, []) }
            s.mode = .form(.edit(keys[selected]))
        case .refresh: if let account = s.accountID { return (s, [.loadKeys(account: account)]) }
        case .revoke:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            guard selected < keys.count, let account = s.accountID else { return (s, []) }
            let k = keys[selected]
            guard !k.blocked else { s.message = "\(k.keyAlias ?? k.maskedKey) is already revoked"; return (s, []) }
            s.mode = .confirm(ConfirmState(title: "revoke key \(k.keyAlias ?? k.maskedKey)? Requests with it are refused at once.",
                                           expected: k.keyAlias ?? k.maskedKey, effect: .revokeKey(account: account, id: k.id), returnTo: .keys(selected: selected)))
        case .back, .keys: s.mode = .trees
        case .quit: s.quit = true
        default: break
        }
        return (s, [])
    }
}

extension KeyHandler {
    /// `d` in a tree: remove a member (confirm with y), delete a team or an organization (type its name).
    static func delete(_ s: inout CockpitState, _ row: TreeRow?, domain: ProductDomain) {
        guard !s.readOnly else { s.message = readOnlyMessage; return }
        guard let row, let account = s.accountID else { s.message = "select what to delete first"; return }
        switch row.id {
        case .member:
            s.mode = .confirm(ConfirmState(title: "remove \(row.label) from the team? The user stays in the tree.", expected: "y",
                                           effect: .delete(account: account, domain: domain, node: row.id)))
        case .more: s.message = "select an organization, a team or a member to delete"
        case .team, .org:
            let what = row.depth == 0 ? "organization" : "team"
            s.mode = .confirm(ConfirmState(title: "delete \(domain.rawValue) \(what) \(row.label) and everything under it?", expected: row.label,
                                           effect: .delete(account: account, domain: domain, node: row.id)))
        }
    }
}
