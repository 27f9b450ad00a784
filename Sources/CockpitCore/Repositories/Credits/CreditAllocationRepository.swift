import Foundation

/// The allocations and overrides of budget plans.
package struct CreditAllocationRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let allocationColumns =
        "id, account_id, plan_id, scope_type, scope_id, allocated_credits, overflow_cap, source, created_by, created_at, updated_at"
    static let overrideColumns =
        "id, account_id, plan_id, scope_type, scope_id, override_credits, reason, created_by, created_at"

    /// Sets the allocation of a scope in a plan: a new row, or the existing one's credits, cap and source replaced
    /// (its id kept). Returns the stored row.
    @discardableResult
    package func upsert(_ a: CreditAllocation) throws -> CreditAllocation {
        guard try tx.writeAccount() == a.accountID else { throw CockpitError.notFound("Account") }
        let tree = Self.treeColumns(a.scope)
        let rows = try tx.query(
            """
            INSERT INTO credit_allocations (\(Self.allocationColumns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (plan_id, scope_type, scope_id) DO UPDATE SET allocated_credits = excluded.allocated_credits,
                overflow_cap = excluded.overflow_cap, source = excluded.source, updated_at = excluded.updated_at
            RETURNING \(Self.allocationColumns)
            """,
            [
                .uuid(a.id), .uuid(a.accountID), .uuid(a.planID), .text(a.scope.type.rawValue), .text(a.scope.id),
                .int(a.allocatedCredits), .optional(a.overflowCap), .text(a.source), .text(a.createdBy),
                .timestamp(a.createdAt), .timestamp(a.updatedAt), tree.org, tree.team, tree.user,
            ])
        return try rows.first.map(Self.decodeAllocation) ?? a
    }

    /// The allocation of one scope in a plan.
    package func allocation(plan: UUID, scope: CreditScope) throws -> CreditAllocation? {
        var p: [SQLValue] = [.uuid(plan), .text(scope.type.rawValue), .text(scope.id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.allocationColumns) FROM credit_allocations WHERE plan_id = $1 AND scope_type = $2 AND scope_id = $3 AND \(cond)",
            p
        ).map(Self.decodeAllocation)
    }

    /// A plan's allocations in creation order.
    package func allocations(plan: UUID) throws -> [CreditAllocation] {
        var p: [SQLValue] = [.uuid(plan)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.allocationColumns) FROM credit_allocations WHERE plan_id = $1 AND \(cond) ORDER BY created_at, id",
            p
        ).map(Self.decodeAllocation)
    }

    /// Inserts new rows in one statement per 200 (a renewal's copies: the plan is new, nothing conflicts).
    package func insertAll(_ rows: [CreditAllocation]) throws {
        for e in rows where try tx.writeAccount() != e.accountID { throw CockpitError.notFound("Account") }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + 200)]
            start += chunk.count
            var p: [SQLValue] = []
            var values: [String] = []
            for a in chunk {
                let base = p.count
                values.append("(" + (1...14).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                let tree = Self.treeColumns(a.scope)
                p += [
                    .uuid(a.id), .uuid(a.accountID), .uuid(a.planID), .text(a.scope.type.rawValue), .text(a.scope.id),
                    .int(a.allocatedCredits), .optional(a.overflowCap), .text(a.source), .text(a.createdBy),
                    .timestamp(a.createdAt), .timestamp(a.updatedAt), tree.org, tree.team, tree.user,
                ]
            }
            try tx.execute(
                "INSERT INTO credit_allocations (\(Self.allocationColumns), org_id, team_id, user_id) VALUES \(values.joined(separator: ", "))",
                p)
        }
    }

    /// A plan's allocations as the effective view and the usage need them (scope, credits, cap), with each scope's
    /// usage over every plan (`usage`), in creation order: one query, whatever the number of scopes.
    package func figures(plan: UUID, withUsage: Bool) throws -> [AllocationFigures] {
        var p: [SQLValue] = [.uuid(plan)]
        let cond = tx.tenantCondition("a.account_id", &p)
        let usage =
            withUsage
            ? """
            LEFT JOIN credit_usage u ON u.account_id = a.account_id AND u.plan_id = '\(CreditLedgerRepository.allPlans)'
                AND u.scope_type = a.scope_type AND u.scope_id = a.scope_id
            """ : ""
        return try tx.query(
            """
            SELECT a.scope_type, a.scope_id, a.allocated_credits, a.overflow_cap\(withUsage ? ", u.credits AS used" : "")
            FROM credit_allocations a \(usage) WHERE a.plan_id = $1 AND \(cond) ORDER BY a.created_at, a.id
            """, p
        ).map {
            AllocationFigures(
                scope: try Self.scope($0), allocated: try $0.int("allocated_credits"),
                overflowCap: $0.optionalInt("overflow_cap"), used: withUsage ? $0.optionalInt("used") ?? 0 : 0)
        }
    }

    /// Deletes the allocation of a scope in a plan; true when there was one.
    package func delete(plan: UUID, scope: CreditScope) throws -> Bool {
        var p: [SQLValue] = [.uuid(plan), .text(scope.type.rawValue), .text(scope.id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.execute(
            "DELETE FROM credit_allocations WHERE plan_id = $1 AND scope_type = $2 AND scope_id = $3 AND \(cond)", p)
            > 0
    }

    /// Inserts overrides (one statement each; a plan holds few).
    package func insertAll(_ rows: [CreditOverride]) throws { for o in rows { try insert(o) } }

    /// Inserts an override.
    package func insert(_ o: CreditOverride) throws {
        guard try tx.writeAccount() == o.accountID else { throw CockpitError.notFound("Account") }
        let tree = Self.treeColumns(o.scope)
        try tx.execute(
            """
            INSERT INTO credit_overrides (\(Self.overrideColumns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """,
            [
                .uuid(o.id), .uuid(o.accountID), .uuid(o.planID), .text(o.scope.type.rawValue), .text(o.scope.id),
                .int(o.overrideCredits), .optional(o.reason), .text(o.createdBy), .timestamp(o.createdAt),
                tree.org, tree.team, tree.user,
            ])
    }

    /// A plan's overrides in creation order (the newest of a scope last).
    package func overrides(plan: UUID) throws -> [CreditOverride] {
        var p: [SQLValue] = [.uuid(plan)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.overrideColumns) FROM credit_overrides WHERE plan_id = $1 AND \(cond) ORDER BY created_at, id",
            p
        ).map(Self.decodeOverride)
    }

    /// One override of the account by its id as sent (text that is no UUID names none).
    package func override(_ id: String) throws -> CreditOverride? {
        guard let uuid = UUID.fast(id) else { return nil }
        var p: [SQLValue] = [.uuid(uuid)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.overrideColumns) FROM credit_overrides WHERE id = $1 AND \(cond)", p)
            .map(Self.decodeOverride)
    }

    /// Deletes an override.
    package func deleteOverride(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        try tx.execute("DELETE FROM credit_overrides WHERE id = $1 AND \(cond)", p)
    }

    /// The organization, team and user columns that tie a scope to the copilot tree (all null for the pool).
    static func treeColumns(_ scope: CreditScope) -> (org: SQLValue, team: SQLValue, user: SQLValue) {
        let id = SQLValue.optional(scope.treeID)
        switch scope.type {
        case .org: return (id, .null, .null)
        case .team: return (.null, id, .null)
        case .user: return (.null, .null, id)
        case .pool: return (.null, .null, .null)
        }
    }

    static func scope(_ r: SQLRow) throws -> CreditScope {
        guard let type = CreditScopeType(rawValue: try r.string("scope_type")) else {
            throw StorageError.decoding(column: "scope_type", expected: "org, pool, team or user")
        }
        return CreditScope(type: type, id: try r.string("scope_id"))
    }

    static func decodeAllocation(_ r: SQLRow) throws -> CreditAllocation {
        CreditAllocation(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), planID: try r.uuid("plan_id"),
            scope: try scope(r), allocatedCredits: try r.int("allocated_credits"),
            overflowCap: r.optionalInt("overflow_cap"), source: try r.string("source"),
            createdBy: try r.string("created_by"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }

    static func decodeOverride(_ r: SQLRow) throws -> CreditOverride {
        CreditOverride(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), planID: try r.uuid("plan_id"),
            scope: try scope(r), overrideCredits: try r.int("override_credits"), reason: r.optionalString("reason"),
            createdBy: try r.string("created_by"), createdAt: try r.date("created_at"))
    }
}

