/// The bottom line: the keys that matter now, the command or filter being typed, or a message.
enum HintBar {
    static func matches(_ n: Int) -> String { n == 1 ? "1 match" : "\(n) matches" }

    /// The line for a message, a prompt or a view's own keys; nil in the trees, where the registry's hints go.
    static func line(_ s: CockpitState) -> (String, StyleRole)? {
        if let message = s.message { return (message, .statusWarn) }
        switch s.mode {
        case .command(let text): return (":" + text + "▏", .hintKey)
        case .filter:
            let pane = s.session.panes[s.session.focus] ?? TreePaneState()
            let count = TreeModel.matches(s.session.data[s.session.focus] ?? TreeData(), pane)
            return ("/" + pane.filter + "▏  \(Self.matches(count)) · enter keeps · esc clears", .hintKey)
        case .help: return ("esc closes the help", .hintText)
        case .accounts: return ("↑↓ · enter opens · n new · e edit · s suspend · u restore · d delete · esc", .hintText)
        case .form: return ("tab next field · enter on the last field saves · esc cancels", .hintText)
        case .confirm(let c): return ("type " + c.expected + " and enter to confirm · esc cancels", .statusWarn)
        case .keys: return ("↑↓ choose · n generate · e edit · r revoke · esc back", .hintText)
        case .spend, .audit: return ("esc closes", .hintText)
        case .models: return ("↑↓ choose · n add · e edit · d delete · R reload · esc back", .hintText)
        case .zitadel: return ("b bootstrap · R reload · esc back", .hintText)
        case .secret: return ("c copies (OSC 52) · esc closes: the key is not shown again", .statusWarn)
        case .trees: return nil
        }
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, y: Int, width: Int) {
        if let (text, role) = line(s) {
            b.put(" " + text, x: 1, y: y, role: role, limit: width - 3)
            return
        }
        // Chosen by priority (what a newcomer needs first), drawn in the registry's order.
        let priority: [Action] = [.open, .switchPane, .help, .quit, .new, .filter, .keys, .command, .edit, .accounts]
        let candidates = KeyRegistry.all.filter { $0.hint != nil && (!$0.superAdminOnly || s.isSuperAdmin) }
        var room = width - 4, chosen = Set<Action>()
        for action in priority {
            guard let binding = candidates.first(where: { $0.action == action }) else { continue }
            let cost = TextWidth.of("<\(binding.keys[0].label)> \(binding.hint!)") + 2
            if cost <= room { chosen.insert(action); room -= cost }
        }
        var x = 2
        for binding in candidates where chosen.contains(binding.action) {
            x += b.put("<\(binding.keys[0].label)>", x: x, y: y, role: .hintKey)
            x += b.put(" \(binding.hint!)  ", x: x, y: y, role: .hintText)
        }
    }
}
