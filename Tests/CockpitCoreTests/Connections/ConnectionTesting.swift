@testable import CockpitCore
import CockpitTesting
import Foundation

/// What the connection tests share: a core with a salt key (and, when asked, an allow-list), the plain secret they
/// look for everywhere, and the store's copy of a connection's sealed columns.
enum ConnectionTesting {
    static let saltKey = "connection-test-salt-key-0123456789"
    /// A secret value no answer, audit row or stored byte may ever show.
    static let plainSecret = "sk-PLAINTEXT-never-shown-4f1c"

    /// A core over `db` whose secrets are sealed with `saltKey` (none when `sealing` is false) and whose upstream
    /// allow-list is `allow`.
    static func cockpit(_ db: Database, sealing: Bool = true, allow: String? = nil) -> Cockpit {
        var environment: [String: String] = [:]
        if sealing { environment["LITELLM_SALT_KEY"] = saltKey }
        if let allow { environment["COCKPIT_UPSTREAM_ALLOW"] = allow }
        return Cockpit(settings: Settings(environment: environment, dotenvPath: nil), database: db)
    }

    /// The stored `secret_sealed` and `secret_key_id` of a connection, read around the services.
    static func sealedColumns(_ db: Database, _ c: Connection) async throws -> (sealed: String?, keyID: String?) {
        try await db.read(.account(c.accountID)) { tx in
            let row = try tx.queryOne(
                "SELECT secret_sealed, secret_key_id FROM copilot_connections WHERE id = $1", [.uuid(c.id)])
            return (row?.optionalString("secret_sealed"), row?.optionalString("secret_key_id"))
        }
    }
}
