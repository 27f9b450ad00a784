import Foundation

/// Installation-wide settings by key. Only the super-admin scope reads or writes them.
package struct SystemSettingsRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    /// The value of a setting, or nil.
    package func get(_ key: String) throws -> JSONValue? {
        guard tx.scope.isSuperAdmin else {
            throw CockpitError.forbidden("installation settings need the super-admin scope")
        }
        return try tx.queryOne("SELECT value FROM system_settings WHERE key = $1", [.text(key)]).map {
            try $0.json("value")
        }
    }

    /// Sets a setting.
    package func set(_ key: String, _ value: JSONValue, by actor: String, at: Date) throws {
        guard tx.scope.isSuperAdmin else {
            throw CockpitError.forbidden("installation settings need the super-admin scope")
        }
        try tx.execute(
            """
            INSERT INTO system_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, [.text(key), .json(value), .timestamp(at), .text(actor)])
    }
}
