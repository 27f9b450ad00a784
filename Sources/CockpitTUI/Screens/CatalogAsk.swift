import CockpitCore
import Foundation

/// The node of the copilot tree a catalog view asks the core about (`c`): a member (what that user may use; what
/// discover shows them with their team and organization), or for the marketplace also a team or an organization.
/// It lives in the view's argument (`member <team> <user>`), so refreshes ask again.
struct CatalogAsk: Equatable, Sendable {
    var node: NodeID

    /// The node selected in the copilot tree, when it is an organization, a team or a member.
    init?(node: NodeID?) {
        switch node {
        case .org?, .team?, .member?: self.node = node!
        case .more?, nil: return nil
        }
    }

    /// Read back from a view's argument.
    init?(argument: String?) {
        let words = (argument ?? "").split(separator: " ").map(String.init)
        let ids = words.dropFirst().compactMap(UUID.init(uuidString:))
        switch (words.first, ids.count) {
        case ("org"?, 1): node = .org(ids[0])
        case ("team"?, 1): node = .team(ids[0])
        case ("member"?, 2): node = .member(team: ids[0], user: ids[1])
        default: return nil
        }
    }

    /// The view's argument that holds it.
    var argument: String {
        switch node {
        case .org(let id): "org \(id.lowercased)"
        case .team(let id): "team \(id.lowercased)"
        case .member(let team, let user): "member \(team.lowercased) \(user.lowercased)"
        case .more: ""
        }
    }

    /// The copilot user asked about (a member's).
    var user: UUID? { if case .member(_, let user) = node { user } else { nil } }

    /// Who was asked about, as titles name them (`user ana@acme.io`, `team Support`).
    func label(_ reach: TreeReach) -> String {
        switch node {
        case .org(let id): reach.label(CatalogScope(type: .org, id: id.lowercased))
        case .team(let id): reach.label(CatalogScope(type: .team, id: id.lowercased))
        case .member(_, let user): reach.label(CatalogScope(type: .user, id: user.lowercased))
        case .more: "nothing"
        }
    }

    /// The organization, team and user a copilot client names in discover for this node: a member with their team
    /// and its organization, a team with its organization.
    func discoverScopes(_ tree: TreeData) -> (org: UUID?, team: UUID?, user: UUID?) {
        func org(of team: UUID) -> UUID? { tree.teams.values.joined().first { $0.id == team }?.orgID }
        switch node {
        case .org(let id): return (id, nil, nil)
        case .team(let id): return (org(of: id), id, nil)
        case .member(let team, let user): return (org(of: team), team, user)
        case .more: return (nil, nil, nil)
        }
    }
}
