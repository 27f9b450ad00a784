import Foundation

/// Regenerating a key, resetting its spend, changing many keys at once and numbered pages of keys (LiteLLM's
/// `/key/regenerate`, `/key/reset_spend`, `/key/bulk_update` and `/key/list`).
extension KeyService {
    /// Replaces a key's secret (the old one stops working at once) and applies `change` to its fields in the same
    /// write, validated like an update; returns the new secret, shown once. `secret` is a caller-chosen new secret
    /// (`sk-…`); nil generates one.
    public func regenerate(
        account: UUID, _ reference: String, secret chosen: String? = nil,
        _ change: (@Sendable (inout VirtualKey) throws -> Void)? = nil
    ) async throws -> (key: VirtualKey, secret: String) {
        let actor = try context.changing(.manageKeys, in: account)
        if let chosen { try Self.checkSecret(chosen, field: "new_key") }
        let secret = chosen ?? KeyGenerator.newKey()
        let now = context.now()
        let (oldHash, key) = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try Self.lookup(reference, keys) else { throw CockpitError.notFound("key") }
            var after = before
            try change?(&after)
            (after.id, after.accountID, after.spend) = (before.id, before.accountID, before.spend)
            (after.createdAt, after.createdBy) = (before.createdAt, before.createdBy)
            after.keyHash = KeyGenerator.hash(secret)
            after.maskedKey = SecretBox.mask(secret)
            after.updatedAt = now
            if after.budgetDuration != before.budgetDuration { after.budgetResetAt = nil }
            after = try Self.validated(after, tx, now: now)
            if let clash = try keys.get(hash: after.keyHash), clash.id != before.id {
                throw CockpitError.conflict("a key with this secret already exists")
            }
            try keys.update(after)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                action: "key.regenerate", objectType: "virtual_key", objectID: before.id.lowercased,
                before: .snapshot(before), after: .snapshot(after), at: now)
            return (before.keyHash, after)
        }
        context.events.post(.keyChanged(hash: oldHash))
        return (key, secret)
    }

    /// Sets a key's spend to `value`, which must lie between 0 and both its current spend and its `max_budget`
    /// (LiteLLM's checks). Returns the key as it now is and the spend it had.
    public func resetSpend(
        account: UUID, _ reference: String, to value: Double
    ) async throws -> (
        key: VirtualKey, previous: Double
    ) {
        let actor = try context.changing(.manageKeys, in: account)
        guard value.isFinite, value >= 0 else {
            throw CockpitError.invalid(field: "reset_to", reason: "must be a number of at least 0")
        }
        let now = context.now()
        let (before, after) = try await context.write(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            guard let before = try Self.lookup(reference, keys) else { throw CockpitError.notFound("key") }
            guard value <= before.spend else {
                throw CockpitError.invalid(
                    field: "reset_to", reason: "(\(value)) must be <= current spend (\(before.spend))")
            }
            if let max = before.maxBudget, value > max {
                throw CockpitError.invalid(field: "reset_to", reason: "(\(value)) must be <= budget (\(max))")
            }
            try keys.setSpend(before.id, to: value, at: now)
            var after = before
            (after.spend, after.updatedAt) = (value, now)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: before.domain.map(AuditDomain.init) ?? .iam,
                action: "key.reset_spend", objectType: "virtual_key", objectID: before.id.lowercased,
                before: .snapshot(before), after: .snapshot(after), at: now)
            return (before, after)
        }
        context.events.post(.keyChanged(hash: before.keyHash))
        return (after, before.spend)
    }

    /// One item of a bulk update: the key it names and the change to make.
    public struct BulkChange: Sendable {
        public var reference: String
        /// The team the change moves the key to, checked with the keys before anything changes.
        public var teamID: UUID?
        public var change: @Sendable (inout VirtualKey) throws -> Void

        public init(
            reference: String, teamID: UUID? = nil, change: @escaping @Sendable (inout VirtualKey) throws -> Void
        ) {
            self.reference = reference
            self.teamID = teamID
            self.change = change
        }
    }

    /// Applies each change in its own write, as LiteLLM does: one that fails (a bad value) is reported with its
    /// reason and the others still apply. Every key and team named must exist first (404 changing nothing, as
    /// `/key/delete`), so an answer never tells another tenant's object from one that does not exist.
    public func bulkUpdate(account: UUID, _ changes: [BulkChange]) async throws -> [Result<VirtualKey, Error>] {
        _ = try context.changing(.manageKeys, in: account)
        try await context.read(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            let teams = TeamRepository(tx)
            for item in changes {
                guard try Self.lookup(item.reference, keys) != nil else { throw CockpitError.notFound("key") }
                if let team = item.teamID,
                    try ProductDomain.allCases.allSatisfy({ try teams.get(team, domain: $0) == nil })
                {
                    throw CockpitError.notFound("team")
                }
            }
        }
        var results: [Result<VirtualKey, Error>] = []
        for item in changes {
            do {
                results.append(.success(try await update(account: account, item.reference, item.change)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Page `page` (from 1) of `size` keys matching `filter`, oldest first, and the number of matching keys.
    public func page(
        account: UUID, _ filter: KeyFilter, page: Int, size: Int
    ) async throws -> (
        keys: [VirtualKey], total: Int64
    ) {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) {
            try VirtualKeyRepository($0).page(filter, page: page, size: size)
        }
    }

    /// The rule for a secret a caller chooses.
    static func checkSecret(_ secret: String, field: String) throws {
        guard secret.hasPrefix("sk-"), secret.utf8.count >= 20, secret.utf8.count <= 256,
            !secret.contains(where: \.isWhitespace)
        else {
            throw CockpitError.invalid(
                field: field, reason: "must start with sk- and hold 20 to 256 characters without spaces")
        }
    }
}
