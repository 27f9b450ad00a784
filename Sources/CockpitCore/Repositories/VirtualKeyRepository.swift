import Foundation

/// Virtual keys. Lookup by hash is a cross-tenant read (the gateway does not know the account before it
/// has the key), so it needs the super-admin scope; everything else is limited to one account.
package struct VirtualKeyRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = """
        id, account_id, key_hash, key_alias, masked_key, domain, org_id, team_id, user_id, models, max_budget, soft_budget, \
        budget_duration, budget_reset_at, spend, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, allowed_routes, \
        metadata, expires_at, blocked, created_at, updated_at, created_by
        """

    /// Inserts a key into the scope's account.
    package func insert(_ k: VirtualKey) throws {
        guard try tx.writeAccount() == k.accountID else { throw CockpitError.notFound("Account") }
        let placeholders = (1...26).map { "$\($0)" }.joined(separator: ", ")
        try tx.execute("INSERT INTO virtual_keys (\(Self.columns)) VALUES (\(placeholders))", Self.values(k))
    }

    /// One key by id.
    package func get(_ id: UUID) throws -> VirtualKey? {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM virtual_keys WHERE id = $1 AND \(cond)", p).map(Self.decode)
    }

    /// One key by the SHA-256 of its secret, within the scope.
    package func get(hash: String) throws -> VirtualKey? {
        var p: [SQLValue] = [.text(hash)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM virtual_keys WHERE key_hash = $1 AND \(cond)", p).map(
            Self.decode)
    }

    /// Keys in creation order, optionally of one team or user.
    package func list(teamID: UUID? = nil, userID: UUID? = nil, page: PageRequest = .first) throws -> Page<VirtualKey> {
        var p: [SQLValue] = []
        var conditions = [tx.tenantCondition("account_id", &p)]
        if let teamID { conditions.append("team_id = \(tx.bind(.uuid(teamID), &p))") }
        if let userID { conditions.append("user_id = \(tx.bind(.uuid(userID), &p))") }
        return try tx.keysetPage(
            columns: Self.columns, table: "virtual_keys", conditions: conditions, parameters: p,
            sortColumn: "created_at",
            page: page, decode: Self.decode, sortKey: { Timestamp.format($0.createdAt) }, id: { $0.id.lowercased })
    }

    /// Writes every mutable field back (the hash changes only when the key is regenerated).
    package func update(_ k: VirtualKey) throws {
        var p = Self.values(k)
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                """
                UPDATE virtual_keys SET key_hash = $3, key_alias = $4, masked_key = $5, domain = $6, org_id = $7, team_id = $8,
                  user_id = $9, models = $10, max_budget = $11, soft_budget = $12, budget_duration = $13, budget_reset_at = $14,
                  spend = $15, tpm_limit = $16, rpm_limit = $17, max_parallel_requests = $18, model_max_budget = $19,
                  allowed_routes = $20, metadata = $21, expires_at = $22, blocked = $23, created_at = $24, updated_at = $25,
                  created_by = $26
                WHERE id = $1 AND account_id = $2 AND \(cond)
                """, p) == 1
        else { throw CockpitError.notFound("key") }
    }

    /// Deletes a key.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM virtual_keys WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("key")
        }
    }

    /// Adds spend to a key (the spend writer's settle step).
    package func addSpend(hash: String, amount: Double) throws {
        var p: [SQLValue] = [.text(hash), .double(amount)]
        let cond = tx.tenantCondition("account_id", &p)
        try tx.execute("UPDATE virtual_keys SET spend = spend + $2 WHERE key_hash = $1 AND \(cond)", p)
    }

    static func values(_ k: VirtualKey) -> [SQLValue] {
        [
            .uuid(k.id), .uuid(k.accountID), .text(k.keyHash), .optional(k.keyAlias), .text(k.maskedKey),
            .optional(k.domain?.rawValue),
            .optional(k.orgID), .optional(k.teamID), .optional(k.userID), .json(.array(k.models.map(JSONValue.string))),
            .optional(k.maxBudget), .optional(k.softBudget), .optional(k.budgetDuration), .optional(k.budgetResetAt),
            .double(k.spend),
            .optional(k.tpmLimit), .optional(k.rpmLimit), .optional(k.maxParallelRequests), .json(k.modelMaxBudget),
            .json(.array(k.allowedRoutes.map(JSONValue.string))), .json(k.metadata), .optional(k.expiresAt),
            .bool(k.blocked),
            .timestamp(k.createdAt), .timestamp(k.updatedAt), .text(k.createdBy),
        ]
    }

    static func decode(_ r: SQLRow) throws -> VirtualKey {
        VirtualKey(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), keyHash: try r.string("key_hash"),
            keyAlias: r.optionalString("key_alias"), maskedKey: try r.string("masked_key"),
            domain: r.optionalString("domain").flatMap(ProductDomain.init(rawValue:)), orgID: r.optionalUUID("org_id"),
            teamID: r.optionalUUID("team_id"), userID: r.optionalUUID("user_id"),
            models: try RowDecoding.strings(r, "models"),
            maxBudget: r.optionalDouble("max_budget"), softBudget: r.optionalDouble("soft_budget"),
            budgetDuration: r.optionalString("budget_duration"), budgetResetAt: r.optionalDate("budget_reset_at"),
            spend: try r.double("spend"), tpmLimit: r.optionalInt("tpm_limit"), rpmLimit: r.optionalInt("rpm_limit"),
            maxParallelRequests: r.optionalInt("max_parallel_requests"), modelMaxBudget: try r.json("model_max_budget"),
            allowedRoutes: try RowDecoding.strings(r, "allowed_routes"), metadata: try r.json("metadata"),
            expiresAt: r.optionalDate("expires_at"), blocked: try r.bool("blocked"),
            createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"), createdBy: try r.string("created_by"))
    }
}
