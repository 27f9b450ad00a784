import Foundation

/// Teams of both trees. The schema ties a team to an organization of the same account and domain.
package struct TeamRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, domain, org_id, name, metadata, max_budget, created_at, updated_at, description, created_by, blocked"

    /// Inserts a team into the scope's account.
    package func insert(_ t: Team) throws {
        guard try tx.writeAccount() == t.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO teams (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            Self.values(t))
    }

    /// A team's row, in `columns` order (also what the directory import writes).
    static func values(_ t: Team) -> [SQLValue] {
        [
            .uuid(t.id), .uuid(t.accountID), .text(t.domain.rawValue), .uuid(t.orgID), .text(t.name),
            .json(t.metadata),
            .optional(t.maxBudget), .timestamp(t.createdAt), .timestamp(t.updatedAt), .optional(t.description),
            .text(t.createdBy), .bool(t.blocked),
        ]
    }

    /// The team, or nil when missing, of another domain, or outside the scope.
    package func get(_ id: UUID, domain: ProductDomain) throws -> Team? {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM teams WHERE id = $1 AND domain = $2 AND \(cond)", p).map(
            Self.decode)
    }

    /// The team of an organization with this name (case-insensitive).
    package func find(name: String, orgID: UUID) throws -> Team? {
        var p: [SQLValue] = [.uuid(orgID), .text(name.lowercased())]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM teams WHERE org_id = $1 AND lower(name) = $2 AND \(cond)", p
        )
        .map(Self.decode)
    }

    /// Teams of one domain in name order, optionally of one organization.
    package func list(domain: ProductDomain, orgID: UUID? = nil, page: PageRequest = .first) throws -> Page<Team> {
        var p: [SQLValue] = [.text(domain.rawValue)]
        var conditions = ["domain = $1", tx.tenantCondition("account_id", &p)]
        if let orgID { conditions.append("org_id = \(tx.bind(.uuid(orgID), &p))") }
        return try tx.keysetPage(
            columns: Self.columns, table: "teams", conditions: conditions, parameters: p, sortColumn: "name",
            page: page, decode: Self.decode, sortKey: \.name, id: { $0.id.lowercased })
    }

    /// Writes name, metadata, budget and update time back (a team never moves to another organization).
    package func update(_ t: Team) throws {
        var p: [SQLValue] = [
            .uuid(t.id), .text(t.domain.rawValue), .text(t.name), .json(t.metadata), .optional(t.maxBudget),
            .timestamp(t.updatedAt), .optional(t.description),
        ]
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                """
                UPDATE teams SET name = $3, metadata = $4, max_budget = $5, updated_at = $6, description = $7
                WHERE id = $1 AND domain = $2 AND \(cond)
                """, p) == 1
        else { throw CockpitError.notFound("team") }
    }

    /// Deletes the team with its memberships, grants and keys (cascade).
    package func delete(_ id: UUID, domain: ProductDomain) throws {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM teams WHERE id = $1 AND domain = $2 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("team")
        }
    }

    /// Team counts per organization for the given organizations (tree badges).
    package func counts(orgIDs: [UUID]) throws -> [UUID: Int] {
        guard !orgIDs.isEmpty else { return [:] }
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        let list = orgIDs.map { tx.bind(.uuid($0), &p) }.joined(separator: ", ")
        var out: [UUID: Int] = [:]
        for row in try tx.query(
            "SELECT org_id, count(*) AS n FROM teams WHERE \(cond) AND org_id IN (\(list)) GROUP BY org_id", p)
        {
            out[try row.uuid("org_id")] = Int(try row.int("n"))
        }
        return out
    }

    static func decode(_ r: SQLRow) throws -> Team {
        Team(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r),
            orgID: try r.uuid("org_id"),
            name: try r.string("name"), metadata: try r.json("metadata"), maxBudget: r.optionalDouble("max_budget"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            description: r.optionalString("description"), createdBy: try r.string("created_by"),
            blocked: try r.bool("blocked"))
    }

    /// Blocks or unblocks a team of the scope's account; false when there is no such team.
    package func setBlocked(_ id: UUID, domain: ProductDomain, blocked: Bool, at now: Date) throws -> Bool {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue), .bool(blocked), .timestamp(now)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute(
            "UPDATE teams SET blocked = $3, updated_at = $4 WHERE id = $1 AND domain = $2 AND \(cond)", p) == 1
    }

    /// True when the team exists and is blocked (read by the authenticator for a key's team).
    package func isBlocked(_ id: UUID) throws -> Bool {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT blocked FROM teams WHERE id = $1 AND \(cond)", p)?.bool("blocked") ?? false
    }
}
