/// The bottom line: the keys that matter now, the command or filter being typed, or a message.
enum HintBar {
    static func matches(_ n: Int) -> String { n == 1 ? "1 match" : "\(n) matches" }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, y: Int, width: Int) {
        let limit = width - 3
        if let message = s.message {
            b.put(" " + message, x: 1, y: y, role: .statusWarn, limit: limit)
            return
        }
        switch s.mode {
        case .command(let text):
            b.put(" :" + text + "▏", x: 1, y: y, role: .hintKey, limit: limit)
            return
        case .filter:
            let pane = s.session.panes[s.session.focus] ?? TreePaneState()
            let count = TreeModel.matches(s.session.data[s.session.focus] ?? TreeData(), pane)
            b.put(" /" + pane.filter + "▏  \(Self.matches(count)) · enter keeps · esc clears", x: 1, y: y, role: .hintKey, limit: limit)
            return
        case .help:
            b.put(" esc closes the help", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .accounts:
            b.put(" ↑↓ · enter opens · n new · e edit · s suspend · u restore · d delete · esc", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .form:
            b.put(" tab next field · enter on the last field saves · esc cancels", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .confirm(let c):
            b.put(" type " + c.expected + " and enter to confirm · esc cancels", x: 1, y: y, role: .statusWarn, limit: limit)
            return
        case .keys:
            b.put(" ↑↓ choose · n generate · e edit · r revoke · esc back", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .spend, .audit:
            b.put(" esc closes", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .models:
            b.put(" ↑↓ choose · n add · e edit · d delete · R reload · esc back", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .zitadel:
            b.put(" b bootstrap · R reload · esc back", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .secret:
            b.put(" c copies (OSC 52) · esc closes: the key is not shown again", x: 1, y: y, role: .statusWarn, limit: limit)
            return
        case .trees: break
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
