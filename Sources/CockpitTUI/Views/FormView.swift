/// Dialogs that take input: forms (fields, the focused one with a cursor, the core's refusal under them), the
/// typed confirmation, and a new key's secret shown once.
enum FormView {
    /// A label over each field; on a screen too short for that, label and field on one line (the focused field's hint
    /// then shows under the fields).
    static func draw(_ b: inout ScreenBuffer, _ form: FormState) {
        let compact = form.fields.count * 2 + 2 > b.height - 7
        let perField = compact ? 1 : 2, extra = compact ? 3 : 2
        let (x, y, width, _) = Box.dialog(
            &b, maxWidth: 76, rows: form.fields.count * perField + extra, title: form.title)
        let labelWidth = compact ? min(24, (width - 6) / 2) : 0
        for (i, field) in form.fields.enumerated() {
            let row = y + 1 + i * perField
            let focused = i == form.focus
            let shown = field.secret ? String(repeating: "•", count: field.value.count) : field.value
            if compact {
                b.put(TextWidth.fit(field.label, to: labelWidth), x: x + 2, y: row, role: .dialog)
            } else {
                b.put(
                    field.label + (field.hint.isEmpty ? "" : " (\(field.hint))"), x: x + 2, y: row, role: .dialog,
                    limit: width - 4)
            }
            let column = compact ? x + 3 + labelWidth : x + 3
            let text = TextWidth.fit(shown + (focused ? "▏" : ""), to: width - 3 - (column - x))
            b.put(text, x: column, y: compact ? row : row + 1, role: focused ? .dialogButtonFocus : .selectionUnfocused)
        }
        var below = y + 1 + form.fields.count * perField
        if compact, form.fields.indices.contains(form.focus), !form.fields[form.focus].hint.isEmpty {
            b.put(form.fields[form.focus].hint, x: x + 2, y: below, role: .hintText, limit: width - 4)
            below += 1
        }
        if let error = form.error { b.put("✗ " + error, x: x + 2, y: below, role: .statusError, limit: width - 4) }
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
