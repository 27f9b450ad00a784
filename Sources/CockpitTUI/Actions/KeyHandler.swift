import CockpitCore
import Foundation

/// (state, key) → (state, effects): every key's meaning, with no terminal and no store in sight.
public enum KeyHandler {
    public static func handle(_ state: CockpitState, _ key: Key) -> (CockpitState, [Effect]) {
        // The next frame is drawn at the new size; nothing else changes.
        guard key != .resize else { return (state, []) }
        var s = state
        s.message = nil
        switch s.mode {
        case .command(let text): return command(s, text, key)
        case .filter: return filter(s, key)
        case .help:
            switch KeyRegistry.action(for: key, in: KeyRegistry.shared) {
            case .back, .help, .quit: s.mode = .trees; s.helpScroll = 0
            case .moveDown: s.helpScroll += 1
            case .moveUp: s.helpScroll = max(0, s.helpScroll - 1)
            case .pageDown: s.helpScroll += 10
            case .pageUp: s.helpScroll = max(0, s.helpScroll - 10)
            case .top: s.helpScroll = 0
            default: break
            }
            return (s, [])
        case .trees: return trees(s, key)
        case .screen(let screen): return self.screen(s, screen, key)
        case .form(let form): return self.form(s, form, key)
        case .confirm(let confirm): return self.confirm(s, confirm, key)
        case .secret(let alias, let secret):
            if KeyRegistry.action(for: key, in: KeyRegistry.newKeyDialog) == .copy { return (s, [.copy(secret)]) }
            if key == .escape || key == .enter || key == .char("q") {
                // Back to the keys with the new one selected (ready for r, say).
                let index = s.session.keys?.lastIndex { $0.keyAlias == alias || $0.maskedKey == alias } ?? 0
                s.mode = .screen(ScreenState(name: KeysScreen.name, selected: index))
                s.message = "the key is not shown again"
            }
            return (s, [])
        }
    }

