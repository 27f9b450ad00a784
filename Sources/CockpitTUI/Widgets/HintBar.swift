/// The bottom line: the keys that matter now, the command or filter being typed, or a message.
enum HintBar {
    static func matches(_ n: Int) -> String { n == 1 ? "1 match" : "\(n) matches" }

    /// The line for a message, a prompt or a view's own keys; nil in the trees, where the registry's hints go.
    static func line(_ s: CockpitState, width: Int = 200) -> (String, StyleRole)? {
        if let message = s.message { return (message, .statusWarn) }
        switch s.mode {
        case .command(let text): return (":" + text + "▏", .hintKey)
        case .filter:
            let pane = s.session.panes[s.session.focus] ?? TreePaneState()
            let count = TreeModel.matches(s.session.data[s.session.focus] ?? TreeData(), pane)
            return ("/" + pane.filter + "▏  \(Self.matches(count)) · enter keeps · esc clears", .hintKey)
        case .help: return ("esc closes the help", .hintText)
        case .screen(let screen) where screen.typingFilter:
            return ("/" + screen.filter + "▏  enter keeps · esc clears", .hintKey)
        case .screen(let screen):
            guard let view = Screens.named(screen.name) else { return nil }
            return (hints(view, s, screen, room: width - 4), .hintText)
        case .form(let f) where f.fields.indices.contains(f.focus) && f.fields[f.focus].multiline:
            return ("enter starts a new line · tab next field · esc cancels", .hintText)
        case .form: return ("tab next field · enter on the last field saves · esc cancels", .hintText)
        case .confirm(let c): return ("type " + c.expected + " and enter to confirm · esc cancels", .statusWarn)
        case .secret: return ("c copies (OSC 52) · esc closes: the key is not shown again", .statusWarn)
        case .trees: return nil
        }
    }

    /// A view's hint line, from its bindings: `↑↓ choose` for a list, its keys with a hint, then reload; as many as fit
    /// in `room` cells before `esc back`, which always shows (`?` lists them all).
    static func hints(_ view: any Screen.Type, _ s: CockpitState, _ screen: ScreenState, room: Int) -> String {
        var parts = view.rowCount(s) == nil ? [] : ["↑↓ choose"]
        parts += view.hinted(screen).filter { $0.hint != nil && (!$0.superAdminOnly || s.isSuperAdmin) }.map {
            "\($0.keys[0].label) \($0.hint!)"
        }
        parts.append("R reload")
        var shown: [String] = [], used = TextWidth.of("esc back")
        for part in parts {
            let cost = TextWidth.of(part) + 3
            guard used + cost <= room else { break }
            shown.append(part)
            used += cost
        }
        return (shown + ["esc back"]).joined(separator: " · ")
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, y: Int, width: Int) {
        if let (text, role) = line(s, width: width) {
            b.put(" " + text, x: 1, y: y, role: role, limit: width - 3)
            return
        }
        // Chosen by priority (what a newcomer needs first), drawn in the registry's order.
        let priority: [Action] = [.open, .switchPane, .help, .quit, .new, .filter, .keys, .command, .edit, .accounts]
        let candidates = (KeyRegistry.trees + KeyRegistry.shared).filter {
            $0.hint != nil && (!$0.superAdminOnly || s.isSuperAdmin)
        }
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
