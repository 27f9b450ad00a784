import Foundation

/// An account's SSO row: plain settings as JSON, secret settings as one sealed JSON object (`SecretBox`).
package struct AccountSSORepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    /// The stored row: the row with plain settings only, and the sealed secrets (nil when none).
    package struct Stored {
        package var row: AccountSSO
        package var sealed: String?
    }

    static let columns = "account_id, id, sso_provider, enabled, settings, sealed_settings, created_at, updated_at"

    /// The account's row, or nil.
    package func get(account: UUID) throws -> Stored? {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM account_sso WHERE account_id = $1 AND \(cond)", p).map {
            r in
            Stored(
                row: AccountSSO(
                    id: try r.uuid("id"), accountID: try r.uuid("account_id"),
                    provider: r.optionalString("sso_provider"), enabled: try r.bool("enabled"),
                    settings: try r.json("settings").objectValue ?? [:], createdAt: try r.date("created_at"),
                    updatedAt: try r.date("updated_at")),
                sealed: r.optionalString("sealed_settings"))
        }
    }

    /// Inserts or replaces the scope account's row.
    package func upsert(_ stored: Stored) throws {
        let account = try tx.writeAccount()
        let r = stored.row
        try tx.execute(
            """
            INSERT INTO account_sso (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (account_id) DO UPDATE SET sso_provider = excluded.sso_provider, enabled = excluded.enabled,
                settings = excluded.settings, sealed_settings = excluded.sealed_settings, updated_at = excluded.updated_at
            """,
            [
                .uuid(account), .uuid(r.id ?? UUID()), .optional(r.provider), .bool(r.enabled),
                .json(.object(r.settings)), .optional(stored.sealed), .timestamp(r.createdAt ?? Date()),
                .timestamp(r.updatedAt ?? Date()),
            ])
    }

    /// Deletes the scope account's row; false when it had none.
    package func delete() throws -> Bool {
        try tx.execute("DELETE FROM account_sso WHERE account_id = $1", [.uuid(try tx.writeAccount())]) == 1
    }
}
