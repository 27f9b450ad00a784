import Foundation

/// Model allow/deny rows by scope. The schema ties org/team/user scopes to objects of the same account and domain.
package struct ModelGrantRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, domain, model_name, scope, org_id, team_id, user_id, effect, created_at, created_by"

    /// Adds a grant. Grants accumulate as in the original: several rows may hold one model at one scope, and at the
    /// deciding scope a deny beats an allow (`AccessResolution`).
    @discardableResult
    package func insert(_ g: ModelGrant) throws -> ModelGrant {
        guard try tx.writeAccount() == g.accountID else { throw CockpitError.notFound("Account") }
        let s = g.scope.columnValues
        try tx.execute(
            "INSERT INTO model_grants (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            [
                .uuid(g.id), .uuid(g.accountID), .text(g.domain.rawValue), .text(g.modelName), .text(g.scope.kind),
                s.org, s.team, s.user, .text(g.effect.rawValue), .timestamp(g.createdAt), .text(g.createdBy),
            ])
        return g
    }

    /// One grant by id.
    package func get(_ id: UUID) throws -> ModelGrant? {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM model_grants WHERE id = $1 AND \(cond)", p).map(Self.decode)
    }

    /// Grants of one domain, optionally only at the given scopes and for one model, newest first.
    package func list(
        domain: ProductDomain, scopes: [GrantScope]? = nil, modelName: String? = nil
    ) throws -> [ModelGrant] {
        var p: [SQLValue] = [.text(domain.rawValue)]
        var conditions = ["domain = $1", tx.tenantCondition("account_id", &p)]
        if let scopes { conditions.append(GrantScopeSQL.condition(scopes, tx, &p)) }
        if let modelName { conditions.append("model_name = \(tx.bind(.text(modelName), &p))") }
        return try tx.query(
            "SELECT \(Self.columns) FROM model_grants WHERE \(conditions.joined(separator: " AND ")) ORDER BY created_at DESC, id DESC",
            p
        )
        .map(Self.decode)
    }

    /// Deletes a grant.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = tx.tenantCondition("account_id", &p)
        guard try tx.execute("DELETE FROM model_grants WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("model grant")
        }
    }

    static func decode(_ r: SQLRow) throws -> ModelGrant {
        ModelGrant(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), domain: try RowDecoding.domain(r),
            modelName: try r.string("model_name"), scope: try RowDecoding.scope(r),
            effect: GrantEffect(rawValue: try r.string("effect")) ?? .deny, createdAt: try r.date("created_at"),
            createdBy: try r.string("created_by"))
    }
}

/// SQL for "the row's scope is one of these", shared by grants and entitlements.
enum GrantScopeSQL {
    static func condition(_ scopes: [GrantScope], _ tx: Transaction, _ p: inout [SQLValue]) -> String {
        guard !scopes.isEmpty else { return "1 = 0" }
        let parts = scopes.map { scope -> String in
            switch scope {
            case .account: "scope = 'account'"
            case .org(let id): "(scope = 'org' AND org_id = \(tx.bind(.uuid(id), &p)))"
            case .team(let id): "(scope = 'team' AND team_id = \(tx.bind(.uuid(id), &p)))"
            case .user(let id): "(scope = 'user' AND user_id = \(tx.bind(.uuid(id), &p)))"
            }
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }
}
