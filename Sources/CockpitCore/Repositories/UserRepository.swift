import Foundation

/// Users of both trees, unique per (account, domain, email) and (account, domain, identity id).
package struct UserRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, domain, email, identity_user_id, display_name, role, metadata, max_budget, created_at, updated_at, "
        + "created_by"

    /// Inserts a user into the scope's account.
    package func insert(_ u: User) throws {
        guard try tx.writeAccount() == u.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO users (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            Self.values(u))
    }

    /// The user, or nil when missing, of another domain, or outside the scope.
    package func get(_ id: UUID, domain: ProductDomain) throws -> User? {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM users WHERE id = $1 AND domain = $2 AND \(cond)", p).map(
            Self.decode)
    }

    /// The user of the scope's account and domain with this email.
    package func find(email: String, domain: ProductDomain) throws -> User? {
        let account = try tx.writeAccount()
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM users WHERE account_id = $1 AND domain = $2 AND email = $3",
            [.uuid(account), .text(domain.rawValue), .text(email.lowercased())]
        ).map(Self.decode)
    }

    /// The user of the scope's account and domain with this identity-provider id.
    package func find(identityUserID: String, domain: ProductDomain) throws -> User? {
        let account = try tx.writeAccount()
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM users WHERE account_id = $1 AND domain = $2 AND identity_user_id = $3",
            [.uuid(account), .text(domain.rawValue), .text(identityUserID)]
        ).map(Self.decode)
    }

    /// Users of one domain in display-name order.
    package func list(domain: ProductDomain, page: PageRequest = .first) throws -> Page<User> {
        var p: [SQLValue] = [.text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.keysetPage(
            columns: Self.columns, table: "users", conditions: ["domain = $1", cond], parameters: p,
            sortColumn: "display_name",
            page: page, decode: Self.decode, sortKey: \.displayName, id: { $0.id.lowercased })
    }

    /// Users of one domain whose email or display name starts with `prefix` (emails compared lower-case), at most
    /// `limit`, emails first. Both lookups are index range scans, so this stays fast on 100,000 users.
    package func search(domain: ProductDomain, prefix: String, limit: Int = 20) throws -> [User] {
        guard !prefix.isEmpty else { return [] }
        var found: [User] = []
        for (column, text) in [("email", prefix.lowercased()), ("display_name", prefix)] {
            var p: [SQLValue] = [.text(domain.rawValue), .text(text), .text(text + "\u{10FFFF}")]
            let cond = tx.tenantCondition("account_id", &p)
            let rows = try tx.query(
                """
                SELECT \(Self.columns) FROM users WHERE domain = $1 AND \(column) >= $2 AND \(column) < $3
                  AND substr(\(column), 1, length($2)) = $2 AND \(cond)
                ORDER BY \(column), id LIMIT \(max(1, min(limit, 100)))
                """, p)
            for user in try rows.map(Self.decode) where !found.contains(where: { $0.id == user.id }) {
                found.append(user)
            }
        }
        return Array(found.prefix(limit))
    }

    /// Members of a team in display-name order, with their role.
    package func members(
        teamID: UUID, domain: ProductDomain, page: PageRequest = .first
    ) throws -> Page<(user: User, role: MembershipRole)> {
        var p: [SQLValue] = [.uuid(teamID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("m.account_id", &p)
        let cols = Self.columns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: ", ")
        var conditions = ["m.team_id = $1", "m.domain = $2", cond]
        if let cursor = page.cursor {
            let parts = try KeysetCursor.decode(cursor, parts: 2)
            conditions.append(
                "(u.display_name, u.id) > (\(tx.bind(.text(parts[0]), &p)), \(tx.bind(.text(parts[1]), &p)))")
        }
        let rows = try tx.query(
            """
            SELECT \(cols), m.role AS member_role FROM team_memberships m JOIN users u ON u.id = m.user_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY u.display_name, u.id LIMIT \(page.limit + 1)
            """, p)
        let items = try rows.prefix(page.limit).map { row -> (user: User, role: MembershipRole) in
            (try Self.decode(row), MembershipRole(rawValue: try row.string("member_role")) ?? .member)
        }
        let next =
            rows.count > page.limit
            ? items.last.map { KeysetCursor.encode([$0.user.displayName, $0.user.id.lowercased]) } : nil
        return Page(items: items, nextCursor: next)
    }

    /// Every team membership of one tree with its user, in (team, user) order: the whole tree's members in a few
    /// pages instead of one read per team.
    package func allMembers(
        domain: ProductDomain, page: PageRequest = .first
    ) throws
        -> Page<(teamID: UUID, user: User, role: MembershipRole)>
    {
        var p: [SQLValue] = [.text(domain.rawValue)]
        let cond = tx.tenantCondition("m.account_id", &p)
        let cols = Self.columns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: ", ")
        var conditions = ["m.domain = $1", cond]
        if let cursor = page.cursor {
            let parts = try KeysetCursor.decode(cursor, parts: 2)
            guard let team = UUID.fast(parts[0]), let user = UUID.fast(parts[1]) else {
                throw CockpitError.invalid(field: "cursor", reason: "is not a cursor this list gave")
            }
            conditions.append("(m.team_id, m.user_id) > (\(tx.bind(.uuid(team), &p)), \(tx.bind(.uuid(user), &p)))")
        }
        let rows = try tx.query(
            """
            SELECT \(cols), m.team_id AS member_team, m.role AS member_role FROM team_memberships m
            JOIN users u ON u.id = m.user_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY m.team_id, m.user_id LIMIT \(page.limit + 1)
            """, p)
        let items = try rows.prefix(page.limit).map { row -> (teamID: UUID, user: User, role: MembershipRole) in
            (
                try row.uuid("member_team"), try Self.decode(row),
                MembershipRole(rawValue: try row.string("member_role")) ?? .member
            )
        }
        let next =
            rows.count > page.limit
            ? items.last.map { KeysetCursor.encode([$0.teamID.lowercased, $0.user.id.lowercased]) } : nil
        return Page(items: items, nextCursor: next)
    }

    /// Writes every mutable field back.
    package func update(_ u: User) throws {
        var p = Array(Self.values(u).prefix(11))  // the creator never changes
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                """
                UPDATE users SET email = $4, identity_user_id = $5, display_name = $6, role = $7, metadata = $8, max_budget = $9,
                  created_at = $10, updated_at = $11 WHERE id = $1 AND account_id = $2 AND domain = $3 AND \(cond)
                """, p) == 1
        else { throw CockpitError.notFound("user") }
    }

    /// Deletes the user with memberships, grants and keys (cascade).
    package func delete(_ id: UUID, domain: ProductDomain) throws {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM users WHERE id = $1 AND domain = $2 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("user")
        }
    }

    static func values(_ u: User) -> [SQLValue] {
        [
            .uuid(u.id), .uuid(u.accountID), .text(u.domain.rawValue), .optional(u.email), .optional(u.identityUserID),
            .text(u.displayName), .text(u.role), .json(u.metadata), .optional(u.maxBudget), .timestamp(u.createdAt),
            .timestamp(u.updatedAt), .text(u.createdBy),
        ]
    }

    static func decode(_ r: SQLRow) throws -> User {
        User(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r),
            email: r.optionalString("email"),
            identityUserID: r.optionalString("identity_user_id"), displayName: try r.string("display_name"),
            role: try r.string("role"),
            metadata: try r.json("metadata"), maxBudget: r.optionalDouble("max_budget"),
            createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"), createdBy: try r.string("created_by"))
    }
}
