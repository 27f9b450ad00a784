/// A key press, decoded from curses (or from a test script).
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, enter, tab, backTab, escape, backspace, pageUp, pageDown, home, end
    /// The terminal changed size.
    case resize

    /// How the key is written in the hint bar, help and KEYBINDINGS.md.
    public var label: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "enter"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .escape: "esc"
        case .backspace: "backspace"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "home"
        case .end: "end"
        case .resize: "resize"
        }
    }
}
