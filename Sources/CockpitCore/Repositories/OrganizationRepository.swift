import Foundation

/// Organizations of both trees; every call names its domain.
package struct OrganizationRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, domain, name, metadata, max_budget, created_at, updated_at, description, created_by, "
        + "is_default_global"

    /// Inserts an organization into the scope's account.
    package func insert(_ o: Organization) throws {
        guard try tx.writeAccount() == o.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO organizations (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            Self.values(o))
    }

    /// An organization's row, in `columns` order (also what the directory import writes).
    static func values(_ o: Organization) -> [SQLValue] {
        [
            .uuid(o.id), .uuid(o.accountID), .text(o.domain.rawValue), .text(o.name), .json(o.metadata),
            .optional(o.maxBudget), .timestamp(o.createdAt), .timestamp(o.updatedAt), .optional(o.description),
            .text(o.createdBy), .bool(o.isDefaultGlobal),
        ]
    }

    /// The organization, or nil when missing, of another domain, or outside the scope.
    package func get(_ id: UUID, domain: ProductDomain) throws -> Organization? {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM organizations WHERE id = $1 AND domain = $2 AND \(cond)", p)
            .map(Self.decode)
    }

    /// The organization of the scope's account with this name (case-insensitive).
    package func find(name: String, domain: ProductDomain) throws -> Organization? {
        let account = try tx.writeAccount()
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM organizations WHERE account_id = $1 AND domain = $2 AND lower(name) = $3",
            [.uuid(account), .text(domain.rawValue), .text(name.lowercased())]
        ).map(Self.decode)
    }

    /// Organizations of one domain in name order.
    package func list(domain: ProductDomain, page: PageRequest = .first) throws -> Page<Organization> {
        var p: [SQLValue] = [.text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.keysetPage(
            columns: Self.columns, table: "organizations", conditions: ["domain = $1", cond], parameters: p,
            sortColumn: "name", page: page, decode: Self.decode, sortKey: \.name, id: { $0.id.lowercased })
    }

    /// Writes name, metadata, budget and update time back.
    package func update(_ o: Organization) throws {
        var p: [SQLValue] = [
            .uuid(o.id), .text(o.domain.rawValue), .text(o.name), .json(o.metadata), .optional(o.maxBudget),
            .timestamp(o.updatedAt), .optional(o.description),
        ]
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                """
                UPDATE organizations SET name = $3, metadata = $4, max_budget = $5, updated_at = $6, description = $7
                WHERE id = $1 AND domain = $2 AND \(cond)
                """, p) == 1
        else { throw CockpitError.notFound("organization") }
    }

    /// Deletes the organization with its teams, memberships and grants (cascade).
    package func delete(_ id: UUID, domain: ProductDomain) throws {
        var p: [SQLValue] = [.uuid(id), .text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM organizations WHERE id = $1 AND domain = $2 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("organization")
        }
    }

    /// The number of organizations of one domain in the scope.
    package func count(domain: ProductDomain) throws -> Int {
        var p: [SQLValue] = [.text(domain.rawValue)]
        let cond = tx.tenantCondition("account_id", &p)
        return Int(
            try tx.queryOne("SELECT count(*) AS n FROM organizations WHERE domain = $1 AND \(cond)", p)?.int("n") ?? 0)
    }

    static func decode(_ r: SQLRow) throws -> Organization {
        Organization(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r),
            name: try r.string("name"), metadata: try r.json("metadata"), maxBudget: r.optionalDouble("max_budget"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            description: r.optionalString("description"), createdBy: try r.string("created_by"),
            isDefaultGlobal: try r.bool("is_default_global"))
    }
}
