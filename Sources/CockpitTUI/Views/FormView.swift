/// Dialogs that take input: forms (fields, the focused one with a cursor, the core's refusal under them), the
/// typed confirmation, and a new key's secret shown once.
enum FormView {
    /// A label over each field; on a screen too short for that, label and field on one line (the focused field's hint
    /// then shows under the fields). A multi-line field takes the rows it asks for (fewer where the screen is short),
    /// wrapped, showing its end while it is typed in; a JSON field's check shows under it as it is typed.
    static func draw(_ b: inout ScreenBuffer, _ form: FormState) {
        let (compact, shown) = layout(form, height: b.height)
        let perField = compact ? 1 : 2, extra = compact ? 3 : 2
        let rows = form.fields.indices.reduce(extra) { $0 + perField + shown[$1] - 1 + (form.fields[$1].json ? 1 : 0) }
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: rows, title: form.title)
        let labelWidth = compact ? min(24, (width - 6) / 2) : 0
        var row = y + 1
        for (i, field) in form.fields.enumerated() {
            let focused = i == form.focus
            if compact {
                b.put(TextWidth.fit(field.label, to: labelWidth), x: x + 2, y: row, role: .dialog)
            } else {
                b.put(
                    field.label + (field.hint.isEmpty ? "" : " (\(field.hint))"), x: x + 2, y: row, role: .dialog,
                    limit: width - 4)
                row += 1
            }
            let column = compact ? x + 3 + labelWidth : x + 3
            let cells = width - 3 - (column - x)
            let role: StyleRole = focused ? .dialogButtonFocus : .selectionUnfocused
            if field.multiline {
                for line in visibleLines(field, focused: focused, cells: cells, rows: shown[i]) {
                    b.put(TextWidth.fit(line, to: cells), x: column, y: row, role: role)
                    row += 1
                }
            } else {
                let text = field.secret ? String(repeating: "•", count: field.value.count) : field.value
                b.put(TextWidth.fit(text + (focused ? "▏" : ""), to: cells), x: column, y: row, role: role)
                row += 1
            }
            if field.json {
                let check = JSONField.check(field.value).line
                b.put(check.text, x: column, y: row, role: check.role, limit: cells)
                row += 1
            }
        }
        if compact, form.fields.indices.contains(form.focus), !form.fields[form.focus].hint.isEmpty {
            b.put(form.fields[form.focus].hint, x: x + 2, y: row, role: .hintText, limit: width - 4)
            row += 1
        }
        if let error = form.error { b.put("✗ " + error, x: x + 2, y: row, role: .statusError, limit: width - 4) }
    }

    /// Whether labels share a line with their fields, and the rows each field's text takes: everything when it fits
    /// above the hint bar; else multi-line fields shrink (to 3 rows), then labels go beside the fields.
    static func layout(_ form: FormState, height: Int) -> (compact: Bool, shown: [Int]) {
        let limit = height - 7
        let multi = form.fields.filter(\.multiline)
        let checks = form.fields.filter(\.json).count
        let wanted = multi.reduce(0) { $0 + $1.lines - 1 }
        func shown(_ share: Int) -> [Int] { form.fields.map { $0.multiline ? max(1, min($0.lines, share)) : 1 } }
        let room = limit - form.fields.count * 2 - 2 - checks
        if room >= wanted { return (false, shown(Int.max)) }
        if !multi.isEmpty, room >= multi.count * 2 { return (false, shown(1 + room / multi.count)) }
        let compactRoom = limit - form.fields.count - 3 - checks
        return (true, shown(multi.isEmpty ? 1 : max(2, 1 + compactRoom / multi.count)))
    }

    /// The rows of a multi-line field's text, wrapped at `cells`: its end (with the cursor) while typed in, its
    /// beginning otherwise.
    static func visibleLines(_ field: FormState.Field, focused: Bool, cells: Int, rows: Int) -> [String] {
        var wrapped: [String] = []
        let text = field.value + (focused ? "▏" : "")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = "", used = 0
            for c in line {
                let w = TextWidth.of(c)
                if used + w > max(1, cells), !current.isEmpty {
                    wrapped.append(current)
                    (current, used) = ("", 0)
                }
                current.append(c)
                used += w
            }
            wrapped.append(current)
        }
        let visible = focused ? Array(wrapped.suffix(rows)) : Array(wrapped.prefix(rows))
        return visible + Array(repeating: "", count: max(0, rows - visible.count))
    }

    /// The question (a title with line breaks takes a line each), what to type, and what was typed.
    static func confirm(_ b: inout ScreenBuffer, _ c: ConfirmState) {
        let lines = c.title.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: 2 + lines.count, title: "confirm")
        for (i, line) in lines.enumerated() { b.put(line, x: x + 2, y: y + 1 + i, role: .dialog, limit: width - 4) }
        b.put("type \(c.expected):", x: x + 2, y: y + 1 + lines.count, role: .dialog, limit: width - 4)
        b.put(
            TextWidth.fit(c.typed + "▏", to: width - 6), x: x + 3, y: y + 2 + lines.count, role: .dialogButtonFocus)
    }

    static func secret(_ b: inout ScreenBuffer, alias: String, secret: String) {
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: 4, title: "new key \(alias) — shown once")
        b.put(
            "Copy it now: it is stored only as a hash and cannot be shown again.", x: x + 2, y: y + 1,
            role: .statusWarn, limit: width - 4)
        b.put(secret, x: x + 2, y: y + 3, role: .dialogButtonFocus, limit: width - 4)
        b.put("c copies it to the clipboard (OSC 52) · esc closes", x: x + 2, y: y + 4, role: .dialog, limit: width - 4)
    }
}
