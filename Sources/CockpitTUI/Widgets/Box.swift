/// Frame drawing with box characters.
public enum Box {
    /// A rectangle's border, with an optional title in the top edge.
    public static func draw(
        _ b: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, role: StyleRole, title: String? = nil,
        titleRole: StyleRole = .title
    ) {
        guard width >= 2, height >= 2 else { return }
        horizontal(&b, x: x, y: y, width: width, left: "┌", right: "┐", role: role)
        horizontal(&b, x: x, y: y + height - 1, width: width, left: "└", right: "┘", role: role)
        for row in (y + 1)..<(y + height - 1) {
            b.put("│", x: x, y: row, role: role)
            b.put("│", x: x + width - 1, y: row, role: role)
        }
        if let title { b.put(" \(title) ", x: x + 2, y: y, role: titleRole, limit: width - 4) }
    }

    /// A horizontal line with its end pieces (`├ … ┤` for a separator inside a frame).
    public static func horizontal(
        _ b: inout ScreenBuffer, x: Int, y: Int, width: Int, left: String, right: String, role: StyleRole
    ) {
        guard width >= 2 else { return }
        b.put(left, x: x, y: y, role: role)
        b.put(String(repeating: "─", count: width - 2), x: x + 1, y: y, role: role)
        b.put(right, x: x + width - 1, y: y, role: role)
    }

    /// A dialog centred over the trees and above the hint bar (which stays visible): at most `maxWidth` wide and as
    /// tall as `rows` of content allow, filled and framed with its title. Returns where it landed.
    @discardableResult
    public static func dialog(
        _ b: inout ScreenBuffer, maxWidth: Int, rows: Int, title: String
    ) -> (x: Int, y: Int, width: Int, height: Int) {
        let width = min(b.width - 4, maxWidth), height = min(b.height - 5, rows + 2)
        let x = (b.width - width) / 2, y = max(1, (b.height - 3 - height) / 2)
        b.fill(x: x, y: y, width: width, height: height, role: .dialog)
        draw(&b, x: x, y: y, width: width, height: height, role: .dialog, title: title, titleRole: .dialogButtonFocus)
        return (x, y, width, height)
    }

    /// A panel over the trees for a view with more to show than a dialog: most of the screen, framed with its title.
    /// Returns where it landed.
    @discardableResult
    public static func panel(_ b: inout ScreenBuffer, title: String) -> (x: Int, y: Int, width: Int, height: Int) {
        let width = min(b.width - 4, 110), height = b.height - 4
        let x = (b.width - width) / 2, y = 2
        b.fill(x: x, y: y, width: width, height: height, role: .dialog)
        draw(
            &b, x: x, y: y, width: width, height: height, role: .dialog, title: title + " — esc closes",
            titleRole: .dialogButtonFocus)
        return (x, y, width, height)
    }
}
