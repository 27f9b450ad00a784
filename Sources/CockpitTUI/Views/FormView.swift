/// Dialogs that take input: forms (fields, the focused one with a cursor, the core's refusal under them), the
/// typed confirmation, and a new key's secret shown once.
enum FormView {
    static func draw(_ b: inout ScreenBuffer, _ form: FormState) {
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: form.fields.count * 2 + 2, title: form.title)
        for (i, field) in form.fields.enumerated() {
            let row = y + 1 + i * 2
            b.put(field.label + (field.hint.isEmpty ? "" : " (\(field.hint))"), x: x + 2, y: row, role: .dialog, limit: width - 4)
            let focused = i == form.focus
            let shown = field.secret ? String(repeating: "•", count: field.value.count) : field.value
            let text = TextWidth.fit(shown + (focused ? "▏" : ""), to: width - 6)
            b.put(text, x: x + 3, y: row + 1, role: focused ? .dialogButtonFocus : .selectionUnfocused)
        }
        if let error = form.error {
            b.put("✗ " + error, x: x + 2, y: y + 1 + form.fields.count * 2, role: .statusError, limit: width - 4)
        }
    }

    static func confirm(_ b: inout ScreenBuffer, _ c: ConfirmState) {
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: 3, title: "confirm")
        b.put(c.title, x: x + 2, y: y + 1, role: .dialog, limit: width - 4)
        b.put("type \(c.expected):", x: x + 2, y: y + 2, role: .dialog, limit: width - 4)
        b.put(TextWidth.fit(c.typed + "▏", to: width - 6), x: x + 3, y: y + 3, role: .dialogButtonFocus)
    }

    static func secret(_ b: inout ScreenBuffer, alias: String, secret: String) {
        let (x, y, width, _) = Box.dialog(&b, maxWidth: 76, rows: 4, title: "new key \(alias) — shown once")
        b.put("Copy it now: it is stored only as a hash and cannot be shown again.", x: x + 2, y: y + 1, role: .statusWarn, limit: width - 4)
        b.put(secret, x: x + 2, y: y + 3, role: .dialogButtonFocus, limit: width - 4)
        b.put("c copies it to the clipboard (OSC 52) · esc closes", x: x + 2, y: y + 4, role: .dialog, limit: width - 4)
    }
}
