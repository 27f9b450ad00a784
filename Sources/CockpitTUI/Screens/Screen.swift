import CockpitCore
import Foundation

/// A full-screen view of the cockpit over the trees: the accounts list, keys, models, spend, audit, Zitadel… Each is
/// one type registered once in `Screens.all`; the `:` command line, the key handler, the hint bar, the help, the
/// refresh loop and the forms all read it from there. Adding a view is one file that conforms plus one line in the list.
public protocol Screen: Sendable {
    /// The `:` command that opens it and its name in the state (`keys`).
    static var name: String { get }
    /// The command as the help shows it, with its argument (`spend [Nd]`).
    static var usage: String { get }
    /// What the view shows and does, for the help and docs/KEYBINDINGS.md.
    static var summary: String { get }
    /// Only super-admins open it.
    static var superAdminOnly: Bool { get }
    /// It shows the current account's data (`:account` must have chosen one).
    static var needsAccount: Bool { get }
    /// When its data is reloaded besides opening it and `R`.
    static var refreshPolicy: RefreshPolicy { get }
    /// Keys that work in this view only; the shared ones (move, help, command, reload, esc, quit) work everywhere.
    static var bindings: [KeyBinding] { get }
    /// The bindings the hint bar offers in one state of the view (a view with modes hides what its mode ignores).
    static func hinted(_ screen: ScreenState) -> [KeyBinding]
    /// The rows a list view selects among (↑↓, g/G, PgUp/PgDn move the selection); nil for a view without a list.
    static func rowCount(_ s: CockpitState) -> Int?
    /// Opens the view (`:name argument` or its key): checks the argument, returns the state and what to load.
    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect])
    /// One of the view's own actions.
    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect])
    /// esc in the view: the state with an inner panel of the view closed, or nil to leave the view.
    static func back(_ s: CockpitState, _ screen: ScreenState) -> CockpitState?
    /// Draws the view over the trees.
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState)
    /// Loads what the view shows (when opened, on `R`, and every few seconds while it is open).
    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate
    /// Sends one of the view's forms (`FormState.Kind.screen` with its name) to the backend.
    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate
    /// Runs one of the view's confirmed actions (revoke, delete, bootstrap…).
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate
}

extension Screen {
    public static var superAdminOnly: Bool { false }
    public static var needsAccount: Bool { true }
    public static var refreshPolicy: RefreshPolicy { .whileOpen }
    public static func rowCount(_ s: CockpitState) -> Int? { nil }
    public static func hinted(_ screen: ScreenState) -> [KeyBinding] { bindings }
    public static func back(_ s: CockpitState, _ screen: ScreenState) -> CockpitState? { nil }

    /// By default: the view, empty, and a load of its data.
    public static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        let screen = ScreenState(name: name)
        s.mode = .screen(screen)
        guard let account = s.accountID else { return (s, []) }
        return (s, [.load(screen, account: account)])
    }

    public static func submit(
        _ c: ScreenContext, _ form: FormState, verb: String, id: UUID?
    ) async throws -> ScreenUpdate {
        throw CockpitError.invalid(field: "form", reason: "\(name) has no form \(verb)")
    }

    public static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        throw CockpitError.invalid(field: "action", reason: "\(name) cannot \(command.verb)")
    }

    /// The view's own state when it is the one open.
    static func state(in s: CockpitState) -> ScreenState? {
        if case .screen(let screen) = s.mode, screen.name == name { return screen }
        return nil
    }

    /// A form of this view; `changes` false for one that only asks (sent in read-only mode too).
    static func form(
        _ verb: String, id: UUID? = nil, title: String, fields: [FormState.Field], changes: Bool = true
    ) -> FormState {
        var form = FormState(kind: .screen(name, verb: verb, id: id), title: title, fields: fields)
        form.changes = changes
        return form
    }
}

/// When a view's data is reloaded by itself.
public enum RefreshPolicy: Sendable {
    /// Every few seconds while it is open and nothing is typed (as the trees are).
    case whileOpen
    /// Only when it is opened and on `R` (a load that is slow or reaches outside, like Zitadel's plan).
    case onRequest
}

/// What a view's asynchronous work runs with: the backend, the account on screen and the state when it began.
public struct ScreenContext: Sendable {
    public let backend: any CockpitBackend
    /// The account the work was asked for (nil in a view that needs none, like the accounts list).
    public let account: UUID?
    public let state: CockpitState

    /// The account, for work that needs one.
    public func requireAccount() throws -> UUID {
        guard let account else { throw CockpitError.invalid(field: "account", reason: "choose an account first (a)") }
        return account
    }
}

/// A confirmed action of a view: what to do (`revoke`), on what (an id), with what (a name typed to confirm).
public struct ScreenCommand: Equatable, Sendable {
    public var verb: String
    public var id: UUID?
    public var text: String?

    public init(_ verb: String, id: UUID? = nil, text: String? = nil) {
        self.verb = verb
        self.id = id
        self.text = text
    }
}

/// What a view's work changes: the account's session, the state, and what to run after.
public struct ScreenUpdate: Sendable {
    public var session: (@Sendable (inout AccountSession) -> Void)?
    public var state: (@Sendable (inout CockpitState) -> Void)?
    /// Run after the changes above (a reload of another view, the accounts list…).
    public var then: [Effect]

    public init(
        session: (@Sendable (inout AccountSession) -> Void)? = nil,
        state: (@Sendable (inout CockpitState) -> Void)? = nil,
        then: [Effect] = []
    ) {
        self.session = session
        self.state = state
        self.then = then
    }

    /// Stores a view's data in the account's session.
    public static func data<T: Equatable & Sendable>(_ name: String, _ value: T) -> ScreenUpdate {
        ScreenUpdate(session: { $0.screenData[name] = ScreenData(value) })
    }
}
