import Foundation

/// Account lifecycle: create, list, read, update, suspend, restore, soft and hard delete. Super-admin use
/// cases; each write and its audit rows commit together or not at all.
public struct AccountService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// The name of the copilot organization every account starts with.
    public static let defaultCopilotOrganization = "global"

    /// Creates an account with its first admin (when one is named) and the copilot `global` organization.
    /// - Throws: `.invalid` for bad input, `.conflict` when the name or domain is taken.
    public func create(_ input: NewAccount) async throws -> AccountBundle {
        let actor = try context.changing(.superAdmin)
        let name = try Validation.name(input.name)
        let alias = try Validation.optionalName(input.alias, field: "account_alias")
        let domain = try Validation.domainName(input.domain)
        let maxBudget = try Validation.budget(input.maxBudget)
        let metadata = try Validation.metadata(input.metadata)
        let email = try input.adminEmail.flatMap { $0.isEmpty ? nil : try Validation.email($0, field: "admin_email") }
        let hash = try email == nil ? nil : input.adminPassword.map(PasswordHasher.hash)
        let now = context.now()
        let account = Account(
            id: UUID(), name: name, alias: alias, domain: domain, status: .active, deletedAt: nil, metadata: metadata,
            maxBudget: maxBudget, spend: 0, createdAt: now, updatedAt: now, createdBy: actor.name, updatedBy: actor.name
        )
        return try await context.write(.superAdmin) { tx in
            let accounts = AccountRepository(tx)
            try Self.checkUnique(accounts, name: name, domain: domain, except: nil)
            try accounts.insert(account)
            let audit = AuditRepository(tx)
            try audit.record(
                account: account.id, actor: actor, domain: .iam, action: "account.create", objectType: "account",
                objectID: account.id.lowercased, after: .snapshot(account), at: now)
            let scoped = try tx.narrowed(to: account.id)
            let admin = try email.map { email in
                let admin = try AdminRepository(scoped).insert(email: email, passwordHash: hash, at: now)
                try audit.record(
                    account: account.id, actor: actor, domain: .iam, action: "admin.add", objectType: "account_admin",
                    objectID: email, after: .snapshot(admin), at: now)
                return admin
            }
            let org = Organization(
                id: UUID(), accountID: account.id, domain: .copilot, name: Self.defaultCopilotOrganization,
                metadata: .emptyObject, maxBudget: nil, createdAt: now, updatedAt: now,
                description: "Default global organization", createdBy: actor.name, isDefaultGlobal: true)
            try OrganizationRepository(scoped).insert(org)
            try audit.record(
                account: account.id, actor: actor, domain: .copilot, action: "org.create", objectType: "organization",
                objectID: org.id.lowercased, after: .snapshot(org), at: now)
            return AccountBundle(
                account: account, admins: admin.map { [$0] } ?? [], organizationCounts: [.console: 0, .copilot: 1])
        }
    }

    /// Accounts in name order, optionally of one status; soft-deleted ones only when asked.
    public func list(
        status: AccountStatus? = nil, includeDeleted: Bool = false, page: PageRequest = .first
    ) async throws -> Page<Account> {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) {
            try AccountRepository($0).list(status: status, includeDeleted: includeDeleted, page: page)
        }
    }

    /// The accounts the caller may see, by name: every active or suspended account for a super-admin, the caller's own
    /// for anyone else.
    public func visible() async throws -> [Account] {
        if let own = context.caller.accountID, !context.caller.isSuperAdmin { return [try await get(own)] }
        return try await list(page: PageRequest(limit: PageRequest.maxLimit)).items.sorted { $0.name < $1.name }
    }

    /// One account with its admins and organization counts (super-admin).
    public func bundle(_ id: UUID) async throws -> AccountBundle {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            guard let account = try AccountRepository(tx).get(id) else { throw CockpitError.notFound("Account") }
            return try Self.bundle(of: account, tx)
        }
    }

    /// Accounts with their bundles (admins, SSO, settings), as the original's list answers them.
    public func bundles(
        status: AccountStatus? = nil, includeDeleted: Bool = false, page: PageRequest = .first
    ) async throws -> Page<AccountBundle> {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) { tx in
            let accounts = try AccountRepository(tx).list(status: status, includeDeleted: includeDeleted, page: page)
            return Page(items: try accounts.items.map { try Self.bundle(of: $0, tx) }, nextCursor: accounts.nextCursor)
        }
    }

    /// The bundle of an account read in `tx` (super-admin scope).
    static func bundle(of account: Account, _ tx: Transaction) throws -> AccountBundle {
        let id = account.id
        let orgs = OrganizationRepository(try tx.narrowed(to: id))
        return AccountBundle(
            account: account, admins: try AdminRepository(tx).list(account: id),
            organizationCounts: [
                .console: try orgs.count(domain: .console), .copilot: try orgs.count(domain: .copilot),
            ],
            sso: try AccountSSORepository(tx).get(account: id).map {
                try AccountSSOService.masked($0, keys: AccountSSOService.secretKeys($0.sealed))
            })
    }

    /// One account: any account for a super-admin, their own for its admins.
    public func get(_ id: UUID) async throws -> Account {
        try context.reading(.readAccount, in: id)
        return try await context.read(.account(id)) { tx in
            guard let account = try AccountRepository(tx).get(id) else { throw CockpitError.notFound("Account") }
            return account
        }
    }

    /// The account with this name (case-insensitive) or id text, for the CLI and the cockpit's `:account` command.
    public func resolve(_ nameOrID: String) async throws -> Account {
        try context.reading(.superAdmin)
        if let id = UUID(uuidString: nameOrID) { return try await get(id) }
        return try await context.read(.superAdmin) { tx in
            guard let account = try AccountRepository(tx).find(name: nameOrID) else {
                throw CockpitError.notFound("account \(nameOrID)")
            }
            return account
        }
    }

    /// Applies a patch.
    public func update(_ id: UUID, _ patch: AccountPatch) async throws -> Account {
        let actor = try context.changing(.superAdmin)
        let name = try patch.name.map { try Validation.name($0) }
        let alias = try patch.alias.map { try Validation.optionalName($0, field: "account_alias") }
        let domain = try patch.domain.map { try Validation.domainName($0) }
        let maxBudget = try patch.maxBudget.map { try Validation.budget($0) }
        let metadata = try patch.metadata.map { try Validation.metadata($0) }
        let now = context.now()
        return try await mutate(id, actor: actor, action: "account.update") { account in
            if let name { account.name = name }
            if let alias { account.alias = alias }
            if let domain { account.domain = domain }
            if let maxBudget { account.maxBudget = maxBudget }
            if let metadata { account.metadata = metadata }
            if let status = patch.status {
                account.status = status
                if status == .active { account.deletedAt = nil }
            }
            account.updatedAt = now
        }
    }

    /// Suspends (`.suspended`) or restores (`.active`) an account; restoring also undoes a soft delete.
    public func setStatus(_ id: UUID, _ status: AccountStatus) async throws -> Account {
        let actor = try context.changing(.superAdmin)
        let now = context.now()
        return try await mutate(id, actor: actor, action: status == .active ? "account.restore" : "account.suspend") {
            account in
            account.status = status
            if status == .active { account.deletedAt = nil }
            account.updatedAt = now
        }
    }

    /// Soft delete: the account is suspended and marked deleted; its data stays until a hard delete.
    public func softDelete(_ id: UUID) async throws -> Account {
        let actor = try context.changing(.superAdmin)
        let now = context.now()
        return try await mutate(id, actor: actor, action: "account.delete") { account in
            account.status = .suspended
            account.deletedAt = now
            account.updatedAt = now
        }
    }

    /// Removes the account and all its data in one transaction; `confirmName` must equal the account's name exactly.
    /// The record of the deletion stays in the audit log as a tombstone outside the deleted account (installation
    /// level: who, when, and the account as it was).
    public func hardDelete(_ id: UUID, confirmName: String) async throws {
        let actor = try context.changing(.superAdmin)
        let now = context.now()
        try await context.write(.superAdmin) { tx in
            let accounts = AccountRepository(tx)
            guard let account = try accounts.get(id) else { throw CockpitError.notFound("Account") }
            guard confirmName == account.name else {
                throw CockpitError.invalid(field: "confirm_name", reason: "must match account_name for hard delete")
            }
            let audit = AuditRepository(tx)
            try audit.deleteAll(account: id)
            try accounts.delete(id)
            try audit.record(
                account: nil, actor: actor, domain: .iam, action: "account.hard_delete", objectType: "account",
                objectID: id.lowercased, before: .snapshot(account), at: now)
        }
        context.events.post(.accountChanged(id))
    }

    /// Reads, changes and writes back one account with its audit row.
    func mutate(
        _ id: UUID, actor: Actor, action: String, _ change: @escaping @Sendable (inout Account) -> Void
    ) async throws -> Account {
        let updater = actor.name
        let updated = try await context.write(.superAdmin) { tx in
            let accounts = AccountRepository(tx)
            guard let before = try accounts.get(id) else { throw CockpitError.notFound("Account") }
            var after = before
            change(&after)
            after.updatedBy = updater
            try Self.checkUnique(accounts, name: after.name, domain: after.domain, except: id)
            try accounts.update(after)
            try AuditRepository(tx).record(
                account: id, actor: actor, domain: .iam, action: action, objectType: "account",
                objectID: id.lowercased, before: .snapshot(before), after: .snapshot(after), at: after.updatedAt)
            return after
        }
        context.events.post(.accountChanged(id))
        return updated
    }

    private static func checkUnique(_ accounts: AccountRepository, name: String, domain: String, except: UUID?) throws {
        if let other = try accounts.find(name: name), other.id != except {
            throw CockpitError.conflict("Account already exists")
        }
        if let other = try accounts.find(domain: domain), other.id != except {
            throw CockpitError.conflict("Domain already assigned to another account")
        }
    }
}
