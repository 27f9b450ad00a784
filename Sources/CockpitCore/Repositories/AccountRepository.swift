import Foundation

/// Accounts. An account scope sees only its own row; the super-admin scope sees all.
package struct AccountRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, name, alias, domain, status, deleted_at, metadata, max_budget, spend, created_at, updated_at, created_by, updated_by"

    /// Inserts a new account (super-admin scope, or the scope of the account itself).
    package func insert(_ a: Account) throws {
        guard tx.scope.covers(a.id) else { throw CockpitError.forbidden("account scope does not cover this account") }
        try tx.execute(
            """
            INSERT INTO accounts (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, Self.values(a))
    }

    /// The account, or nil when it does not exist or is outside the scope.
    package func get(_ id: UUID) throws -> Account? {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM accounts WHERE id = $1 AND \(cond)", p).map(Self.decode)
    }

    /// The account whose name matches, case-insensitively.
    package func find(name: String) throws -> Account? {
        var p: [SQLValue] = [.text(name.lowercased())]
        let cond = tx.tenantCondition("id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM accounts WHERE lower(name) = $1 AND \(cond)", p).map(
            Self.decode)
    }

    /// The account whose email domain matches, case-insensitively.
    package func find(domain: String) throws -> Account? {
        var p: [SQLValue] = [.text(domain.lowercased())]
        let cond = tx.tenantCondition("id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM accounts WHERE lower(domain) = $1 AND \(cond)", p).map(
            Self.decode)
    }

    /// The account whose metadata names this Zitadel organization (`zitadel.organization_id`).
    package func find(zitadelOrganizationID id: String) throws -> Account? {
        var p: [SQLValue] = [.text(id)]
        let cond = tx.tenantCondition("id", &p)
        let field =
            tx.dialect == .postgres
            ? "metadata->'zitadel'->>'organization_id'" : "json_extract(metadata, '$.zitadel.organization_id')"
        return try tx.queryOne("SELECT \(Self.columns) FROM accounts WHERE \(field) = $1 AND \(cond)", p).map(
            Self.decode)
    }

    /// Accounts in name order, optionally of one status; `includeDeleted` adds soft-deleted ones.
    package func list(
        status: AccountStatus? = nil, includeDeleted: Bool = false, page: PageRequest = .first
    ) throws -> Page<Account> {
        var p: [SQLValue] = []
        var conditions = [tx.tenantCondition("id", &p)]
        if let status { conditions.append("status = \(tx.bind(.text(status.rawValue), &p))") }
        if !includeDeleted { conditions.append("deleted_at IS NULL") }
        return try tx.keysetPage(
            columns: Self.columns, table: "accounts", conditions: conditions, parameters: p, sortColumn: "lower(name)",
            page: page, decode: Self.decode, sortKey: { $0.name.lowercased() }, id: { $0.id.lowercased })
    }

    /// Writes every field of the account back.
    package func update(_ a: Account) throws {
        var p = Self.values(a)
        let cond = tx.tenantCondition("id", &p)
        let n = try tx.execute(
            """
            UPDATE accounts SET name = $2, alias = $3, domain = $4, status = $5, deleted_at = $6, metadata = $7,
              max_budget = $8, spend = $9, created_at = $10, updated_at = $11, created_by = $12, updated_by = $13
            WHERE id = $1 AND \(cond)
            """, p)
        guard n == 1 else { throw CockpitError.notFound("Account") }
    }

    /// Removes the account row; every tenant table cascades from it.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("id", &p)
        guard try tx.execute("DELETE FROM accounts WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("Account")
        }
    }

    static func values(_ a: Account) -> [SQLValue] {
        [
            .uuid(a.id), .text(a.name), .optional(a.alias), .text(a.domain), .text(a.status.rawValue),
            .optional(a.deletedAt),
            .json(a.metadata), .optional(a.maxBudget), .double(a.spend), .timestamp(a.createdAt),
            .timestamp(a.updatedAt),
            .text(a.createdBy), .text(a.updatedBy),
        ]
    }

    static func decode(_ r: SQLRow) throws -> Account {
        guard let status = AccountStatus(rawValue: try r.string("status")) else {
            throw StorageError.decoding(column: "status", expected: "active or suspended")
        }
        return Account(
            id: try r.uuid("id"), name: try r.string("name"), alias: r.optionalString("alias"),
            domain: try r.string("domain"),
            status: status, deletedAt: r.optionalDate("deleted_at"), metadata: try r.json("metadata"),
            maxBudget: r.optionalDouble("max_budget"), spend: try r.double("spend"),
            createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"), createdBy: try r.string("created_by"),
            updatedBy: try r.string("updated_by"))
    }
}
