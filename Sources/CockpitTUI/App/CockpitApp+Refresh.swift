import CockpitCore
import Foundation

/// Live data: the loop reloads what is on screen every few seconds while no key is pressed (and `R` at once), and
/// the panes mark the rows that are new or changed since the last load. Levels longer than a page load page by page.
extension CockpitApp {
    /// Reloads every loaded level of both trees, the details, and the open view (by its refresh policy); rows that are new or
    /// different are marked in the account's session. A level that holds more than its first page (the user loaded
    /// more) keeps what it holds: reloading only its first page would take the rest away.
    func refresh(_ account: UUID) async throws {
        guard let session = state.sessions[account] else { return }
        var changed: [NodeID] = []
        for domain in ProductDomain.allCases {
            guard let old = session.data[domain], let oldOrgs = old.orgs else { continue }
            var fresh = old
            if old.count(.orgs) <= LocalBackend.pageSize {
                fresh.set(try await backend.organizations(account: account, domain: domain, after: nil))
                changed += Self.changes(oldOrgs, fresh.orgs ?? [], id: \.id).map(NodeID.org)
            }
            let orgs = Set((fresh.orgs ?? []).map(\.id))
            fresh.teams = fresh.teams.filter { orgs.contains($0.key) }
            for (org, teams) in fresh.teams where teams.count <= LocalBackend.pageSize {
                fresh.set(try await backend.teams(account: account, domain: domain, org: org, after: nil), org: org)
                changed += Self.changes(teams, fresh.teams[org] ?? [], id: \.id).map(NodeID.team)
            }
            let teams = Set(fresh.teams.values.joined().map(\.id))
            fresh.members = fresh.members.filter { teams.contains($0.key) }
            for (team, members) in fresh.members where members.count <= LocalBackend.pageSize {
                fresh.set(
                    try await backend.members(account: account, domain: domain, team: team, after: nil), team: team)
                changed += Self.changes(members, fresh.members[team] ?? [], id: \.user.id).map {
                    NodeID.member(team: team, user: $0)
                }
            }
            update(account) { $0.data[domain] = fresh }
        }
        if session.audit != nil { try await apply(.loadDetails(account: account)) }
        if case .screen(let screen) = state.mode, let view = Screens.named(screen.name),
            view.refreshPolicy == .whileOpen
        {
            try await apply(.load(screen, account: account))
        }
        // Marked from when the refresh ends, so a mark shows for its whole time however long the reads took.
        let at = Date()
        update(account) { s in
            s.changed = s.changed.filter { at.timeIntervalSince($0.value) < CockpitState.changeMark }
            for id in changed { s.changed[id] = at }
        }
    }

    /// The next page of a level, added to what is loaded; the selection moves to the first new row.
    func loadMore(_ account: UUID, _ domain: ProductDomain, _ level: TreeLevel) async throws {
        var data = state.sessions[account]?.data[domain] ?? TreeData()
        guard let cursor = data.more[level] else { return }
        let first: NodeID?
        switch level {
        case .orgs:
            let page = try await backend.organizations(account: account, domain: domain, after: cursor)
            data.set(page, appending: true)
            first = page.items.first.map { .org($0.id) }
        case .teams(let org):
            let page = try await backend.teams(account: account, domain: domain, org: org, after: cursor)
            data.set(page, org: org, appending: true)
            first = page.items.first.map { .team($0.id) }
        case .members(let team):
            let page = try await backend.members(account: account, domain: domain, team: team, after: cursor)
            data.set(page, team: team, appending: true)
            first = page.items.first.map { .member(team: team, user: $0.user.id) }
        }
        update(account) {
            $0.data[domain] = data
            if let first { $0.panes[domain]?.selected = first }
        }
        state.message =
            "\(data.count(level)) loaded" + (data.more[level] == nil ? ", all of them" : "; the last row loads more")
    }

    /// The ids of the items in `new` that were not in `old`, or were different there.
    static func changes<T: Equatable, ID: Hashable>(_ old: [T], _ new: [T], id: (T) -> ID) -> [ID] {
        let before = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        return new.filter { before[id($0)] != $0 }.map(id)
    }

    /// True when the screen may be refreshed under the user: not while they type or answer a question.
    static func refreshes(in mode: Mode) -> Bool {
        switch mode {
        case .form, .confirm, .secret, .command, .filter: false
        default: true
        }
    }
}
