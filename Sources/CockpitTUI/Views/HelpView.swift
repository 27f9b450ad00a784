/// `?`: every key binding and command from the registry, in a dialog over the trees.
enum HelpView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState) {
        var lines: [(String, String)] = KeyRegistry.all.filter { !$0.superAdminOnly || s.isSuperAdmin }.map {
            ($0.keys.map(\.label).joined(separator: " "), $0.description)
        }
        lines += KeyRegistry.commands.map { (":" + $0.name, $0.description) }
        let width = min(b.width - 4, 90), height = min(b.height - 2, lines.count + 2)
        let x = (b.width - width) / 2, y = (b.height - height) / 2
        b.fill(x: x, y: y, width: width, height: height, role: .dialog)
        Box.draw(&b, x: x, y: y, width: width, height: height, role: .dialog, title: "help — esc closes", titleRole: .dialogButtonFocus)
        for (i, line) in lines.prefix(height - 2).enumerated() {
            b.put(TextWidth.fit(line.0, to: 16), x: x + 2, y: y + 1 + i, role: .hintKey)
            b.put(line.1, x: x + 19, y: y + 1 + i, role: .dialog, limit: width - 21)
        }
    }
}
