/// What a key does.
public enum Action: String, CaseIterable, Sendable {
    case moveUp, moveDown, top, bottom, pageUp, pageDown, open, close, switchPane, filter, command, help, accounts, back, quit
    case new, edit, delete, keys, revoke, copy, suspend, restore, bootstrap, refresh, zoom
}

/// One binding: the keys, what they do, where they work. The same registry draws the hint bar, the `?` help and
/// `docs/KEYBINDINGS.md`.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    /// Shown in the hint bar (the rest is in `?`).
    public var hint: String?
    /// Only for super-admins.
    public var superAdminOnly = false
}

/// Every key binding of the cockpit.
public enum KeyRegistry {
    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.up, .char("k")], action: .moveUp, description: "move up", hint: nil),
        KeyBinding(keys: [.down, .char("j")], action: .moveDown, description: "move down", hint: nil),
        KeyBinding(keys: [.char("g"), .home], action: .top, description: "go to the top", hint: nil),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, description: "go to the bottom", hint: nil),
        KeyBinding(keys: [.pageUp], action: .pageUp, description: "page up", hint: nil),
        KeyBinding(keys: [.pageDown], action: .pageDown, description: "page down", hint: nil),
        KeyBinding(keys: [.enter, .right, .char("l")], action: .open, description: "open (expand) the selection; choose in lists", hint: "open"),
        KeyBinding(keys: [.left, .char("h")], action: .close, description: "close (collapse), or go to the parent", hint: nil),
        KeyBinding(keys: [.tab, .backTab], action: .switchPane, description: "switch between the console and copilot trees", hint: "pane"),
        KeyBinding(keys: [.char("z")], action: .zoom, description: "zoom: the focused tree takes the whole width (again: both side by side)",
                   hint: nil),
        KeyBinding(keys: [.char("/")], action: .filter, description: "filter the focused tree as you type; enter with no match finds a user by email or name in the whole tree; esc clears", hint: "filter"),
        KeyBinding(keys: [.char(":")], action: .command, description: "command line (:account NAME, :keys, :spend 30d, :audit, :models, :q); tab completes, ↑ recalls",
                   hint: "command"),
        KeyBinding(keys: [.char("n")], action: .new,
                   description: "new: an organization, a team in the selected organization, a member of the selected team; a key, a model or an account in their views",
                   hint: "new"),
        KeyBinding(keys: [.char("e")], action: .edit,
                   description: "edit the selection: rename an organization or a team, a member's name and role; a key, an account or a model in their views",
                   hint: "edit"),
        KeyBinding(keys: [.char("d")], action: .delete,
                   description: "delete the selection: a member leaves its team (y to confirm); a team or organization goes with what is under it, a model, or (accounts list) an account for good with all its data (type its name)",
                   hint: nil),
        KeyBinding(keys: [.char("K")], action: .keys, description: "keys of the account (generate, revoke)", hint: "keys"),
        KeyBinding(keys: [.char("r")], action: .revoke, description: "revoke the selected key (type its alias to confirm)", hint: nil),
        KeyBinding(keys: [.char("c")], action: .copy, description: "copy a new key to the clipboard (OSC 52, works over SSH and in tmux)", hint: nil),
        KeyBinding(keys: [.char("a")], action: .accounts, description: "accounts: choose the account to work in", hint: "accounts",
                   superAdminOnly: true),
        KeyBinding(keys: [.char("s")], action: .suspend, description: "in the accounts list: suspend the account (type its name to confirm)",
                   hint: nil, superAdminOnly: true),
        KeyBinding(keys: [.char("u")], action: .restore, description: "in the accounts list: restore a suspended account", hint: nil,
                   superAdminOnly: true),
        KeyBinding(keys: [.char("b")], action: .bootstrap, description: "in the Zitadel view: run the bootstrap (project, roles, admin grants; y to confirm)",
                   hint: nil, superAdminOnly: true),
        KeyBinding(keys: [.char("R")], action: .refresh, description: "reload now (the cockpit also reloads by itself every few seconds and marks what changed)",
                   hint: nil),
        KeyBinding(keys: [.char("?")], action: .help, description: "this help", hint: "help"),
        KeyBinding(keys: [.escape], action: .back, description: "back: close help, lists and prompts; clear the filter", hint: nil),
        KeyBinding(keys: [.char("q")], action: .quit, description: "quit (also :q)", hint: "quit"),
    ]

    /// The `:` commands.
    public static let commands: [(name: String, description: String)] = [
        ("account NAME", "switch to the account whose name (or id) starts with NAME"),
        ("accounts", "list the accounts (super-admin)"),
        ("keys", "the account's keys"),
        ("spend [Nd]", "spend charts by day, model and team over N days (30 by default)"),
        ("audit", "the newest audit entries of the account"),
        ("models", "the models the account may use (n adds, e edits, d deletes its own)"),
        ("zitadel", "Zitadel: status, the account's settings, the provisioning plan; b runs the bootstrap (super-admin)"),
        ("help", "show the key bindings"),
        ("logout", "end this session on the server (every session of this identity) and quit (cockpit tui --api)"),
        ("q", "quit"),
    ]

    /// The action bound to a key, if any.
    public static func action(for key: Key) -> Action? { all.first { $0.keys.contains(key) }?.action }

    /// `docs/KEYBINDINGS.md`, generated from this registry.
    public static func markdown() -> String {
        var out = "# Cockpit key bindings\n\nGenerated from `KeyRegistry` (Sources/CockpitTUI/Actions/KeyRegistry.swift); a test fails when this "
        out += "file is stale. Regenerate with `swift run cockpit tui --keybindings > docs/KEYBINDINGS.md`.\n\n"
        out += "| keys | action |\n|---|---|\n"
        for b in all {
            out += "| \(b.keys.map { "`\($0.label)`" }.joined(separator: " ")) | \(b.description)\(b.superAdminOnly ? " (super-admin)" : "") |\n"
        }
        out += "\n## Commands\n\n| command | action |\n|---|---|\n"
        for c in commands { out += "| `:\(c.name)` | \(c.description) |\n" }
        return out
    }
}
