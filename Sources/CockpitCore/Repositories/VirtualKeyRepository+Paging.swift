import Foundation

/// Numbered pages of keys (LiteLLM's `page` and `size`): the page is read with LIMIT/OFFSET and the total with a
/// COUNT over the same conditions, so no list reads more rows than it answers with.
extension VirtualKeyRepository {
    /// The keys on page `page` (from 1) of `size`, oldest first, and how many keys match in all.
    package func page(_ filter: KeyFilter, page: Int, size: Int) throws -> (keys: [VirtualKey], total: Int64) {
        var p: [SQLValue] = []
        var conditions = [tx.tenantCondition("account_id", &p)]
        if let id = filter.userID { conditions.append("user_id = \(tx.bind(.uuid(id), &p))") }
        if let id = filter.teamID { conditions.append("team_id = \(tx.bind(.uuid(id), &p))") }
        if let id = filter.orgID { conditions.append("org_id = \(tx.bind(.uuid(id), &p))") }
        if let alias = filter.alias { conditions.append("key_alias = \(tx.bind(.text(alias), &p))") }
        if let hash = filter.keyHash { conditions.append("key_hash = \(tx.bind(.text(hash.lowercased()), &p))") }
        let whereSQL = conditions.joined(separator: " AND ")
        let total = try tx.queryOne("SELECT count(*) AS n FROM virtual_keys WHERE \(whereSQL)", p)?.int("n") ?? 0
        let size = min(max(size, 1), PageRequest.maxLimit)
        let offset = Int64(max(page, 1) - 1) * Int64(size)
        guard offset < total else { return ([], total) }
        let keys = try tx.query(
            """
            SELECT \(Self.columns) FROM virtual_keys WHERE \(whereSQL)
            ORDER BY created_at, id LIMIT \(size) OFFSET \(offset)
            """, p
        ).map(Self.decode)
        return (keys, total)
    }

    /// Sets a key's spend (LiteLLM's `/key/reset_spend`); the caller has checked the value.
    package func setSpend(_ id: UUID, to spend: Double, at now: Date) throws {
        var p: [SQLValue] = [.uuid(id), .double(spend), .timestamp(now)]
        let cond = tx.tenantCondition("account_id", &p)
        guard
            try tx.execute(
                "UPDATE virtual_keys SET spend = $2, updated_at = $3 WHERE id = $1 AND \(cond)", p) == 1
        else { throw CockpitError.notFound("key") }
    }
}
