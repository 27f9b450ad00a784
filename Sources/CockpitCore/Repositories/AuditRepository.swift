import Foundation

/// The audit log. `record` runs inside the transaction of the write it describes: if it fails, so does the write.
package struct AuditRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, at, actor, auth_method, domain, action, object_type, object_id, before, after, request_id"

    /// Appends one entry. `account` must be inside the scope (nil only under the super-admin scope).
    package func record(
        account: UUID?, actor: Actor, domain: AuditDomain, action: String, objectType: String, objectID: String,
        before: JSONValue? = nil, after: JSONValue? = nil, at: Date = .storeNow
    ) throws {
        guard tx.scope.covers(account), account != nil || tx.scope.isSuperAdmin else {
            throw CockpitError.accountContextRequired
        }
        try tx.execute(
            """
            INSERT INTO audit_log (account_id, at, actor, auth_method, domain, action, object_type, object_id, before, after, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            [
                .optional(account), .timestamp(at), .text(actor.name), .text(actor.authMethod), .text(domain.rawValue),
                .text(action),
                .text(objectType), .text(objectID), before.map(SQLValue.json) ?? .null,
                after.map(SQLValue.json) ?? .null,
                .optional(actor.requestID),
            ])
    }

    /// Entries newest first, optionally of one account and audit domain; the cursor is the last id seen.
    package func list(
        account: UUID? = nil, domain: AuditDomain? = nil, page: PageRequest = .first, offset: Int = 0
    ) throws -> Page<AuditEntry> {
        var p: [SQLValue] = []
        var conditions = [tx.tenantCondition("account_id", &p)]
        if let account { conditions.append("account_id = \(tx.bind(.uuid(account), &p))") }
        if let domain { conditions.append("domain = \(tx.bind(.text(domain.rawValue), &p))") }
        if let cursor = page.cursor {
            guard let last = Int64(try KeysetCursor.decode(cursor, parts: 1)[0]) else {
                throw CockpitError.invalid(field: "cursor", reason: "is not a valid page cursor")
            }
            conditions.append("id < \(tx.bind(.int(last), &p))")
        }
        let rows = try tx.query(
            "SELECT \(Self.columns) FROM audit_log WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT \(page.limit + 1) OFFSET \(max(0, offset))",
            p)
        let items = try rows.prefix(page.limit).map(Self.decode)
        let next = rows.count > page.limit ? items.last.map { KeysetCursor.encode([String($0.id)]) } : nil
        return Page(items: items, nextCursor: next)
    }

    /// Removes the audit trail of an account (part of a hard delete, before the deletion itself is recorded).
    package func deleteAll(account: UUID) throws {
        guard tx.scope.covers(account) else { throw CockpitError.notFound("Account") }
        try tx.execute("DELETE FROM audit_log WHERE account_id = $1", [.uuid(account)])
    }

    static func decode(_ r: SQLRow) throws -> AuditEntry {
        func optionalJSON(_ c: String) throws -> JSONValue? { r[c].isNull ? nil : try r.json(c) }
        return AuditEntry(
            id: try r.int("id"), accountID: r.optionalUUID("account_id"), at: try r.date("at"),
            actor: try r.string("actor"),
            authMethod: try r.string("auth_method"), domain: AuditDomain(rawValue: try r.string("domain")) ?? .iam,
            action: try r.string("action"), objectType: try r.string("object_type"),
            objectID: try r.string("object_id"),
            before: try optionalJSON("before"), after: try optionalJSON("after"),
            requestID: r.optionalString("request_id"))
    }
}
