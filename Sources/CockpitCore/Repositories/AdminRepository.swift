import Foundation

/// Account admins, keyed by (account, lower-case email).
package struct AdminRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "id, account_id, email, role, password_hash, created_at, created_by, updated_at"

    /// Adds an admin to the scope's account.
    package func insert(
        email: String, role: String = "account_admin", passwordHash: String?, createdBy: String = "super_admin",
        at: Date
    ) throws -> AccountAdmin {
        let account = try tx.writeAccount()
        let id = UUID()
        try tx.execute(
            "INSERT INTO account_admins (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $6)",
            [
                .uuid(id), .uuid(account), .text(email), .text(role), .optional(passwordHash), .timestamp(at),
                .text(createdBy),
            ])
        return AccountAdmin(
            id: id, accountID: account, email: email, role: role, hasPassword: passwordHash != nil, createdAt: at,
            createdBy: createdBy, updatedAt: at)
    }

    /// The admins of an account, newest first (empty for an account outside the scope).
    package func list(account: UUID) throws -> [AccountAdmin] {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM account_admins WHERE account_id = $1 AND \(cond) ORDER BY created_at DESC, email",
            p
        )
        .map(Self.decode)
    }

    /// One admin of an account.
    package func get(account: UUID, email: String) throws -> AccountAdmin? {
        try row(account: account, email: email).map(Self.decode)
    }

    /// The stored password hash of an admin (for login only; never shown).
    package func passwordHash(account: UUID, email: String) throws -> String? {
        try row(account: account, email: email)?.optionalString("password_hash")
    }

    /// What an admin's sessions are bound to (`SessionTokens.credentialVersion` of the password hash and the session
    /// epoch): a new or removed password, or a logout, changes it and so ends every session issued before. Nil when
    /// the admin does not exist in the scope.
    package func credentialVersion(account: UUID, email: String) throws -> String? {
        var p: [SQLValue] = [.uuid(account), .text(email.lowercased())]
        let cond = tx.tenantCondition("account_id", &p)
        guard
            let r = try tx.queryOne(
                "SELECT password_hash, session_epoch FROM account_admins WHERE account_id = $1 AND email = $2 AND \(cond)",
                p)
        else { return nil }
        return SessionTokens.credentialVersion(
            secret: r.optionalString("password_hash") ?? "", epoch: r.optionalInt("session_epoch") ?? 0)
    }

    /// Ends every session of an admin (a logout): the session epoch moves on.
    package func endSessions(email: String) throws {
        let account = try tx.writeAccount()
        guard
            try tx.execute(
                "UPDATE account_admins SET session_epoch = session_epoch + 1 WHERE account_id = $1 AND email = $2",
                [.uuid(account), .text(email.lowercased())]) == 1
        else { throw CockpitError.notFound("admin \(email)") }
    }

    /// Every account an email administers, for login routing (super-admin scope sees all).
    package func accounts(forEmail email: String) throws -> [UUID] {
        var p: [SQLValue] = [.text(email.lowercased())]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query("SELECT account_id FROM account_admins WHERE email = $1 AND \(cond) ORDER BY account_id", p)
            .map { try $0.uuid("account_id") }
    }

    /// Changes the email (`newEmail`), the role and, when given, the password hash of an admin.
    package func update(email: String, newEmail: String? = nil, role: String, passwordHash: String??, at: Date) throws {
        let account = try tx.writeAccount()
        var p: [SQLValue] = [.uuid(account), .text(email), .text(role), .timestamp(at)]
        var set = "role = $3, updated_at = $4"
        if let newEmail { set += ", email = \(tx.bind(.text(newEmail), &p))" }
        if let passwordHash { set += ", password_hash = \(tx.bind(.optional(passwordHash), &p))" }
        guard try tx.execute("UPDATE account_admins SET \(set) WHERE account_id = $1 AND email = $2", p) == 1 else {
            throw CockpitError.notFound("Admin")
        }
    }

    /// Removes an admin.
    package func delete(email: String) throws {
        let account = try tx.writeAccount()
        guard
            try tx.execute(
                "DELETE FROM account_admins WHERE account_id = $1 AND email = $2", [.uuid(account), .text(email)]) == 1
        else { throw CockpitError.notFound("Admin") }
    }

    private func row(account: UUID, email: String) throws -> SQLRow? {
        var p: [SQLValue] = [.uuid(account), .text(email.lowercased())]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.columns) FROM account_admins WHERE account_id = $1 AND email = $2 AND \(cond)", p)
    }

    static func decode(_ r: SQLRow) throws -> AccountAdmin {
        AccountAdmin(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), email: try r.string("email"),
            role: try r.string("role"), hasPassword: r.optionalString("password_hash") != nil,
            createdAt: try r.date("created_at"), createdBy: try r.string("created_by"),
            updatedAt: try r.date("updated_at"))
    }
}
