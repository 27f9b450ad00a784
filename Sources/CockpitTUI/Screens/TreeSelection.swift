import CockpitCore
import Foundation

/// The focused tree's selected node, as the views over grants and entitlements use it: the scope a new rule goes to,
/// the point an effective answer is asked for, and names for scopes.
struct TreeSelection {
    let domain: ProductDomain
    let node: NodeID?
    let data: TreeData

    init(_ s: CockpitState) {
        domain = s.session.focus
        node = s.session.panes[domain]?.selected
        data = s.session.data[domain] ?? TreeData()
    }

    /// Where a new grant or entitlement goes: the selected organization, team or member's user; the account otherwise.
    var scope: GrantScope {
        switch node {
        case .org(let id)?: .org(id)
        case .team(let id)?: .team(id)
        case .member(_, let user)?: .user(user)
        case .more?, nil: .account
        }
    }

    /// The point of the tree an effective answer is asked for (a member is asked in its team).
    var point: TreePoint {
        switch node {
        case .org(let id)?: TreePoint(org: id)
        case .team(let id)?: TreePoint(team: id)
        case .member(let team, let user)?: TreePoint(team: team, user: user)
        case .more?, nil: TreePoint()
        }
    }

    /// A scope by name where the tree has loaded it (`team SRE`, `user alice@acme.io`), by short id otherwise.
    func label(_ scope: GrantScope) -> String {
        switch scope {
        case .account: return "account"
        case .org(let id): return "org " + (data.orgs?.first { $0.id == id }?.name ?? short(id))
        case .team(let id): return "team " + (data.teams.values.joined().first { $0.id == id }?.name ?? short(id))
        case .user(let id):
            let user = data.members.values.joined().first { $0.user.id == id }?.user
            return "user " + (user.map { $0.email ?? $0.displayName } ?? short(id))
        }
    }

    /// The selection's name for titles (`the account`, `team SRE`).
    var name: String { scope == .account ? "the account" : label(scope) }

    private func short(_ id: UUID) -> String { String(id.lowercased.prefix(8)) }
}
