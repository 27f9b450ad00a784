import Foundation

extension DirectoryService {
    /// Adds a user to a team, or changes the role of an existing membership.
    public func addMember(
        account: UUID, domain: ProductDomain, teamID: UUID, userID: UUID, role: MembershipRole = .member
    ) async throws -> TeamMembership {
        let actor = try context.changing(.manageMembers(domain), in: account)
        let caller = context.caller
        return try await write(account) { tx in
            try Self.requireTeamAdministration(tx, caller, domain: domain, teamID: teamID)
            return try addMembership(
                tx, account: account, domain: domain, teamID: teamID, userID: userID, role: role, actor: actor,
                keepRole: false)
        }
    }

    /// Removes a user from a team.
    public func removeMember(account: UUID, domain: ProductDomain, teamID: UUID, userID: UUID) async throws {
        let actor = try context.changing(.manageMembers(domain), in: account)
        let caller = context.caller
        try await write(account) { tx in
            try Self.requireTeamAdministration(tx, caller, domain: domain, teamID: teamID)
            let memberships = MembershipRepository(tx)
            guard let before = try memberships.get(teamID: teamID, userID: userID, domain: domain) else {
                throw CockpitError.notFound("membership")
            }
            try memberships.delete(teamID: teamID, userID: userID, domain: domain)
            try audit(
                tx, account, domain, actor, "team.member_remove", "team_membership",
                "\(teamID.lowercased):\(userID.lowercased)",
                before: .snapshot(before))
        }
    }

    /// Refuses a team admin (by role only) who is not an admin member of `teamID`: team admins change their own teams.
    static func requireTeamAdministration(
        _ tx: Transaction, _ caller: Principal, domain: ProductDomain, teamID: UUID
    ) throws {
        guard caller.isOnlyTeamAdmin(in: domain) else { return }
        guard let identity = caller.identityUserID,
            let user = try UserRepository(tx).find(identityUserID: identity, domain: domain),
            try MembershipRepository(tx).get(teamID: teamID, userID: user.id, domain: domain)?.role == .admin
        else {
            throw CockpitError.forbidden("team admins manage only the teams they administer")
        }
    }

    /// The members of a team with their roles, in display-name order.
    public func members(
        account: UUID, domain: ProductDomain, teamID: UUID, page: PageRequest = .first
    ) async throws -> Page<TeamMember> {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard try TeamRepository(tx).get(teamID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) team")
            }
            let page = try UserRepository(tx).members(teamID: teamID, domain: domain, page: page)
            return Page(items: page.items.map { TeamMember(user: $0.user, role: $0.role) }, nextCursor: page.nextCursor)
        }
    }

    /// The memberships of a user.
    public func memberships(account: UUID, domain: ProductDomain, userID: UUID) async throws -> [TeamMembership] {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard try UserRepository(tx).get(userID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
            return try MembershipRepository(tx).list(userID: userID, domain: domain)
        }
    }

    /// Adds or changes one membership inside a running transaction; `keepRole` leaves an existing membership alone.
    func addMembership(
        _ tx: Transaction, account: UUID, domain: ProductDomain, teamID: UUID, userID: UUID, role: MembershipRole,
        actor: Actor, keepRole: Bool
    ) throws -> TeamMembership {
        guard try TeamRepository(tx).get(teamID, domain: domain) != nil else {
            throw CockpitError.notFound("\(domain.rawValue) team")
        }
        guard try UserRepository(tx).get(userID, domain: domain) != nil else {
            throw CockpitError.notFound("\(domain.rawValue) user")
        }
        let memberships = MembershipRepository(tx)
        if let existing = try memberships.get(teamID: teamID, userID: userID, domain: domain),
            keepRole || existing.role == role
        {
            return existing
        }
        let membership = TeamMembership(
            accountID: account, domain: domain, teamID: teamID, userID: userID, role: role, createdAt: context.now())
        let previous = try memberships.upsert(membership)
        try audit(
            tx, account, domain, actor, previous == nil ? "team.member_add" : "team.member_update", "team_membership",
            "\(teamID.lowercased):\(userID.lowercased)", before: previous.map { ["role": .string($0.rawValue)] },
            after: .snapshot(membership))
        return try memberships.get(teamID: teamID, userID: userID, domain: domain) ?? membership
    }
}

/// A user in a team, with the membership role.
public struct TeamMember: Sendable, Equatable {
    public var user: User
    public var role: MembershipRole

    public init(user: User, role: MembershipRole) {
        self.user = user
        self.role = role
    }
}
