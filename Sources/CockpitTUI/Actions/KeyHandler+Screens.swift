import CockpitCore
import Foundation

/// Keys in a registered view: the shared ones (move the selection, help, command line, reload, back, quit) here, the
/// view's own through `Screen.handle`, after the read-only check that every change goes through.
extension KeyHandler {
    /// Actions that change something: refused in read-only mode before a view sees them.
    static let changes: Set<Action> = [
        .new, .edit, .delete, .revoke, .suspend, .restore, .bootstrap, .pack, .grantRoles, .ensureRole,
        .allocateAccount, .distribute, .override, .renew, .grant, .publish, .pattern,
    ]

    static func screen(_ state: CockpitState, _ screen: ScreenState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        guard let view = Screens.named(screen.name) else { s.mode = .trees; return (s, []) }
        if screen.typingFilter { return typeFilter(s, screen, key) }
        guard let action = KeyRegistry.action(for: key, in: view) else { return (s, []) }
        if let count = view.rowCount(s), let moved = move(screen.selected, action, count: count, page: s.paneRows) {
            var screen = screen
            screen.selected = moved
            s.mode = .screen(screen)
            return (s, [])
        }
        switch action {
        case .back where !screen.filter.isEmpty:
            // A kept filter goes first; the next esc leaves the view.
            var screen = screen
            (screen.filter, screen.selected) = ("", 0)
            s.mode = .screen(screen)
        case .back:
            // A view with a panel inside it (a trial's answer) closes that first.
            if let inner = view.back(s, screen) { return (inner, []) }
            // Kept for the view to come back to (the catalog views reopen where they were left).
            s.session.leftScreens[screen.name] = screen
            s.mode = .trees
        case .quit: s.quit = true
        case .help: s.mode = .help
        case .command: s.mode = .command("")
        case .refresh: return (s, [.load(screen, account: s.accountID)])
        case .filter:
            var screen = screen
            screen.typingFilter = true
            s.mode = .screen(screen)
        default:
            if changes.contains(action), s.readOnly { s.message = readOnlyMessage; return (s, []) }
            return view.handle(s, screen, action)
        }
        return (s, [])
    }

    /// Typing a view's filter: characters narrow the rows as they come, enter keeps the filter, esc clears it.
    static func typeFilter(_ state: CockpitState, _ screen: ScreenState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state, screen = screen
        switch key {
        case .escape: screen.filter = ""; screen.typingFilter = false
        case .enter: screen.typingFilter = false
        case .backspace: if !screen.filter.isEmpty { screen.filter.removeLast() }
        case .char(let c): screen.filter.append(c)
        default: break
        }
        screen.selected = 0
        s.mode = .screen(screen)
        return (s, [])
    }

    /// The selection after a move in a list of `count` rows; nil when `action` is not a move.
    static func move(_ selected: Int, _ action: Action, count: Int, page: Int) -> Int? {
        let last = max(0, count - 1)
        switch action {
        case .moveUp: return max(0, selected - 1)
        case .moveDown: return min(last, selected + 1)
        case .top: return 0
        case .bottom: return last
        case .pageUp: return max(0, selected - max(1, page - 1))
        case .pageDown: return min(last, selected + max(1, page - 1))
        default: return nil
        }
    }

    /// Opens a view by its command or key, after the checks every view shares: super-admins only, an account chosen.
    static func open(_ state: CockpitState, _ view: any Screen.Type, argument: String?) -> (CockpitState, [Effect]) {
        var s = state
        guard !view.superAdminOnly || s.isSuperAdmin else {
            s.message = ":\(view.name) is for super-admins"; return (s, [])
        }
        guard !view.needsAccount || s.accountID != nil else {
            s.message = "choose an account first (a)"; return (s, [])
        }
        return view.open(s, argument: argument)
    }
}
