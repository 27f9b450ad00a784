import Foundation

/// Team memberships. The schema refuses a membership whose team and user are not of the same account and domain.
package struct MembershipRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "account_id, domain, team_id, user_id, role, created_at"

    /// Adds a membership, or changes its role when it exists; returns the previous role, if any.
    @discardableResult
    package func upsert(_ m: TeamMembership) throws -> MembershipRole? {
        guard try tx.writeAccount() == m.accountID else { throw CockpitError.notFound("Account") }
        let previous = try get(teamID: m.teamID, userID: m.userID, domain: m.domain)
        if let previous {
            try tx.execute(
                "UPDATE team_memberships SET role = $4 WHERE account_id = $1 AND team_id = $2 AND user_id = $3",
                [.uuid(m.accountID), .uuid(m.teamID), .uuid(m.userID), .text(m.role.rawValue)])
            return previous.role
        }
        try tx.execute(
            "INSERT INTO team_memberships (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                .uuid(m.accountID), .text(m.domain.rawValue), .uuid(m.teamID), .uuid(m.userID), .text(m.role.rawValue),
                .timestamp(m.createdAt),
            ])
        return nil
    }

    /// One membership, or nil.
    package func get(teamID: UUID, userID: UUID, domain: ProductDomain) throws -> TeamMembership? {
        var p: [SQLValue] = [.uuid(teamID), .uuid(userID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM team_memberships WHERE team_id = $1 AND user_id = $2 AND domain = $3 AND \(cond)",
            p
        )
        .map(Self.decode)
    }

    /// The memberships of a user.
    package func list(userID: UUID, domain: ProductDomain) throws -> [TeamMembership] {
        var p: [SQLValue] = [.uuid(userID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM team_memberships WHERE user_id = $1 AND domain = $2 AND \(cond) ORDER BY team_id",
            p
        )
        .map(Self.decode)
    }

    /// Removes a membership.
    package func delete(teamID: UUID, userID: UUID, domain: ProductDomain) throws {
        var p: [SQLValue] = [.uuid(teamID), .uuid(userID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                "DELETE FROM team_memberships WHERE team_id = $1 AND user_id = $2 AND domain = $3 AND \(cond)", p) == 1
        else {
            throw CockpitError.notFound("membership")
        }
    }

    /// Member counts per team for the given teams (tree badges).
    package func counts(teamIDs: [UUID]) throws -> [UUID: Int] {
        guard !teamIDs.isEmpty else { return [:] }
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        let list = teamIDs.map { tx.bind(.uuid($0), &p) }.joined(separator: ", ")
        var out: [UUID: Int] = [:]
        for row in try tx.query(
            "SELECT team_id, count(*) AS n FROM team_memberships WHERE \(cond) AND team_id IN (\(list)) GROUP BY team_id",
            p)
        {
            out[try row.uuid("team_id")] = Int(try row.int("n"))
        }
        return out
    }

    static func decode(_ r: SQLRow) throws -> TeamMembership {
        TeamMembership(
            accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r), teamID: try r.uuid("team_id"),
            userID: try r.uuid("user_id"), role: MembershipRole(rawValue: try r.string("role")) ?? .member,
            createdAt: try r.date("created_at"))
    }
}
