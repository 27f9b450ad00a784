import CockpitCore
import Foundation

/// `:models`: the models the account may route to, its own (n adds, e edits, d deletes) and the global ones.
enum ModelsView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, selected: Int) {
        let models = s.session.models
        let (x, y, width, height) = ReportsView.frame(&b, title: "models of \(s.account?.name ?? "")\(models.map { " (\($0.count))" } ?? "")")
        guard let models else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        b.put(TextWidth.fit("model", to: 28) + " " + TextWidth.fit("provider/model", to: 36) + " " + TextWidth.fit("owner", to: 13) + "key",
              x: x + 2, y: y + 1, role: .title, limit: width - 4)
        if models.isEmpty { b.put("no models yet: n adds one (or list them in config.yaml)", x: x + 2, y: y + 2, role: .statusWarn, limit: width - 4) }
        let visible = height - 3
        let first = TreePaneView.scroll(0, selected: selected >= 0 ? selected : nil, visible: visible, count: models.count)
        for (i, m) in models.dropFirst(first).prefix(visible).enumerated() {
            let owner = m.accountID == nil ? "global" : "this account"
            let line = TextWidth.fit(m.modelName, to: 28) + " " + TextWidth.fit(m.providerModel, to: 36) + " " + TextWidth.fit(owner, to: 13)
                + (m.hasCredentials ? "stored" : "–")
            b.put(line, x: x + 2, y: y + 2 + i, role: .dialog, limit: width - 4)
            if first + i == selected { b.paint(x: x + 1, y: y + 2 + i, width: width - 2, role: .dialogButtonFocus) }
        }
    }
}
