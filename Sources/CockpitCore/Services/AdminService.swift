import Foundation

/// Account admins: list, add, change, remove. Every write is audited in its transaction.
public struct AdminService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// The admins of an account.
    public func list(account: UUID) async throws -> [AccountAdmin] {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("account") }
            return try AdminRepository(tx).list(account: account)
        }
    }

    /// Adds an admin; `.conflict` when the email already administers this account.
    public func add(account: UUID, email rawEmail: String, password: String?) async throws -> AccountAdmin {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail)
        let hash: String? =
            if let password { try await PasswordHasher.hash(password, on: context.passwordPool) } else { nil }
        let now = context.now()
        return try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("account") }
            let admins = AdminRepository(tx)
            guard try admins.get(account: account, email: email) == nil else {
                throw CockpitError.conflict("\(email) is already an admin of this account")
            }
            let admin = try admins.insert(email: email, passwordHash: hash, at: now)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.add", objectType: "account_admin",
                objectID: email, after: .snapshot(admin), at: now)
            return admin
        }
    }

    /// Changes an admin's password (nil leaves it; `clearPassword` removes local login).
    public func update(
        account: UUID, email rawEmail: String, password: String?, clearPassword: Bool = false
    ) async throws -> AccountAdmin {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail)
        let hash: String?? =
            if clearPassword { .some(nil) } else if let password {
                .some(try await PasswordHasher.hash(password, on: context.passwordPool))
            } else { nil }
        let now = context.now()
        defer { context.events.post(.adminChanged(account: account, email: email)) }
        return try await context.write(.account(account)) { tx in
            let admins = AdminRepository(tx)
            guard let before = try admins.get(account: account, email: email) else {
                throw CockpitError.notFound("admin \(email)")
            }
            try admins.update(email: email, role: before.role, passwordHash: hash, at: now)
            guard let after = try admins.get(account: account, email: email) else {
                throw CockpitError.notFound("admin \(email)")
            }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.update", objectType: "account_admin",
                objectID: email, before: .snapshot(before), after: .snapshot(after), at: now)
            return after
        }
    }

    /// Removes an admin. The last admin of an account cannot be removed (the account would have no one to run it).
    public func remove(account: UUID, email rawEmail: String) async throws {
        let actor = try context.changing(.superAdmin)
        let email = try Validation.email(rawEmail)
        let now = context.now()
        defer { context.events.post(.adminChanged(account: account, email: email)) }
        try await context.write(.account(account)) { tx in
            let admins = AdminRepository(tx)
            guard let before = try admins.get(account: account, email: email) else {
                throw CockpitError.notFound("admin \(email)")
            }
            guard try admins.list(account: account).count > 1 else {
                throw CockpitError.conflict("\(email) is the last admin of this account; add another admin first")
            }
            try admins.delete(email: email)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "admin.remove", objectType: "account_admin",
                objectID: email, before: .snapshot(before), at: now)
        }
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
