import Foundation

extension DirectoryService {
    /// Creates a team in an organization of the same account and domain; `.notFound` for an organization
    /// elsewhere, `.conflict` for a name taken in that organization.
    public func createTeam(
        account: UUID, domain: ProductDomain, orgID: UUID, name rawName: String, metadata: JSONValue? = nil,
        maxBudget: Double? = nil, description: String? = nil
    ) async throws -> Team {
        let actor = try context.changing(.writeTree(domain), in: account)
        let name = try Validation.name(rawName)
        let description = try Validation.description(description)
        let metadata = try Validation.metadata(metadata)
        let maxBudget = try Validation.budget(maxBudget)
        let now = context.now()
        let team = Team(
            id: UUID(), accountID: account, domain: domain, orgID: orgID, name: name, metadata: metadata,
            maxBudget: maxBudget, createdAt: now, updatedAt: now, description: description, createdBy: actor.name)
        return try await write(account) { tx in
            guard try OrganizationRepository(tx).get(orgID, domain: domain) != nil else {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
            let teams = TeamRepository(tx)
            if try teams.find(name: name, orgID: orgID) != nil {
                throw CockpitError.conflict("\(domain.rawValue) team already exists")
            }
            try teams.insert(team)
            try audit(tx, account, domain, actor, "team.create", "team", team.id.lowercased, after: .snapshot(team))
            return team
        }
    }

    /// One team.
    public func team(account: UUID, domain: ProductDomain, id: UUID) async throws -> Team {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { tx in
            guard let team = try TeamRepository(tx).get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) team")
            }
            return team
        }
    }

    /// Teams of one tree in name order, optionally of one organization.
    public func teams(
        account: UUID, domain: ProductDomain, orgID: UUID? = nil, page: PageRequest = .first
    ) async throws -> Page<Team> {
        try context.reading(.readTree(domain), in: account)
        return try await read(account) { try TeamRepository($0).list(domain: domain, orgID: orgID, page: page) }
    }

    /// Renames or changes a team.
    public func updateTeam(account: UUID, domain: ProductDomain, id: UUID, _ patch: Patch) async throws -> Team {
        let actor = try context.changing(.writeTree(domain), in: account)
        let patch = try patch.validated()
        let now = context.now()
        return try await write(account) { tx in
            let teams = TeamRepository(tx)
            guard let before = try teams.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) team")
            }
            if let name = patch.name, let other = try teams.find(name: name, orgID: before.orgID), other.id != id {
                throw CockpitError.conflict("\(domain.rawValue) team already exists")
            }
            var after = before
            patch.apply(to: &after, at: now)
            try teams.update(after)
            try audit(
                tx, account, domain, actor, "team.update", "team", id.lowercased, before: .snapshot(before),
                after: .snapshot(after))
            return after
        }
    }

    /// Deletes a team with its memberships, grants and keys.
    public func deleteTeam(account: UUID, domain: ProductDomain, id: UUID) async throws {
        let actor = try context.changing(.writeTree(domain), in: account)
        try await write(account) { tx in
            let teams = TeamRepository(tx)
            guard let before = try teams.get(id, domain: domain) else {
                throw CockpitError.notFound("\(domain.rawValue) team")
            }
            try teams.delete(id, domain: domain)
            try audit(tx, account, domain, actor, "team.delete", "team", id.lowercased, before: .snapshot(before))
        }
    }

    /// Blocks or unblocks a team (LiteLLM's `/team/block` and `/team/unblock`): its keys are refused while it is
    /// blocked (every instance within the authenticator's cache time; this one at once).
    public func setTeamBlocked(account: UUID, domain: ProductDomain, id: UUID, blocked: Bool) async throws -> Team {
        let actor = try context.changing(.writeTree(domain), in: account)
        let now = context.now()
        let team = try await write(account) { tx in
            let teams = TeamRepository(tx)
            guard let before = try teams.get(id, domain: domain),
                try teams.setBlocked(id, domain: domain, blocked: blocked, at: now),
                let after = try teams.get(id, domain: domain)
            else { throw CockpitError.notFound("\(domain.rawValue) team") }
            try audit(
                tx, account, domain, actor, blocked ? "team.block" : "team.unblock", "team", id.lowercased,
                before: .snapshot(before), after: .snapshot(after))
            return after
        }
        context.events.post(.accessChanged(account))
        return team
    }
}
