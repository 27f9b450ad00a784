import CockpitCore
import Foundation

/// Live data: the loop reloads what is on screen every few seconds while no key is pressed (and `R` at once), and
/// the panes mark the rows that are new or changed since the last load.
extension CockpitApp {
    /// Reloads every loaded level of both trees, and the keys and models when they are loaded; rows that are new or
    /// different are marked in the account's session.
    func refresh(_ account: UUID) async throws {
        guard let session = state.sessions[account] else { return }
        let at = Date()
        var changed: [NodeID] = []
        for domain in ProductDomain.allCases {
            guard let old = session.data[domain], let oldOrgs = old.orgs else { continue }
            var fresh = TreeData(orgs: try await backend.organizations(account: account, domain: domain))
            changed += Self.changes(oldOrgs, fresh.orgs ?? [], id: \.id).map(NodeID.org)
            let orgs = Set((fresh.orgs ?? []).map(\.id))
            for (org, teams) in old.teams where orgs.contains(org) {
                let now = try await backend.teams(account: account, domain: domain, org: org)
                fresh.teams[org] = now
                changed += Self.changes(teams, now, id: \.id).map(NodeID.team)
            }
            let teams = Set(fresh.teams.values.joined().map(\.id))
            for (team, members) in old.members where teams.contains(team) {
                let now = try await backend.members(account: account, domain: domain, team: team)
                fresh.members[team] = now
                changed += Self.changes(members, now, id: \.user.id).map { NodeID.member(team: team, user: $0) }
            }
            update(account) { $0.data[domain] = fresh }
        }
        if session.keys != nil { try await apply(.loadKeys(account: account)) }
        if session.models != nil { try await apply(.loadModels(account: account)) }
        update(account) { s in
            s.changed = s.changed.filter { at.timeIntervalSince($0.value) < CockpitState.changeMark }
            for id in changed { s.changed[id] = at }
        }
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
