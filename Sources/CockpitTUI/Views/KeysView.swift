/// The account's virtual keys in a dialog: alias, masked key, state, spend.
enum KeysView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, selected: Int) {
        let keys = s.session.keys
        let (x, y, width, height) = Box.dialog(&b, maxWidth: 90, rows: max(2, (keys?.count ?? 1) + 1),
                                               title: "keys of \(s.account?.name ?? "")\(keys.map { " (\($0.count))" } ?? "")")
        guard let keys else {
            b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn)
            return
        }
        b.put(TextWidth.fit("alias", to: 26) + TextWidth.fit("key", to: 14) + TextWidth.fit("state", to: 10) + "spend", x: x + 2, y: y + 1,
              role: .title, limit: width - 4)
        if keys.isEmpty { b.put("no keys yet: n generates one", x: x + 2, y: y + 2, role: .statusWarn, limit: width - 4) }
        let visible = height - 3
        let first = TreePaneView.scroll(0, selected: selected >= 0 ? selected : nil, visible: visible, count: keys.count)
        for (i, k) in keys.dropFirst(first).prefix(visible).enumerated() {
            let line = TextWidth.fit(k.keyAlias ?? "–", to: 26) + TextWidth.fit(k.maskedKey, to: 14)
                + TextWidth.fit(k.blocked ? "revoked" : (k.isExpired() ? "expired" : "active"), to: 10) + DetailsView.money(k.spend)
            b.put(line, x: x + 2, y: y + 2 + i, role: k.blocked ? .statusWarn : .dialog, limit: width - 4)
            if first + i == selected { b.paint(x: x + 1, y: y + 2 + i, width: width - 2, role: .dialogButtonFocus) }
        }
    }
}
