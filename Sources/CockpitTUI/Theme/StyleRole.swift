/// The semantic roles of TUI.md that a theme gives colours to. Views name roles, never colours.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal
    case frame, frameFocus = "frame_focus", title, crumbs
    case treeNode = "tree_node", treeLeaf = "tree_leaf", selection, selectionUnfocused = "selection_unfocused"
    case header, badgeProd = "badge_prod", badgeRO = "badge_ro"
    case statusOK = "status_ok", statusWarn = "status_warn", statusError = "status_error"
    case hintKey = "hint_key", hintText = "hint_text", dialog, dialogButtonFocus = "dialog_button_focus", chart
    /// A row that changed since the last refresh (marked for a few seconds).
    case changed

    /// The letter that stands for this role in style-mask snapshots.
    public var maskLetter: Character {
        switch self {
        case .normal: "."
        case .frame: "f"
        case .frameFocus: "F"
        case .title: "T"
        case .crumbs: "c"
        case .treeNode: "n"
        case .treeLeaf: "l"
        case .selection: "S"
        case .selectionUnfocused: "s"
        case .header: "H"
        case .badgeProd: "P"
        case .badgeRO: "R"
        case .statusOK: "o"
        case .statusWarn: "w"
        case .statusError: "e"
        case .hintKey: "K"
        case .hintText: "k"
        case .dialog: "d"
        case .dialogButtonFocus: "D"
        case .chart: "g"
        case .changed: "C"
        }
    }
}
