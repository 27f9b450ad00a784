import Foundation

extension DirectoryService {
    /// Every team membership of one tree with its user and role, in (team, user) order, a page at a time: how a
    /// view that shows the whole tree (the cockpit's `:credits`) reads it in a few requests instead of one per team.
    public func treeMembers(
        account: UUID, domain: ProductDomain, page: PageRequest = .first
    ) async throws
        -> Page<TreeMember>
    {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            let page = try UserRepository(tx).allMembers(domain: domain, page: page)
            return Page(
                items: page.items.map {
                    TreeMember(teamID: $0.teamID, member: TeamMember(user: $0.user, role: $0.role))
                },
                nextCursor: page.nextCursor)
        }
    }
}

/// One membership of a tree: the team and the member (user and role).
public struct TreeMember: Sendable, Equatable {
    public var teamID: UUID
    public var member: TeamMember

    public init(teamID: UUID, member: TeamMember) {
        (self.teamID, self.member) = (teamID, member)
    }
}
