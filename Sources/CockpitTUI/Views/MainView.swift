import CockpitCore

/// The whole screen: header in the top border, the console and copilot panes (side by side from 100 columns, one at
/// a time below), the details of the selection, the hint bar; the help, accounts and too-small screens over it.
public enum MainView {
    public static let minWidth = 60
    public static let minHeight = 16
    /// Below this width one pane is shown at a time.
    public static let splitWidth = 100

    /// Lines of the details pane: two on small screens, six from 40 rows (keys, grants and recent changes too).
    public static func detailLines(height: Int) -> Int { height >= 40 ? 6 : 2 }

    /// Tree rows each pane shows at a size.
    public static func paneRows(height: Int) -> Int { max(1, height - 6 - detailLines(height: height)) }

    public static func render(_ s: CockpitState, width: Int, height: Int) -> ScreenBuffer {
        var b = ScreenBuffer(width: width, height: height)
        guard width >= minWidth, height >= minHeight else {
            let text = "terminal too small: \(width)×\(height), the cockpit needs \(minWidth)×\(minHeight)"
            b.put(TextWidth.truncate(text, to: width), x: 0, y: height / 2, role: .statusWarn)
            return b
        }
        Box.draw(&b, x: 0, y: 0, width: width, height: height, role: .frame)
        let left = (width - 2) / 2
        let split = width >= splitWidth && !s.zoomed
        if split { b.put("┬", x: 1 + left, y: 0, role: .frame) }
        header(&b, s, width: width)
        let paneTop = 1, details = detailLines(height: height), paneHeight = height - 5 - details
        if split {
            TreePaneView.draw(&b, s, .console, x: 1, y: paneTop, width: left, height: paneHeight, narrow: false)
            for row in paneTop..<(paneTop + paneHeight) { b.put("│", x: 1 + left, y: row, role: .frame) }
            TreePaneView.draw(
                &b, s, .copilot, x: 2 + left, y: paneTop, width: width - 3 - left, height: paneHeight, narrow: false)
            DetailsView.draw(&b, s, y: height - 4 - details, lines: details, width: width, splitAt: 1 + left)
        } else {
            TreePaneView.draw(
                &b, s, s.session.focus, x: 1, y: paneTop, width: width - 2, height: paneHeight, narrow: true)
            DetailsView.draw(&b, s, y: height - 4 - details, lines: details, width: width, splitAt: nil)
        }
        Box.horizontal(&b, x: 0, y: height - 3, width: width, left: "├", right: "┤", role: .frame)
        HintBar.draw(&b, s, y: height - 2, width: width)
        switch s.mode {
        case .help: HelpView.draw(&b, s)
        case .screen(let screen): Screens.named(screen.name)?.draw(&b, s, screen)
        case .form(let form): FormView.draw(&b, form)
        case .confirm(let confirm):
            if case .screen(let screen) = confirm.returnTo { Screens.named(screen.name)?.draw(&b, s, screen) }
            FormView.confirm(&b, confirm)
        case .secret(let alias, let secret): FormView.secret(&b, alias: alias, secret: secret)
        case .trees, .command, .filter: break
        }
        return b
    }

    /// `cockpit ─ account: Acme Corp (active) ─ super-admin@local ─ PROD ─ READ-ONLY` in the top border.
    static func header(_ b: inout ScreenBuffer, _ s: CockpitState, width: Int) {
        var x = 2
        x += b.put(" cockpit ", x: x, y: 0, role: .header)
        if let account = s.account {
            x += b.put(
                "─ account: \(account.name) (\(account.isActive ? "active" : account.status.rawValue)) ", x: x, y: 0,
                role: .header)
        } else {
            x += b.put("─ no account ", x: x, y: 0, role: .header)
        }
        x += b.put("─ \(s.identity) ", x: x, y: 0, role: .header)
        if s.account?.metadata["production"] == .bool(true) {
            x += b.put(" PROD ", x: x + 1, y: 0, role: .badgeProd) + 1
        }
        if s.readOnly { x += b.put(" READ-ONLY ", x: x + 1, y: 0, role: .badgeRO) + 1 }
        _ = x
    }
}
