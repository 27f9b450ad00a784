import Foundation

/// What a new virtual key gets: owners, allowed models, limits (LiteLLM's `/key/generate` fields).
public struct NewKey: Sendable {
    public var alias: String?
    public var domain: ProductDomain?
    public var orgID: UUID?
    public var teamID: UUID?
    public var userID: UUID?
    public var models: [String]
    public var maxBudget: Double?
    public var softBudget: Double?
    public var budgetDuration: String?
    public var rpmLimit: Int64?
    public var tpmLimit: Int64?
    public var maxParallelRequests: Int64?
    /// `{"model": {"budget_limit": 1.0, "time_period": "1d"}}`.
    public var modelMaxBudget: JSONValue?
    public var allowedRoutes: [String]
    public var expiresAt: Date?
    public var blocked: Bool
    public var metadata: JSONValue?
    /// A caller-chosen secret (`sk-…`, LiteLLM's `key`); nil generates one.
    public var secret: String?

    public init(
        alias: String? = nil, domain: ProductDomain? = nil, orgID: UUID? = nil, teamID: UUID? = nil,
        userID: UUID? = nil,
        models: [String] = [], maxBudget: Double? = nil, softBudget: Double? = nil, budgetDuration: String? = nil,
        rpmLimit: Int64? = nil, tpmLimit: Int64? = nil, maxParallelRequests: Int64? = nil,
        modelMaxBudget: JSONValue? = nil,
        allowedRoutes: [String] = [], expiresAt: Date? = nil, blocked: Bool = false, metadata: JSONValue? = nil,
        secret: String? = nil
    ) {
        self.alias = alias
        self.domain = domain
        self.orgID = orgID
        self.teamID = teamID
        self.userID = userID
        self.models = models
        self.maxBudget = maxBudget
        self.softBudget = softBudget
        self.budgetDuration = budgetDuration
        self.rpmLimit = rpmLimit
        self.tpmLimit = tpmLimit
        self.maxParallelRequests = maxParallelRequests
        self.modelMaxBudget = modelMaxBudget
        self.allowedRoutes = allowedRoutes
        self.expiresAt = expiresAt
        self.blocked = blocked
        self.metadata = metadata
        self.secret = secret
    }
}