extension CreditAllocationRepository {
    /// The names of organizations, teams and users of the copilot tree, keyed `type:id`: the organization's or team's
    /// name, the user's display name, else email. The pool and ids that name nothing are left out.
    package func names(of scopes: [CreditScope]) throws -> [String: String] {
        var names: [String: String] = [:]
        for (type, table, name) in [
            (CreditScopeType.org, "organizations", "name"), (.team, "teams", "name"),
            (.user, "users", "COALESCE(NULLIF(display_name, ''), email)"),
        ] {
            let ids = Array(Set(scopes.filter { $0.type == type }.compactMap(\.treeID)))
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(ids.count, start + 500)]
                start += chunk.count
                var p: [SQLValue] = []
                let cond = tx.tenantCondition("account_id", &p)
                let list = chunk.map { tx.bind(.uuid($0), &p) }.joined(separator: ", ")
                for r in try tx.query(
                    "SELECT id, \(name) AS name FROM \(table) WHERE domain = 'copilot' AND id IN (\(list)) AND \(cond)",
                    p)
                {
                    if let value = r.optionalString("name"), !value.isEmpty {
                        names["\(type.rawValue):\(try r.string("id"))"] = value
                    }
                }
            }
        }
        return names
    }
}

/// One allocation's figures: its scope, credits and cap, and (when asked) the scope's usage over every plan.
package struct AllocationFigures: Sendable {
    var scope: CreditScope
    var allocated: Int64
    var overflowCap: Int64?
    var used: Int64
}