    static func trees(_ state: CockpitState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        guard let action = KeyRegistry.treeAction(for: key) else { return (s, []) }
        let domain = s.session.focus
        var pane = s.session.panes[domain] ?? TreePaneState()
        let rows = s.rows(domain)
        let index = rows.firstIndex { $0.id == pane.selected } ?? 0
        func select(_ i: Int) { if !rows.isEmpty { pane.selected = rows[max(0, min(rows.count - 1, i))].id } }
        var effects: [Effect] = []
        switch action {
        case .moveUp: select(index - 1)
        case .moveDown: select(pane.selected == nil ? 0 : index + 1)
        case .top: select(0)
        case .bottom: select(rows.count - 1)
        case .pageUp: select(index - max(1, s.paneRows - 1))
        case .pageDown: select(index + max(1, s.paneRows - 1))
        case .open:
            if !rows.isEmpty, case .more(let level) = rows[index].id, let account = s.accountID {
                effects.append(.loadMore(account: account, domain: domain, level: level))
                break
            }
            guard let row = rows.isEmpty ? nil : rows[index], row.expandable else { break }
            pane.selected = row.id
            if pane.expanded.contains(row.id) {
                pane.expanded.remove(row.id)
            } else {
                pane.expanded.insert(row.id)
                if let account = s.accountID {
                    effects += load(row.id, s.session.data[domain] ?? TreeData(), account, domain)
                }
            }
        case .close:
            guard !rows.isEmpty else { break }
            let row = rows[index]
            if row.expanded {
                pane.expanded.remove(row.id)
            } else if let parent = rows[..<index].last(where: { $0.depth < row.depth }) {
                pane.selected = parent.id
            }
        case .switchPane:
            var session = s.session
            session.panes[domain] = pane
            session.focus = domain == .console ? .copilot : .console
            s.session = session
            return (s, [])
        case .filter: s.mode = .filter
        case .command: s.mode = .command("")
        case .help: s.mode = .help
        case .accounts:
            guard s.isSuperAdmin else { s.message = "only a super-admin switches accounts"; return (s, []) }
            return open(s, AccountsScreen.self, argument: nil)
        case .back: pane.filter = ""
        case .quit: s.quit = true
        case .new:
            guard !s.readOnly else { s.message = readOnlyMessage; return (s, []) }
            guard s.accountID != nil else { s.message = "choose an account first (a)"; return (s, []) }
            let names = Dictionary(rows.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            s.mode = .form(FormState.child(of: pane.selected, domain: domain) { names[$0] ?? "" })
        case .keys: return open(s, KeysScreen.self, argument: nil)
        case .budget: return open(s, BudgetScreen.self, argument: nil)
        case .delete: delete(&s, rows.isEmpty ? nil : rows[index], domain: domain); return (s, [])
        case .edit: edit(&s, rows.isEmpty ? nil : rows[index], domain: domain); return (s, [])
        case .refresh: if let account = s.accountID { effects.append(.refresh(account: account)) }
        case .zoom: s.zoomed.toggle()
        // Not bound in the trees.
        case .revoke, .copy, .suspend, .restore, .bootstrap, .check, .pack, .grantRoles, .ensureRole, .allocateAccount,
            .distribute, .override, .renew, .history, .usage, .grant, .publish, .test, .pattern:
            break
        }
        let after = s.rows(domain)
        pane.scroll = TreePaneView.scroll(
            pane.scroll, selected: after.firstIndex { $0.id == pane.selected }, visible: s.paneRows,
            count: after.count)
        var session = s.session
        session.panes[domain] = pane
        s.session = session
        return (s, effects)
    }

    /// The load a newly opened node needs, when its children are not loaded yet.
    static func load(_ id: NodeID, _ data: TreeData, _ account: UUID, _ domain: ProductDomain) -> [Effect] {
        switch id {
        case .org(let org): data.teams[org] == nil ? [.loadTeams(account: account, domain: domain, org: org)] : []
        case .team(let team):
            data.members[team] == nil ? [.loadMembers(account: account, domain: domain, team: team)] : []
        case .member, .more: []
        }
    }

    static func filter(_ state: CockpitState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        var session = s.session
        var pane = session.panes[session.focus] ?? TreePaneState()
        switch key {
        case .escape: pane.filter = ""; s.mode = .trees
        case .enter:
            s.mode = .trees
            // Nothing loaded matches: look for a user in the whole tree.
            if let account = s.accountID, !pane.filter.isEmpty,
                TreeModel.matches(session.data[session.focus] ?? TreeData(), pane) == 0
            {
                session.panes[session.focus] = pane
                s.session = session
                return (s, [.findUser(account: account, domain: session.focus, prefix: pane.filter)])
            }
        case .backspace: if !pane.filter.isEmpty { pane.filter.removeLast() }
        case .char(let c): pane.filter.append(c)
        default: break
        }
        if let first = TreeModel.rows(session.data[session.focus] ?? TreeData(), pane).first(where: {
            !pane.filter.isEmpty && $0.label.lowercased().contains(pane.filter.lowercased())
        }) {
            pane.selected = first.id
        }
        session.panes[session.focus] = pane
        s.session = session
        return (s, [])
    }

    /// Shows an account: its saved session, and the organizations of both trees when not loaded yet.
    public static func switchAccount(_ state: CockpitState, to account: Account) -> (CockpitState, [Effect]) {
        var s = state
        s.accountID = account.id
        s.mode = .trees
        if s.sessions[account.id] == nil { s.sessions[account.id] = AccountSession() }
        var effects = ProductDomain.allCases.filter { s.sessions[account.id]?.data[$0]?.orgs == nil }
            .map { Effect.loadOrganizations(account: account.id, domain: $0) }
        if s.sessions[account.id]?.recentSpend == nil { effects.append(.loadRecentSpend(account: account.id)) }
        if s.sessions[account.id]?.audit == nil { effects.append(.loadDetails(account: account.id)) }
        return (s, effects)
    }
}
