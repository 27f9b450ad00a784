import CockpitCore
import Foundation

extension CockpitBackend {
    /// The most pages of one level `wholeTree` reads (500 rows each): 50,000 organizations, teams or memberships.
    static var wholeTreePageLimit: Int { 100 }

    /// One tree entirely (organizations, every team, every membership), in three lists read a page at a time, not
    /// one request per organization and team; sorted by name as the tree pane shows them. A level with more than
    /// `wholeTreePageLimit` pages keeps what was read and marks where it stopped in `more`.
    public func wholeTree(account: UUID, domain: ProductDomain) async throws -> TreeData {
        let orgs = try await allPages { try await organizations(account: account, domain: domain, after: $0) }
        let teams = try await allPages { try await allTeams(account: account, domain: domain, after: $0) }
        let members = try await allPages { try await treeMembers(account: account, domain: domain, after: $0) }
        var tree = TreeData(orgs: orgs.items.sorted { $0.name.lowercased() < $1.name.lowercased() })
        for team in teams.items.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            tree.teams[team.orgID, default: []].append(team)
        }
        for org in orgs.items where tree.teams[org.id] == nil { tree.teams[org.id] = [] }
        for entry in members.items { tree.members[entry.teamID, default: []].append(entry.member) }
        for team in teams.items {
            tree.members[team.id] = (tree.members[team.id] ?? []).sorted {
                $0.user.displayName.lowercased() < $1.user.displayName.lowercased()
            }
        }
        tree.more[.orgs] = orgs.nextCursor
        return tree
    }

    /// Every page of a list from the first, up to `wholeTreePageLimit` pages.
    private func allPages<T>(_ read: (String?) async throws -> Page<T>) async throws -> Page<T> {
        var items: [T] = []
        var cursor: String?
        for _ in 0..<Self.wholeTreePageLimit {
            let page = try await read(cursor)
            items += page.items
            cursor = page.nextCursor
            if cursor == nil { break }
        }
        return Page(items: items, nextCursor: cursor)
    }
}
