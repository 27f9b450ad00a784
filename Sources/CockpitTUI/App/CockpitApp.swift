import CockpitCore
import Foundation

/// The cockpit's loop: draw the state, read a key, let `KeyHandler` turn it into a new state and effects, run the
/// effects against the backend. The terminal is given back on every way out: `q`, SIGINT, SIGTERM, SIGHUP, or an
/// error.
public final class CockpitApp: @unchecked Sendable {
    let backend: any CockpitBackend
    private let terminal: Terminal
    private let theme: Theme
    private let color: Bool
    public internal(set) var state: CockpitState
    private var signalSources: [DispatchSourceSignal] = []

    /// - Parameter message: shown in the hint bar at start (a theme that could not be read, say).
    public init(
        backend: any CockpitBackend, theme: Theme = .standard, color: Bool = true, readOnly: Bool = false,
        message: String? = nil,
        terminal: Terminal = Terminal()
    ) {
        self.backend = backend
        self.terminal = terminal
        self.theme = theme
        self.color = color
        state = CockpitState(identity: backend.identity, isSuperAdmin: backend.isSuperAdmin, readOnly: readOnly)
        state.message = message
    }

    /// Loads the accounts and opens the first (or the one named), before the terminal is taken over.
    public func prepare(account: String? = nil) async throws {
        try await apply(.loadAccounts)
        let chosen = account.flatMap { name in
            state.accounts.first { $0.name.lowercased().hasPrefix(name.lowercased()) || $0.id.lowercased == name }
        }
        if let first = chosen ?? defaultAccount { try await open(first) }
    }

    /// The account opened when none is named: the first active one, else the first.
    private var defaultAccount: Account? { state.accounts.first(where: \.isActive) ?? state.accounts.first }

    /// Opens an account as `KeyHandler.switchAccount` does and loads what it needs; the mode stays as it is.
    private func open(_ account: Account) async throws {
        let mode = state.mode
        let (next, effects) = KeyHandler.switchAccount(state, to: account)
        state = next
        state.mode = mode
        for effect in effects { try await apply(effect) }
    }

    /// Runs until the user quits; returns the exit status. What is on screen is reloaded every `refreshInterval`
    /// seconds while no key is pressed (0: only with `R`).
    public func run(refreshInterval: TimeInterval = 5) async -> Int32 {
        installSignalHandlers()
        await terminal.start(theme: theme, color: color)
        var refreshed = Date()
        while !state.quit {
            let (width, height) = await terminal.size()
            state.paneRows = MainView.paneRows(height: height)
            state.now = Date()
            await terminal.present(MainView.render(state, width: width, height: height))
            guard let key = await terminal.readKey() else {
                if refreshInterval > 0, Date().timeIntervalSince(refreshed) >= refreshInterval,
                    let account = state.accountID,
                    Self.refreshes(in: state.mode)
                {
                    refreshed = Date()
                    do { try await apply(.refresh(account: account)) } catch {
                        state.message = "could not refresh: \(error)"
                    }
                }
                continue
            }
            await press(key)
        }
        await terminal.stop()
        return 0
    }

    /// One key through the handler and its effects, without a terminal (the loop does the same; tests and the
    /// benchmark drive this).
    public func press(_ key: Key) async {
        let (next, effects) = KeyHandler.handle(state, key)
        state = next
        for effect in effects {
            do { try await apply(effect) } catch { state.message = "could not load: \(error)" }
        }
    }

