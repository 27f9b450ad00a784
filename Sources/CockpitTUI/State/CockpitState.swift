import CockpitCore
import Foundation

/// The state of one account's screen: both trees' data and navigation, and which pane has the focus. Kept per
/// account, so switching accounts and back finds the same selection, filter and scroll.
public struct AccountSession: Equatable, Sendable {
    public var data: [ProductDomain: TreeData] = [:]
    public var panes: [ProductDomain: TreePaneState] = [.console: TreePaneState(), .copilot: TreePaneState()]
    public var focus: ProductDomain = .console
    /// The account's keys, once the keys view has loaded them.
    public var keys: [VirtualKey]?
    /// Spend by day over the last two weeks (the details pane's sparkline).
    public var recentSpend: [SpendTotal]?
    /// The newest audit entries (the details pane and `:audit`).
    public var audit: [AuditEntry]?
    /// The model grants of each tree (the details pane shows those of the selection).
    public var grants: [ProductDomain: [ModelGrant]] = [:]
    /// What each registered view loaded, by its name (`Screen.name`); each view reads its own.
    public var screenData: [String: ScreenData] = [:]
    /// Each view as it was when esc left it (selection, filter), for a view that reopens where it was.
    public var leftScreens: [String: ScreenState] = [:]
    /// Rows that a refresh found new or changed, with when: the panes mark them for `CockpitState.changeMark`.
    public var changed: [NodeID: Date] = [:]
    /// The scopes of each tree that carry a guardrail preset assignment (`team:<id>`, see `GuardrailMarks`): the
    /// panes mark their nodes.
    public var guardrailScopes: [ProductDomain: Set<String>] = [:]
    public init() {}
}

/// What the screen shows besides the trees.
public enum Mode: Equatable, Sendable {
    case trees
    /// A registered view (`Screens.all`) over the trees.
    case screen(ScreenState)
    case help
    /// Typing a `:` command.
    case command(String)
    /// Typing a `/` filter into the focused pane.
    case filter
    /// Filling a form.
    case form(FormState)
    /// Confirming a destructive action.
    indirect case confirm(ConfirmState)
    /// A new key's secret, shown this once; it is gone from the state when this closes.
    case secret(alias: String, secret: String)
}

/// Spend of an account over some days, by day, model and team.
public struct SpendReport: Equatable, Sendable {
    public var days: Int
    public var byDay: [SpendTotal]
    public var byModel: [SpendTotal]
    public var byTeam: [SpendTotal]
}

/// Everything a frame is drawn from. Views are functions of this state; key handlers return a new one.
public struct CockpitState: Equatable, Sendable {
    public var identity: String
    public var isSuperAdmin: Bool
    public var readOnly: Bool
    public var accounts: [Account] = []
    /// The global model catalogue, once `:catalog` has loaded it (it belongs to no account).
    public var catalog: [ModelDeployment]?
    public var accountID: UUID?
    public var sessions: [UUID: AccountSession] = [:]
    public var mode: Mode = .trees
    /// A line for the hint bar (errors, confirmations), cleared by the next key.
    public var message: String?
    public var commandHistory: [String] = []
    public var quit = false
    /// The first line of the help shown (the help scrolls at small sizes).
    public var helpScroll = 0
    /// The time frames are drawn at (set by the app before each frame, so views stay functions of the state).
    public var now = Date()
    /// The focused pane takes the whole width (`z`), however wide the terminal.
    public var zoomed = false
    /// Tree rows a pane shows at the current terminal size (set by the app; page keys and scrolling use it).
    public var paneRows = 16

    public init(identity: String, isSuperAdmin: Bool, readOnly: Bool = false) {
        self.identity = identity
        self.isSuperAdmin = isSuperAdmin
        self.readOnly = readOnly
    }

    /// How long a changed row stays marked.
    public static let changeMark: TimeInterval = 6

    /// True when a refresh found this row new or changed a moment ago.
    public func isChanged(_ id: NodeID) -> Bool {
        guard let at = session.changed[id] else { return false }
        return now.timeIntervalSince(at) < Self.changeMark
    }

    /// The account on screen.
    public var account: Account? { accounts.first { $0.id == accountID } }

    /// The session of the account on screen.
    public var session: AccountSession {
        get { accountID.flatMap { sessions[$0] } ?? AccountSession() }
        set { if let accountID { sessions[accountID] = newValue } }
    }

    /// The visible rows of a pane of the current account.
    public func rows(_ domain: ProductDomain) -> [TreeRow] {
        TreeModel.rows(session.data[domain] ?? TreeData(), session.panes[domain] ?? TreePaneState())
    }
}
