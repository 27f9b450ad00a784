/// `?`: every key binding and command from the registries, per place (everywhere, the trees, each view), in a
/// dialog over the trees; long descriptions wrap, and the dialog scrolls (↑↓, PgUp/PgDn) when it does not fit.
enum HelpView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState) {
        let textWidth = min(b.width - 4, 100) - 21
        var lines: [(String, String)] = []
        for section in HelpSections.all(superAdmin: s.isSuperAdmin) where !section.lines.isEmpty {
            if !lines.isEmpty { lines.append(("", "")) }
            lines.append(("", "— " + section.title))
            for line in section.lines {
                for (i, part) in wrap(line.description, textWidth).enumerated() {
                    lines.append((i == 0 ? line.keys.joined(separator: " ") : "", part))
                }
            }
        }
        let visible = min(b.height - 5, lines.count + 2) - 2
        let first = min(s.helpScroll, max(0, lines.count - visible))
        let more =
            lines.count > visible
            ? " ↑↓ scroll (\(first + 1)–\(min(lines.count, first + visible)) of \(lines.count))" : ""
        let (x, y, _, _) = Box.dialog(&b, maxWidth: 100, rows: lines.count, title: "help — esc closes" + more)
        for (i, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            b.put(TextWidth.fit(line.0, to: 16), x: x + 2, y: y + 1 + i, role: .hintKey)
            b.put(line.1, x: x + 19, y: y + 1 + i, role: .dialog, limit: textWidth)
        }
    }

    /// Words laid into lines of at most `width` cells.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        return lines + (line.isEmpty ? [] : [line])
    }
}
