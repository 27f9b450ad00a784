import Foundation

/// The sealed columns of every table that keeps secrets, read and replaced by table directly, for re-sealing them
/// under another key (`SecretRotation`). This is system work spanning every tenant: it runs only in the super-admin
/// scope, changes nothing but the sealed column (and the connection's key id), and never decrypts anything itself.
package struct SealedSecretRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    /// One stored value: the column as stored and the `SecretBox` text in it (for SSO rows the sealed text sits
    /// inside a JSON object beside the secrets' key names; nil when that object cannot be read).
    package struct Row: Sendable, Equatable {
        package let id: UUID
        package let stored: String
        package let sealed: String?
    }

    /// A batch of rows of `place` after `after` in id order whose value is not sealed by `keyID`, and the id to
    /// continue after (nil when the table has been read to its end).
    package func pending(
        _ place: SealedSecretPlace, notSealedBy keyID: String, after: UUID?, limit: Int
    ) throws -> (rows: [Row], next: UUID?) {
        var p: [SQLValue] = []
        var conditions = ["\(Self.column(place)) IS NOT NULL"]
        if let condition = Self.notSealed(place, by: keyID, &p) { conditions.append(condition) }
        if let after { conditions.append("id > \(tx.bind(.uuid(after), &p))") }
        let scanned = try tx.query(
            """
            SELECT id, \(Self.column(place)) AS stored FROM \(place.table)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT \(max(1, limit))
            """, p)
        let rows = try scanned.map { r in
            let stored = try r.string("stored")
            return Row(id: try r.uuid("id"), stored: stored, sealed: place == .sso ? Self.inner(stored) : stored)
        }
        let next = scanned.count < max(1, limit) ? nil : rows.last?.id
        // SSO rows were not filtered in SQL: their key id is inside the JSON object.
        return (place == .sso ? rows.filter { $0.sealed.flatMap(SecretBox.keyID(of:)) != keyID } : rows, next)
    }

    /// How many values of `place` are not sealed by `keyID`.
    package func count(_ place: SealedSecretPlace, notSealedBy keyID: String) throws -> Int {
        var p: [SQLValue] = []
        guard let condition = Self.notSealed(place, by: keyID, &p) else {
            // SSO: the key id is inside a JSON object; there is one row per account at most.
            return try tx.query("SELECT sealed_settings FROM account_sso WHERE sealed_settings IS NOT NULL")
                .filter {
                    $0.optionalString("sealed_settings").flatMap(Self.inner).flatMap(SecretBox.keyID(of:)) != keyID
                }
                .count
        }
        let sql = "SELECT COUNT(*) AS n FROM \(place.table) WHERE \(Self.column(place)) IS NOT NULL AND \(condition)"
        return Int(try tx.queryOne(sql, p)?.int("n") ?? 0)
    }

    /// Replaces `row`'s value with `resealed` (sealed by `keyID`) if the row still holds what was read; false when it
    /// changed meanwhile (or is gone), which leaves it as it is.
    package func replace(_ place: SealedSecretPlace, _ row: Row, with resealed: String, keyID: String) throws -> Bool {
        guard tx.scope.isSuperAdmin else { throw CockpitError.forbidden("re-sealing secrets is system work") }
        let column = Self.column(place)
        let value = place == .sso ? try Self.rewrap(row.stored, resealed) : resealed
        let keyColumn = place == .connections ? ", secret_key_id = $4" : ""
        return try tx.execute(
            "UPDATE \(place.table) SET \(column) = $1\(keyColumn) WHERE id = $2 AND \(column) = $3",
            [.text(value), .uuid(row.id), .text(row.stored)] + (place == .connections ? [.text(keyID)] : [])) == 1
    }

    /// The sealed column of `place`.
    static func column(_ place: SealedSecretPlace) -> String {
        switch place {
        case .connections: "secret_sealed"
        case .providerCredentials: "credentials"
        case .sso: "sealed_settings"
        }
    }

    /// The SQL condition "not sealed by `keyID`" where the table shows it (nil for SSO, whose sealed text is inside
    /// JSON: decided per row).
    static func notSealed(_ place: SealedSecretPlace, by keyID: String, _ p: inout [SQLValue]) -> String? {
        guard place != .sso else { return nil }
        p.append(.text("enc:v2:\(keyID):%"))
        let prefix = "$\(p.count)"
        guard place == .connections else { return "credentials NOT LIKE \(prefix)" }
        p.append(.text(keyID))
        return "(secret_sealed NOT LIKE \(prefix) OR secret_key_id IS NULL OR secret_key_id <> $\(p.count))"
    }

    /// The sealed text inside an SSO row's JSON object (`{"keys": […], "sealed": "enc:…"}`).
    static func inner(_ stored: String) -> String? {
        guard case .object(let o)? = try? JSONValue.parse(stored) else { return nil }
        return o["sealed"]?.stringValue
    }

    /// The SSO row's JSON object with its sealed text replaced (the key names kept).
    static func rewrap(_ stored: String, _ resealed: String) throws -> String {
        guard case .object(var o) = try JSONValue.parse(stored) else {
            throw CockpitError.invalid(field: "sealed_settings", reason: "is not a JSON object")
        }
        o["sealed"] = .string(resealed)
        return JSONValue.object(o).encodedString
    }
}
