/// The super-admin's accounts list, in a dialog: name, status, domain; enter opens one.
enum AccountsView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, selected: Int) {
        let (x, y, width, height) = Box.dialog(&b, maxWidth: 80, rows: max(2, s.accounts.count), title: "accounts (\(s.accounts.count))")
        let visible = height - 2
        let first = TreePaneView.scroll(0, selected: selected, visible: visible, count: s.accounts.count)
        for (i, account) in s.accounts.dropFirst(first).prefix(visible).enumerated() {
            let status = account.isActive ? "active" : (account.deletedAt == nil ? "suspended" : "deleted")
            let line = TextWidth.fit(account.name, to: width - 32) + " " + TextWidth.fit(status, to: 10) + TextWidth.fit(account.domain, to: 18)
            b.put(line, x: x + 2, y: y + 1 + i, role: account.isActive ? .dialog : .statusWarn, limit: width - 4)
            if first + i == selected { b.paint(x: x + 1, y: y + 1 + i, width: width - 2, role: .dialogButtonFocus) }
        }
    }
}
