import Foundation

/// Organization memberships. The schema refuses one whose organization and user are not of the same account and
/// domain.
package struct OrganizationMembershipRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "account_id, domain, org_id, user_id, role, created_at, updated_at"

    /// Adds a membership, or changes its role when it exists.
    package func upsert(_ m: OrganizationMembership) throws {
        guard try tx.writeAccount() == m.accountID else { throw CockpitError.notFound("Account") }
        if try get(orgID: m.orgID, userID: m.userID, domain: m.domain) != nil {
            try tx.execute(
                """
                UPDATE organization_memberships SET role = $4, updated_at = $5
                WHERE account_id = $1 AND org_id = $2 AND user_id = $3
                """,
                [.uuid(m.accountID), .uuid(m.orgID), .uuid(m.userID), .text(m.role.rawValue), .timestamp(m.updatedAt)])
            return
        }
        try tx.execute(
            "INSERT INTO organization_memberships (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [
                .uuid(m.accountID), .text(m.domain.rawValue), .uuid(m.orgID), .uuid(m.userID), .text(m.role.rawValue),
                .timestamp(m.createdAt), .timestamp(m.updatedAt),
            ])
    }

    /// One membership, or nil.
    package func get(orgID: UUID, userID: UUID, domain: ProductDomain) throws -> OrganizationMembership? {
        var p: [SQLValue] = [.uuid(orgID), .uuid(userID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            """
            SELECT \(Self.columns) FROM organization_memberships
            WHERE org_id = $1 AND user_id = $2 AND domain = $3 AND \(cond)
            """, p
        ).map(Self.decode)
    }

    /// The members of an organization, oldest first (an organization's members are few: LiteLLM lists them whole).
    package func list(orgID: UUID, domain: ProductDomain, limit: Int = 10_000) throws -> [OrganizationMembership] {
        var p: [SQLValue] = [.uuid(orgID), .text(domain.rawValue), .int(Int64(limit))]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            """
            SELECT \(Self.columns) FROM organization_memberships WHERE org_id = $1 AND domain = $2 AND \(cond)
            ORDER BY created_at, user_id LIMIT $3
            """, p
        ).map(Self.decode)
    }

    /// Removes a membership; false when there was none.
    package func delete(orgID: UUID, userID: UUID, domain: ProductDomain) throws -> Bool {
        var p: [SQLValue] = [.uuid(orgID), .uuid(userID), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute(
            "DELETE FROM organization_memberships WHERE org_id = $1 AND user_id = $2 AND domain = $3 AND \(cond)", p)
            == 1
    }

    static func decode(_ r: SQLRow) throws -> OrganizationMembership {
        let role = try r.string("role")
        guard let parsed = OrganizationMemberRole(rawValue: role) else {
            throw CockpitError.invalid(field: "role", reason: "\(role) is not an organization member role")
        }
        return OrganizationMembership(
            accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r), orgID: try r.uuid("org_id"),
            userID: try r.uuid("user_id"), role: parsed, createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
