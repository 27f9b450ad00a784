import Foundation

extension DirectoryService {
    /// Rows per multi-row INSERT: well under both stores' parameter limits (SQLite 32,766; PostgreSQL 65,535).
    static let importBatchRows = 500

    /// Imports a whole tree in one transaction: every name and email is validated and checked for duplicates first,
    /// then rows go in with multi-row inserts. All or nothing; recorded as one audit row with the counts.
    public func importTree(
        account: UUID, domain: ProductDomain, _ input: DirectoryImport
    ) async throws -> DirectoryImportResult {
        let actor = try context.changing(.writeTree(domain), in: account)
        let now = context.now()
        var orgIDs: [String: UUID] = [:]
        var orgs: [Organization] = []
        for raw in input.organizations {
            let name = try Validation.name(raw, field: "organization name")
            guard orgIDs[name.lowercased()] == nil else {
                throw CockpitError.conflict("organization \"\(name)\" appears twice in the import")
            }
            let org = Organization(
                id: UUID(), accountID: account, domain: domain, name: name, metadata: .emptyObject, maxBudget: nil,
                createdAt: now, updatedAt: now)
            orgIDs[name.lowercased()] = org.id
            orgs.append(org)
        }
        var teamIDs: [DirectoryImport.ImportedTeamRef: UUID] = [:]
        var teams: [Team] = []
        for ref in input.teams {
            let key = DirectoryImport.ImportedTeamRef(
                org: ref.org.lowercased(), team: try Validation.name(ref.team, field: "team name").lowercased())
            guard let orgID = orgIDs[key.org] else {
                throw CockpitError.notFound("organization \"\(ref.org)\" of team \"\(ref.team)\"")
            }
            guard teamIDs[key] == nil else {
                throw CockpitError.conflict("team \"\(ref.team)\" appears twice in \"\(ref.org)\"")
            }
            let team = Team(
                id: UUID(), accountID: account, domain: domain, orgID: orgID,
                name: ref.team.trimmingCharacters(in: .whitespaces),
                metadata: .emptyObject, maxBudget: nil, createdAt: now, updatedAt: now)
            teamIDs[key] = team.id
            teams.append(team)
        }
        var emails = Set<String>()
        var users: [User] = []
        var memberships: [TeamMembership] = []
        for raw in input.users {
            let email = try Validation.email(raw.email)
            guard emails.insert(email).inserted else {
                throw CockpitError.conflict("user \(email) appears twice in the import")
            }
            let user = User(
                id: UUID(), accountID: account, domain: domain, email: email, identityUserID: nil,
                displayName: try Validation.name(raw.displayName, field: "display_name"), role: Role.endUser.rawValue,
                metadata: .emptyObject, maxBudget: nil, createdAt: now, updatedAt: now, createdBy: actor.name)
            users.append(user)
            for ref in Set(
                raw.teams.map { DirectoryImport.ImportedTeamRef(org: $0.org.lowercased(), team: $0.team.lowercased()) })
            {
                guard let teamID = teamIDs[ref] else {
                    throw CockpitError.notFound("team \"\(ref.team)\" in \"\(ref.org)\" of user \(email)")
                }
                memberships.append(
                    TeamMembership(
                        accountID: account, domain: domain, teamID: teamID, userID: user.id, role: .member,
                        createdAt: now))
            }
        }
        let result = DirectoryImportResult(
            organizations: orgs.count, teams: teams.count, users: users.count, memberships: memberships.count)
        let (o, t, u, m) = (orgs, teams, users, memberships)
        return try await write(account) { tx in
            try Self.insertRows(
                tx, "organizations", OrganizationRepository.columns, o.map(OrganizationRepository.values))
            try Self.insertRows(tx, "teams", TeamRepository.columns, t.map(TeamRepository.values))
            try Self.insertRows(tx, "users", UserRepository.columns, u.map(UserRepository.values))
            // Fresh statistics before the memberships: without them PostgreSQL may check each membership's foreign
            // keys through an (account_id, domain, …) index that matches every row of the tenant (seen: 100× slower).
            for table in ["organizations", "teams", "users"] { try tx.execute("ANALYZE \(table)") }
            try Self.insertRows(
                tx, "team_memberships", MembershipRepository.columns,
                m.map {
                    [
                        .uuid($0.accountID), .text($0.domain.rawValue), .uuid($0.teamID), .uuid($0.userID),
                        .text($0.role.rawValue), .timestamp($0.createdAt),
                    ]
                })
            let counts = try JSONValue.snapshot(result)
            try audit(tx, account, domain, actor, "directory.import", "directory", domain.rawValue, after: counts)
            return result
        }
    }

    /// Inserts rows with multi-row `INSERT … VALUES (…), (…)` statements of at most `importBatchRows` rows.
    static func insertRows(_ tx: Transaction, _ table: String, _ columns: String, _ rows: [[SQLValue]]) throws {
        guard let width = rows.first?.count else { return }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + importBatchRows, rows.count)]
            let tuples = (0..<chunk.count).map { r in
                "(" + (1...width).map { "$\(r * width + $0)" }.joined(separator: ", ") + ")"
            }
            try tx.execute(
                "INSERT INTO \(table) (\(columns)) VALUES \(tuples.joined(separator: ", "))", chunk.flatMap { $0 })
            start += chunk.count
        }
    }
}
