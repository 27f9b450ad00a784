/// What a key does.
public enum Action: String, CaseIterable, Sendable {
    case moveUp, moveDown, top, bottom, pageUp, pageDown, open, close, switchPane, filter, command, help, accounts,
        back, quit
    case new, edit, delete, keys, revoke, copy, suspend, restore, bootstrap, refresh, zoom
    /// Ask the effective answer for the selection (`:grants`, `:features`).
    case check
    /// Change the feature pack (`:policy`).
    case pack
    /// Grant Zitadel project roles to one user; ensure one project role (`:zitadel`).
    case grantRoles, ensureRole
    /// Open the budget and limits of the selected node (the trees).
    case budget
    /// Copilot credits (`:credits`): the account's allocation, an equal split over the selection's children, an
    /// override, renewing the cycle, the renewals, the usage by day.
    case allocateAccount, distribute, override, renew, history, usage
    /// The copilot catalog (`:agents`, `:connections`, `:marketplace`): grant to a scope of the copilot tree, publish or
    /// withdraw a marketplace listing, test a connection (a read: offered in read-only mode too).
    case grant, publish, test
    /// Add a pattern to the selected guardrail preset (`:guardrails`).
    case pattern
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

    public init(keys: [Key], action: Action, description: String, hint: String? = nil, superAdminOnly: Bool = false) {
        self.keys = keys
        self.action = action
        self.description = description
        self.hint = hint
        self.superAdminOnly = superAdminOnly
    }
}

/// The key bindings that are not a view's own: those that work everywhere, the trees', and the new key's dialog.
/// Each registered view (`Screens.all`) adds its own; a key means what the open view binds it to, else what it means
/// everywhere.
public enum KeyRegistry {
    /// Keys that work in the trees and in every view.
    public static let shared: [KeyBinding] = [
        KeyBinding(keys: [.up, .char("k")], action: .moveUp, description: "move up"),
        KeyBinding(keys: [.down, .char("j")], action: .moveDown, description: "move down"),
        KeyBinding(keys: [.char("g"), .home], action: .top, description: "go to the top"),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, description: "go to the bottom"),
        KeyBinding(keys: [.pageUp], action: .pageUp, description: "page up"),
        KeyBinding(keys: [.pageDown], action: .pageDown, description: "page down"),
        KeyBinding(
            keys: [.char(":")], action: .command,
            description:
                "command line (:account NAME, :keys, :spend 30d, :audit, :models, :q); tab completes, ↑ recalls",
            hint: "command"),
        KeyBinding(
            keys: [.char("R")], action: .refresh,
            description: "reload now (the cockpit also reloads by itself every few seconds and marks what changed)"),
        KeyBinding(keys: [.char("?")], action: .help, description: "this help", hint: "help"),
        KeyBinding(
            keys: [.escape], action: .back, description: "back: close help, views and prompts; clear the filter"),
        KeyBinding(keys: [.char("q")], action: .quit, description: "quit (also :q)", hint: "quit"),
    ]

    /// Keys of the two trees.
    public static let trees: [KeyBinding] = [
        KeyBinding(
            keys: [.enter, .right, .char("l")], action: .open, description: "open (expand) the selection", hint: "open"),
        KeyBinding(keys: [.left, .char("h")], action: .close, description: "close (collapse), or go to the parent"),
        KeyBinding(
            keys: [.tab, .backTab], action: .switchPane, description: "switch between the console and copilot trees",
            hint: "pane"),
        KeyBinding(
            keys: [.char("z")], action: .zoom,
            description: "zoom: the focused tree takes the whole width (again: both side by side)"),
        KeyBinding(
            keys: [.char("/")], action: .filter,
            description:
                "filter the focused tree as you type; enter with no match finds a user by email or name in the whole tree; esc clears",
            hint: "filter"),
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "new: an organization, a team in the selected organization, a member of the selected team",
            hint: "new"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selection: rename an organization or a team, a member's name and role",
            hint: "edit"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description:
                "delete the selection: a member leaves its team (y to confirm); a team or organization goes with what is under it (type its name)"
        ),
        KeyBinding(keys: [.char("K")], action: .keys, description: "keys of the account (as :keys)", hint: "keys"),
        KeyBinding(
            keys: [.char("b")], action: .budget,
            description: "budget and limits of the selected organization, team or member (as :budget)"),
        KeyBinding(
            keys: [.char("a")], action: .accounts,
            description: "accounts: choose the account to work in (as :accounts)", hint: "accounts",
            superAdminOnly: true),
    ]

    /// Keys of the dialog that shows a new key once.
    public static let newKeyDialog: [KeyBinding] = [
        KeyBinding(
            keys: [.char("c")], action: .copy,
            description: "copy the new key to the clipboard (OSC 52, works over SSH and in tmux)")
    ]

    /// The `:` commands that are not views (each view's command comes from `Screens.all`).
    public static let commands: [(name: String, description: String)] = [
        ("account NAME", "switch to the account whose name (or id) starts with NAME"),
        ("help", "show the key bindings"),
        ("logout", "end this session on the server (every session of this identity) and quit (cockpit tui --api)"),
        ("q", "quit"),
    ]

    /// The action a key has in the trees.
    public static func treeAction(for key: Key) -> Action? { action(for: key, in: trees + shared) }

    /// The action a key has in a view: the view's own binding first, then the shared one.
    public static func action(for key: Key, in screen: any Screen.Type) -> Action? {
        action(for: key, in: screen.bindings + shared)
    }

    /// The action of the first binding of `key` in `bindings`.
    public static func action(for key: Key, in bindings: [KeyBinding]) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// `docs/KEYBINDINGS.md`, generated from this registry and the views'.
    public static func markdown() -> String {
        var out =
            "# Cockpit key bindings\n\nGenerated from `KeyRegistry` (Sources/CockpitTUI/Actions/KeyRegistry.swift) and the views of "
        out += "`Screens.all` (Sources/CockpitTUI/Screens); a test fails when this file is stale. Regenerate with "
        out += "`swift run cockpit tui --keybindings > docs/KEYBINDINGS.md`.\n"
        for section in HelpSections.all(superAdmin: true) {
            out += "\n## \(section.title)\n\n| keys | action |\n|---|---|\n"
            for line in section.lines {
                out += "| \(line.keys.map { "`\($0)`" }.joined(separator: " ")) | \(line.description) |\n"
            }
        }
        return out
    }
}