    /// Runs an effect against the backend and folds the answer into the state.
    func apply(_ effect: Effect) async throws {
        switch effect {
        case .loadAccounts:
            state.accounts = try await backend.accounts()
        case .loadOrganizations(let account, let domain):
            let page = try await backend.organizations(account: account, domain: domain, after: nil)
            update(account) { $0.data[domain, default: TreeData()].set(page) }
        case .loadTeams(let account, let domain, let org):
            let page = try await backend.teams(account: account, domain: domain, org: org, after: nil)
            update(account) { $0.data[domain, default: TreeData()].set(page, org: org) }
        case .loadMembers(let account, let domain, let team):
            let page = try await backend.members(account: account, domain: domain, team: team, after: nil)
            update(account) { $0.data[domain, default: TreeData()].set(page, team: team) }
        case .loadMore(let account, let domain, let level):
            try await loadMore(account, domain, level)
        case .submit(let account, let form):
            do { try await submit(account, form) } catch {
                var refused = form
                refused.error = (error as? CockpitError)?.message ?? "\(error)"
                state.mode = .form(refused)
            }
        case .copy(let text):
            await terminal.copyToClipboard(text)
            state.message = "copied to the clipboard (OSC 52)"
        case .loadRecentSpend(let account):
            let days = try? await backend.costs(account: account, by: .day, days: 14)
            update(account) { $0.recentSpend = days ?? [] }
        case .loadDetails(let account):
            let keys = try? await backend.keys(account: account), audit = try? await backend.audit(account: account)
            var grants: [ProductDomain: [ModelGrant]] = [:], guarded: [ProductDomain: Set<String>] = [:]
            for domain in ProductDomain.allCases {
                grants[domain] = try? await backend.grants(account: account, domain: domain)
                guarded[domain] = (try? await backend.guardrailAssignments(account: account, domain: domain)).map {
                    Set($0.map { GuardrailMarks.key($0.scopeType.rawValue, $0.scopeID) })
                }
            }
            update(account) {
                $0.keys = keys ?? $0.keys
                $0.audit = audit ?? $0.audit
                $0.grants = grants
                $0.guardrailScopes.merge(guarded) { $1 }
            }
        case .delete(let account, let domain, let node):
            try await backend.delete(account: account, domain: domain, node: node)
            try await reloadAfterDelete(account, domain, node)
        case .findUser(let account, let domain, let prefix):
            try await findUser(account, domain, prefix)
        case .load(let screen, let account):
            guard let view = Screens.named(screen.name) else { return }
            try await run(view.load(context(account), screen), account: account)
        case .perform(let name, let account, let command):
            guard let view = Screens.named(name) else { return }
            try await run(view.perform(context(account), command), account: account)
        case .openDefaultAccount:
            if state.accountID == nil, let next = defaultAccount { try await open(next) }
        case .refresh(let account):
            try await refresh(account)
        case .signOut:
            try await backend.signOut()
            state.quit = true
        }
    }

    /// Reloads the level a deleted node was in and selects its parent.
    private func reloadAfterDelete(_ account: UUID, _ domain: ProductDomain, _ node: NodeID) async throws {
        let data = state.sessions[account]?.data[domain] ?? TreeData()
        var parent: NodeID?
        switch node {
        case .org:
            try await apply(.loadOrganizations(account: account, domain: domain))
        case .team(let id):
            if let org = data.teams.first(where: { $0.value.contains { $0.id == id } })?.key {
                try await apply(.loadTeams(account: account, domain: domain, org: org))
                parent = .org(org)
            }
        case .member(let team, _):
            try await apply(.loadMembers(account: account, domain: domain, team: team))
            parent = .team(team)
        case .more: return
        }
        update(account) { $0.panes[domain]?.selected = parent }
        state.message = "deleted"
    }

    /// Opens the tree down to the first user found by prefix and selects them (the filter is cleared, since their
    /// row may match by name rather than by the email it shows).
    private func findUser(_ account: UUID, _ domain: ProductDomain, _ prefix: String) async throws {
        let users = try await backend.searchUsers(account: account, domain: domain, prefix: prefix)
        guard let user = users.first else {
            state.message = "no \(domain.rawValue) user's email or name starts with '\(prefix)'"; return
        }
        guard let membership = try await backend.memberships(account: account, domain: domain, user: user.id).first
        else {
            state.message = "\(user.email ?? user.displayName) is in no team of the \(domain.rawValue) tree"
            return
        }
        let team = try await backend.team(account: account, domain: domain, id: membership.teamID)
        let data = state.sessions[account]?.data[domain] ?? TreeData()
        if data.teams[team.orgID] == nil {
            try await apply(.loadTeams(account: account, domain: domain, org: team.orgID))
        }
        if data.members[team.id] == nil {
            try await apply(.loadMembers(account: account, domain: domain, team: team.id))
        }
        update(account) {
            $0.panes[domain]?.filter = ""
            $0.panes[domain]?.expanded.formUnion([.org(team.orgID), .team(team.id)])
            $0.panes[domain]?.selected = .member(team: team.id, user: user.id)
        }
        let rows = state.rows(domain)
        let index = rows.firstIndex { $0.id == .member(team: team.id, user: user.id) }
        update(account) {
            $0.panes[domain]?.scroll = TreePaneView.scroll(
                0, selected: index, visible: state.paneRows, count: rows.count)
        }
        state.message =
            "found \(user.email ?? user.displayName) in team \(team.name)"
            + (users.count > 1 ? " (and \(users.count - 1) more: type more of the name)" : "")
    }

    /// What a view's work runs with.
    func context(_ account: UUID?) -> ScreenContext { ScreenContext(backend: backend, account: account, state: state) }

    /// Folds a view's update into the state: the account's session, the state, then what it asks to run next.
    func run(_ update: ScreenUpdate, account: UUID?) async throws {
        if let change = update.session, let account { self.update(account, change) }
        if let change = update.state { change(&state) }
        for effect in update.then { try await apply(effect) }
    }

    func update(_ account: UUID, _ change: (inout AccountSession) -> Void) {
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
