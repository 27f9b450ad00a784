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
            b.put(" ↑↓ choose · enter opens · esc back", x: 1, y: y, role: .hintText, limit: limit)
            return
        case .trees: break
        }
        var x = 2
        // Everyone's keys first (quit and help always fit at 80 columns), then the super-admin's.
        let hinted = KeyRegistry.all.filter { $0.hint != nil && !$0.superAdminOnly } + KeyRegistry.all.filter { $0.hint != nil && $0.superAdminOnly && s.isSuperAdmin }
        for binding in hinted {
            let key = "<\(binding.keys[0].label)>"
            guard x + TextWidth.of(key) + TextWidth.of(binding.hint!) + 3 < width - 1 else { break }
            x += b.put(key, x: x, y: y, role: .hintKey)
            x += b.put(" \(binding.hint!)  ", x: x, y: y, role: .hintText)
        }
    }
}
