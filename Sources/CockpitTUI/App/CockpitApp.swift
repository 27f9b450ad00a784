import CockpitCore
import Foundation

/// The cockpit's loop: draw the state, read a key, let `KeyHandler` turn it into a new state and effects, run the
/// effects against the backend. The terminal is given back on every way out: `q`, SIGINT, SIGTERM, SIGHUP, or an
/// error.
public final class CockpitApp: @unchecked Sendable {
    private let backend: any CockpitBackend
    private let terminal: Terminal
    private let theme: Theme
    private let color: Bool
    public private(set) var state: CockpitState
    private var signalSources: [DispatchSourceSignal] = []

    public init(backend: any CockpitBackend, theme: Theme = .standard, color: Bool = true, readOnly: Bool = false, terminal: Terminal = Terminal()) {
        self.backend = backend
        self.terminal = terminal
        self.theme = theme
        self.color = color
        state = CockpitState(identity: backend.identity, isSuperAdmin: backend.isSuperAdmin, readOnly: readOnly)
    }

    /// Loads the accounts and opens the first (or the one named), before the terminal is taken over.
    public func prepare(account: String? = nil) async throws {
        try await apply(.loadAccounts)
        let chosen = account.flatMap { name in state.accounts.first { $0.name.lowercased().hasPrefix(name.lowercased()) || $0.id.lowercased == name } }
        if let first = chosen ?? state.accounts.first(where: \.isActive) ?? state.accounts.first {
            let (next, effects) = KeyHandler.switchAccount(state, to: first)
            state = next
            for effect in effects { try await apply(effect) }
        }
    }

    /// Runs until the user quits; returns the exit status.
    public func run() async -> Int32 {
        installSignalHandlers()
        await terminal.start(theme: theme, color: color)
        do {
            while !state.quit {
                let (width, height) = await terminal.size()
                state.paneRows = MainView.paneRows(height: height)
                await terminal.present(MainView.render(state, width: width, height: height))
                guard let key = await terminal.readKey() else { continue }
                let (next, effects) = KeyHandler.handle(state, key)
                state = next
                for effect in effects {
                    do { try await apply(effect) } catch { state.message = "could not load: \(error)" }
                }
            }
        }
        await terminal.stop()
        return 0
    }

    /// Runs an effect against the backend and folds the answer into the state.
    func apply(_ effect: Effect) async throws {
        switch effect {
        case .loadAccounts:
            state.accounts = try await backend.accounts()
        case .loadOrganizations(let account, let domain):
            let orgs = try await backend.organizations(account: account, domain: domain)
            update(account) { $0.data[domain, default: TreeData()].orgs = orgs }
        case .loadTeams(let account, let domain, let org):
            let teams = try await backend.teams(account: account, domain: domain, org: org)
            update(account) { $0.data[domain, default: TreeData()].teams[org] = teams }
        case .loadMembers(let account, let domain, let team):
            let members = try await backend.members(account: account, domain: domain, team: team)
            update(account) { $0.data[domain, default: TreeData()].members[team] = members }
        }
    }

    private func update(_ account: UUID, _ change: (inout AccountSession) -> Void) {
        var session = state.sessions[account] ?? AccountSession()
        change(&session)
        state.sessions[account] = session
    }

    /// SIGINT, SIGTERM and SIGHUP give the terminal back before the process ends.
    private func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let terminal = self.terminal
            source.setEventHandler {
                Task {
                    await terminal.stop()
                    exit(sig == SIGINT ? 130 : 143)
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
