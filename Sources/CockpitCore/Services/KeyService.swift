import Foundation

/// What a new virtual key gets: owners, allowed models, limits.
public struct NewKey: Sendable {
    public var alias: String?
    public var domain: ProductDomain?
    public var orgID: UUID?
    public var teamID: UUID?
    public var userID: UUID?
    public var models: [String]
    public var maxBudget: Double?
    public var budgetDuration: String?
    public var rpmLimit: Int64?
    public var tpmLimit: Int64?
    public var expiresAt: Date?
    public var metadata: JSONValue?

    public init(alias: String? = nil, domain: ProductDomain? = nil, orgID: UUID? = nil, teamID: UUID? = nil, userID: UUID? = nil,
                models: [String] = [], maxBudget: Double? = nil, budgetDuration: String? = nil, rpmLimit: Int64? = nil,
                tpmLimit: Int64? = nil, expiresAt: Date? = nil, metadata: JSONValue? = nil) {
        self.alias = alias
        self.domain = domain
        self.orgID = orgID
        self.teamID = teamID
        self.userID = userID
        self.models = models
        self.maxBudget = maxBudget
        self.budgetDuration = budgetDuration
        self.rpmLimit = rpmLimit
        self.tpmLimit = tpmLimit
        self.expiresAt = expiresAt
        self.metadata = metadata
    }
}

/// Virtual keys of an account: generate (the secret is returned once), list, block, unblock, delete.
public struct KeyService: Sendable {
    let context: ServiceContext
    public init(_ context: ServiceContext) { self.context = context }

    /// Generates a key; the returned secret is the only time it exists outside the caller's hands.
    public func generate(account: UUID, _ input: NewKey, actor: Actor) async throws -> (key: VirtualKey, secret: String) {
        let alias = try Validation.optionalName(input.alias, field: "key_alias")
        let maxBudget = try Validation.budget(input.maxBudget)
        let metadata = try Validation.metadata(input.metadata)
        let period = try input.budgetDuration.map { try BudgetPeriod($0) }
        for (value, field) in [(input.rpmLimit, "rpm_limit"), (input.tpmLimit, "tpm_limit")] where (value ?? 0) < 0 {
            throw CockpitError.invalid(field: field, reason: "must be at least 0")
        }
        if input.domain == nil, input.orgID != nil || input.teamID != nil || input.userID != nil {
            throw CockpitError.invalid(field: "domain", reason: "is required when the key belongs to an org, team or user")
        }
        let secret = KeyGenerator.newKey()
        let now = context.now()
        let key = VirtualKey(
            id: UUID(), accountID: account, keyHash: KeyGenerator.hash(secret), keyAlias: alias, maskedKey: SecretBox.mask(secret),
            domain: input.domain, orgID: input.orgID, teamID: input.teamID, userID: input.userID, models: input.models,
            maxBudget: maxBudget, softBudget: nil, budgetDuration: period?.description,
            budgetResetAt: period?.end(of: now), spend: 0,
            tpmLimit: input.tpmLimit, rpmLimit: input.rpmLimit, maxParallelRequests: nil, modelMaxBudget: .emptyObject,
            allowedRoutes: [], metadata: metadata, expiresAt: input.expiresAt, blocked: false, createdAt: now, updatedAt: now,
            createdBy: actor.name)
        try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("account") }
            if let domain = input.domain {
                if let id = input.teamID, try TeamRepository(tx).get(id, domain: domain) == nil { throw CockpitError.notFound("team") }
                if let id = input.userID, try UserRepository(tx).get(id, domain: domain) == nil { throw CockpitError.notFound("user") }
                if let id = input.orgID, try OrganizationRepository(tx).get(id, domain: domain) == nil { throw CockpitError.notFound("organization") }
            }
            try VirtualKeyRepository(tx).insert(key)
            try AuditRepository(tx).record(account: account, actor: actor, domain: input.domain.map(AuditDomain.init) ?? .iam,
                                           action: "key.generate", objectType: "virtual_key", objectID: key.id.lowercased,
                                           after: .snapshot(key), at: now)
        }
        return (key, secret)
    }

    /// Keys of an account, oldest first, optionally of one team or user.
    public func list(account: UUID, teamID: UUID? = nil, userID: UUID? = nil, page: PageRequest = .first) async throws -> Page<VirtualKey> {
        try await context.read(.account(account)) { try VirtualKeyRepository($0).list(teamID: teamID, userID: userID, page: page) }
    }

    /// Blocks or unblocks a key; a blocked key is refused by the gateway.
    public func setBlocked(account: UUID, id: UUID, blocked: Bool, actor: Actor) async throws -> VirtualKey {
        let now = context.now()
        let updated = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try keys.get(id) else { throw CockpitError.notFound("key") }
            var after = before
            after.blocked = blocked
            after.updatedAt = now
            try keys.update(after)
            try AuditRepository(tx).record(account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                                           action: blocked ? "key.block" : "key.unblock", objectType: "virtual_key",
                                           objectID: id.lowercased, before: .snapshot(before), after: .snapshot(after), at: now)
            return after
        }
        context.events.post(.keyChanged(hash: updated.keyHash))
        return updated
    }

    /// Deletes a key.
    public func delete(account: UUID, id: UUID, actor: Actor) async throws {
        let now = context.now()
        let hash = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try keys.get(id) else { throw CockpitError.notFound("key") }
            try keys.delete(id)
            try AuditRepository(tx).record(account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                                           action: "key.delete", objectType: "virtual_key", objectID: id.lowercased,
                                           before: .snapshot(before), at: now)
            return before.keyHash
        }
        context.events.post(.keyChanged(hash: hash))
    }
}
