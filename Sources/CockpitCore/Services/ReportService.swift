import Foundation

/// Read-only views of an account's history: the audit trail and the spend breakdown.
public struct ReportService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// The account's audit trail, newest first; `domains` limits it (nil for all).
    public func audit(
        account: UUID, domain: AuditDomain? = nil, page: PageRequest = .first, offset: Int = 0
    ) async throws -> Page<AuditEntry> {
        try context.reading(.readAudit, in: account)
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            return try AuditRepository(tx).list(account: account, domain: domain, page: page, offset: offset)
        }
    }

    /// Spend grouped by one dimension over `days` days ending today (UTC), optionally for one tree and owner.
    public func costs(
        account: UUID, by dimension: SpendDimension, domain: ProductDomain? = nil, orgID: UUID? = nil,
        teamID: UUID? = nil, userID: UUID? = nil, days: Int = 30
    ) async throws -> [SpendTotal] {
        try context.reading(domain.map(Permission.readCosts) ?? .readAudit, in: account)
        guard (1...366).contains(days) else {
            throw CockpitError.invalid(field: "days", reason: "must be between 1 and 366")
        }
        let today = context.now()
        let from = Timestamp.day(today.addingTimeInterval(Double(1 - days) * 86_400)), to = Timestamp.day(today)
        var filters: [SpendDimension: String] = [:]
        if let orgID { filters[.org] = orgID.lowercased }
        if let teamID { filters[.team] = teamID.lowercased }
        if let userID { filters[.user] = userID.lowercased }
        let fixed = filters
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            return try SpendRepository(tx).breakdown(
                by: dimension, fromDay: from, toDay: to, domain: domain, filters: fixed)
        }
    }

    /// Spend log rows from `from` to `to`, newest first, at most `limit` (1…500), optionally of one key (its id, secret
    /// or hash). A virtual key reads its own rows only (naming another key is refused); anyone else needs `.manageKeys`.
    public func spendLogs(
        account: UUID, key reference: String? = nil, from: Date, to: Date, limit: Int = 100
    ) async throws -> [SpendLog] {
        let caller = context.caller
        let ownKey = caller.method == .virtualKey ? caller.keyID : nil
        if ownKey == nil {
            try context.reading(.manageKeys, in: account)
        } else {
            try context.reading(.authenticated, in: account)
        }
        guard (1...PageRequest.maxLimit).contains(limit) else {
            throw CockpitError.invalid(field: "limit", reason: "must be between 1 and \(PageRequest.maxLimit)")
        }
        return try await context.read(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            var hash: String?
            if let reference {  // the rows of a deleted key stay readable by its hash or secret
                hash =
                    try KeyService.lookup(reference, keys)?.keyHash
                    ?? (reference.hasPrefix("sk-") ? KeyGenerator.hash(reference) : reference.lowercased())
            }
            if let ownKey {
                guard let mine = try keys.get(ownKey) else { throw CockpitError.notFound("key") }
                guard hash == nil || hash == mine.keyHash else {
                    throw CockpitError.forbidden("a key may only read its own spend")
                }
                hash = mine.keyHash
            }
            return try SpendRepository(tx).logs(from: from, to: to, keyHash: hash, limit: limit)
        }
    }
}