/// Virtual keys of an account: generate (the secret is returned once), look up, update, regenerate, list, block,
/// unblock, delete. Every write is validated by one rule set and audited.
public struct KeyService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// Generates a key; the returned secret is the only time it exists outside the caller's hands.
    public func generate(account: UUID, _ input: NewKey) async throws -> (key: VirtualKey, secret: String) {
        let actor = try context.changing(.manageKeys, in: account)
        if let custom = input.secret {
            guard custom.hasPrefix("sk-"), custom.utf8.count >= 20, custom.utf8.count <= 256,
                !custom.contains(where: \.isWhitespace)
            else {
                throw CockpitError.invalid(
                    field: "key", reason: "must start with sk- and hold 20 to 256 characters without spaces")
            }
        }
        let secret = input.secret ?? KeyGenerator.newKey()
        let now = context.now()
        let draft = VirtualKey(
            id: UUID(), accountID: account, keyHash: KeyGenerator.hash(secret), keyAlias: input.alias,
            maskedKey: SecretBox.mask(secret),
            domain: input.domain, orgID: input.orgID, teamID: input.teamID, userID: input.userID, models: input.models,
            maxBudget: input.maxBudget, softBudget: input.softBudget, budgetDuration: input.budgetDuration,
            budgetResetAt: nil, spend: 0,
            tpmLimit: input.tpmLimit, rpmLimit: input.rpmLimit, maxParallelRequests: input.maxParallelRequests,
            modelMaxBudget: input.modelMaxBudget ?? .emptyObject, allowedRoutes: input.allowedRoutes,
            metadata: input.metadata ?? .emptyObject,
            expiresAt: input.expiresAt, blocked: input.blocked, createdAt: now, updatedAt: now, createdBy: actor.name)
        let key = try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            let checked = try Self.validated(draft, tx, now: now)
            let keys = VirtualKeyRepository(tx)
            if try keys.get(hash: checked.keyHash) != nil {
                throw CockpitError.conflict("a key with this secret already exists")
            }
            try keys.insert(checked)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: checked.domain.map(AuditDomain.init) ?? .iam,
                action: "key.generate", objectType: "virtual_key", objectID: checked.id.lowercased,
                after: .snapshot(checked), at: now)
            return checked
        }
        return (key, secret)
    }

    /// Changes a key: `change` edits a copy, which is then validated like a new key and written with an audit row.
    public func update(
        account: UUID, _ reference: String, _ change: @escaping @Sendable (inout VirtualKey) throws -> Void
    )
        async throws -> VirtualKey
    {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let updated = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try Self.lookup(reference, keys) else { throw CockpitError.notFound("key") }
            var after = before
            try change(&after)
            (after.id, after.accountID, after.keyHash, after.maskedKey, after.spend) = (
                before.id, before.accountID, before.keyHash, before.maskedKey, before.spend
            )
            after.createdAt = before.createdAt
            after.createdBy = before.createdBy
            after.updatedAt = now
            if after.budgetDuration != before.budgetDuration { after.budgetResetAt = nil }
            after = try Self.validated(after, tx, now: now)
            try keys.update(after)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                action: "key.update", objectType: "virtual_key", objectID: before.id.lowercased,
                before: .snapshot(before), after: .snapshot(after), at: now)
            return (before.keyHash, after)
        }
        context.events.post(.keyChanged(hash: updated.0))
        return updated.1
    }

    /// The one rule set for a key's fields; fills the tree (`domain`) from its owners when unset.
    static func validated(_ key: VirtualKey, _ tx: Transaction, now: Date) throws -> VirtualKey {
        var k = key
        k.keyAlias = try Validation.optionalName(k.keyAlias, field: "key_alias")
        k.maxBudget = try Validation.budget(k.maxBudget)
        k.softBudget = try Validation.budget(k.softBudget, field: "soft_budget")
        k.metadata = try Validation.metadata(k.metadata)
        let period = try k.budgetDuration.map { try BudgetPeriod($0) }
        k.budgetDuration = period?.description
        k.budgetResetAt = period?.end(of: now)
        for (value, field) in [
            (k.rpmLimit, "rpm_limit"), (k.tpmLimit, "tpm_limit"), (k.maxParallelRequests, "max_parallel_requests"),
        ]
        where (value ?? 0) < 0 {
            throw CockpitError.invalid(field: field, reason: "must be at least 0")
        }
        for model in k.models { _ = try Validation.name(model, field: "models") }
        for route in k.allowedRoutes { _ = try Validation.name(route, field: "allowed_routes") }
        for model in (k.modelMaxBudget.objectValue ?? [:]).keys { _ = try k.modelBudget(model) }
        if k.domain == nil, k.orgID != nil || k.teamID != nil || k.userID != nil {
            k.domain = try ProductDomain.allCases.first { domain in
                try [
                    k.teamID.map { try TeamRepository(tx).get($0, domain: domain) != nil },
                    k.userID.map { try UserRepository(tx).get($0, domain: domain) != nil },
                    k.orgID.map { try OrganizationRepository(tx).get($0, domain: domain) != nil },
                ].compactMap { $0 }.allSatisfy { $0 }
            }
            if k.domain == nil { throw CockpitError.notFound("team, user or organization") }
        }
        if let domain = k.domain {
            if let id = k.teamID, try TeamRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("team")
            }
            if let id = k.userID, try UserRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("user")
            }
            if let id = k.orgID, try OrganizationRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("organization")
            }
        }
        return k
    }

    /// Blocks or unblocks a key; a blocked key is refused by the gateway.
    public func setBlocked(account: UUID, id: UUID, blocked: Bool) async throws -> VirtualKey {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let updated = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try keys.get(id) else { throw CockpitError.notFound("key") }
            var after = before
            after.blocked = blocked
            after.updatedAt = now
            try keys.update(after)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                action: blocked ? "key.block" : "key.unblock", objectType: "virtual_key",
                objectID: id.lowercased, before: .snapshot(before), after: .snapshot(after), at: now)
            return after
        }
        context.events.post(.keyChanged(hash: updated.keyHash))
        return updated
    }

    /// Deletes a key.
    public func delete(account: UUID, id: UUID) async throws {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let hash = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try keys.get(id) else { throw CockpitError.notFound("key") }
            try keys.delete(id)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                action: "key.delete", objectType: "virtual_key", objectID: id.lowercased,
                before: .snapshot(before), at: now)
            return before.keyHash
        }
        context.events.post(.keyChanged(hash: hash))
    }
}
