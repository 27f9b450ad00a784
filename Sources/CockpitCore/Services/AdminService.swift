import Foundation

/// Account admins: list, add, change, remove. Every write is audited in its transaction.
public struct AdminService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// The admins of an account.
    public func list(account: UUID) async throws -> [AccountAdmin] {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            return try AdminRepository(tx).list(account: account)
        }
    }

    /// The roles an admin row may hold: cockpit's principals know one account-level admin role.
    public static let roles = ["account_admin"]

    /// Adds an admin; `.conflict` when the email already administers this account.
    public func add(account: UUID, email rawEmail: String, password: String?) async throws -> AccountAdmin {
        try await write(account: account, email: rawEmail, password: password, role: nil, replacing: false)
    }

    /// Adds an admin or, when the email already administers the account, sets its role (the body's, or
    /// `account_admin`) and its password when one is given: the original's `POST …/admins`.
    public func save(
        account: UUID, email rawEmail: String, password: String?, role: String?
    ) async throws -> AccountAdmin {
        try await write(account: account, email: rawEmail, password: password, role: role, replacing: true)
    }

    private func write(
        account: UUID, email rawEmail: String, password: String?, role: String?, replacing: Bool
    ) async throws -> AccountAdmin {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail, field: "user_email")
        let role = try Self.role(role)
        let hash: String? =
            if let password { try await PasswordHasher.hash(password, on: context.passwordPool) } else { nil }
        let now = context.now()
        defer { context.events.post(.adminChanged(account: account, email: email)) }
        return try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            let admins = AdminRepository(tx)
            let before = try admins.get(account: account, email: email)
            if let before {
                guard replacing else { throw CockpitError.conflict("\(email) is already an admin of this account") }
                try admins.update(email: email, role: role, passwordHash: hash.map { .some($0) }, at: now)
                let after = try admins.get(account: account, email: email) ?? before
                try AuditRepository(tx).record(
                    account: account, actor: actor, domain: .iam, action: "admin.update", objectType: "account_admin",
                    objectID: email, before: .snapshot(before), after: .snapshot(after), at: now)
                return after
            }
            let admin = try admins.insert(email: email, role: role, passwordHash: hash, at: now)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.add", objectType: "account_admin",
                objectID: email, after: .snapshot(admin), at: now)
            return admin
        }
    }

    /// Changes an admin: its email (`newEmail`; 409 when another admin of the account has it), its role (when given)
    /// and its password (nil leaves it; `clearPassword` removes local login).
    public func update(
        account: UUID, email rawEmail: String, newEmail rawNewEmail: String? = nil, role rawRole: String? = nil,
        password: String?, clearPassword: Bool = false
    ) async throws -> AccountAdmin {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail)
        let newEmail = try rawNewEmail.flatMap { $0.isEmpty ? nil : try Validation.email($0, field: "new_email") }
        let role = try rawRole.flatMap { $0.isEmpty ? nil : try Self.role($0) }
        let hash: String?? =
            if clearPassword { .some(nil) } else if let password {
                .some(try await PasswordHasher.hash(password, on: context.passwordPool))
            } else { nil }
        let now = context.now()
        defer {
            context.events.post(.adminChanged(account: account, email: email))
            if let newEmail { context.events.post(.adminChanged(account: account, email: newEmail)) }
        }
        return try await context.write(.account(account)) { tx in
            let admins = AdminRepository(tx)
            guard let before = try admins.get(account: account, email: email) else {
                throw CockpitError.notFound("Admin")
            }
            let moving = newEmail.flatMap { $0 == email ? nil : $0 }
            if let moving, try admins.get(account: account, email: moving) != nil {
                throw CockpitError.conflict("new_email already exists for this account")
            }
            try admins.update(
                email: email, newEmail: moving, role: role ?? before.role, passwordHash: hash, at: now)
            guard let after = try admins.get(account: account, email: moving ?? email) else {
                throw CockpitError.notFound("Admin")
            }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.update", objectType: "account_admin",
                objectID: after.id.lowercased, before: .snapshot(before), after: .snapshot(after), at: now)
            return after
        }
    }

    /// Removes an admin. The last admin of an account cannot be removed (the account would have no one to run it; the
    /// original allowed it, cockpit answers 409 and asks for another admin first).
    public func remove(account: UUID, email rawEmail: String) async throws {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail)
        let now = context.now()
        defer { context.events.post(.adminChanged(account: account, email: email)) }
        try await context.write(.account(account)) { tx in
            let admins = AdminRepository(tx)
            guard let before = try admins.get(account: account, email: email) else {
                throw CockpitError.notFound("Admin")
            }
            guard try admins.list(account: account).count > 1 else {
                throw CockpitError.conflict("\(email) is the last admin of this account; add another admin first")
            }
            try admins.delete(email: email)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.remove", objectType: "account_admin",
                objectID: before.id.lowercased, before: .snapshot(before), at: now)
        }
    }

    /// A role an admin may hold (`account_admin` when none is given); any other is refused by name.
    static func role(_ raw: String?) throws -> String {
        let role = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !role.isEmpty else { return "account_admin" }
        guard roles.contains(role) else {
            throw CockpitError.invalid(
                field: "role", reason: "must be \(roles.joined(separator: " or ")) (the admin roles cockpit has)")
        }
        return role
    }

    /// Checks an admin's password for local login: the account that email administers, when exactly one
    /// matches. Nil for a wrong password, an unknown email, or an admin without a password.
    ///
    /// The password work runs on `PasswordWorkPool` (503 when it is full), and an unknown email or an admin without a
    /// password costs one verification against a dummy hash, so the answer's timing does not tell them apart.
    /// No permission is checked: this is how a caller becomes a principal (the `Authenticator` calls it).
    public func authenticate(email rawEmail: String, password: String) async throws -> AccountAdmin? {
        guard let email = try? Validation.email(rawEmail) else {
            _ = try await context.passwordPool.run { PasswordHasher.verify(password, hash: PasswordHasher.dummyHash) }
            return nil
        }
        let candidates: [(AccountAdmin, String)] = try await context.read(.superAdmin) { tx in
            let admins = AdminRepository(tx)
            return try admins.accounts(forEmail: email).compactMap { account in
                guard let admin = try admins.get(account: account, email: email),
                    let hash = try admins.passwordHash(account: account, email: email)
                else { return nil }
                return (admin, hash)
            }
        }
        let matches = try await context.passwordPool.run { () -> [AccountAdmin] in
            if candidates.isEmpty { _ = PasswordHasher.verify(password, hash: PasswordHasher.dummyHash) }
            return candidates.filter { PasswordHasher.verify(password, hash: $0.1) }.map(\.0)
        }
        return matches.count == 1 ? matches[0] : nil
    }
}
