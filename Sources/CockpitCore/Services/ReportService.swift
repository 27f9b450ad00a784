import Foundation

/// Read-only views of an account's history: the audit trail and the spend breakdown.
public struct ReportService: Sendable {
    let context: ServiceContext
    public init(_ context: ServiceContext) { self.context = context }

    /// The account's audit trail, newest first; `domains` limits it (nil for all).
    public func audit(account: UUID, domain: AuditDomain? = nil, page: PageRequest = .first) async throws -> Page<AuditEntry> {
        try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("account") }
            return try AuditRepository(tx).list(account: account, domain: domain, page: page)
        }
    }

    /// Spend grouped by one dimension over `days` days ending today (UTC), optionally for one tree and owner.
    public func costs(account: UUID, by dimension: SpendRepository.Dimension, domain: ProductDomain? = nil, orgID: UUID? = nil,
                      teamID: UUID? = nil, userID: UUID? = nil, days: Int = 30) async throws -> [SpendRepository.Total] {
        guard (1...366).contains(days) else { throw CockpitError.invalid(field: "days", reason: "must be between 1 and 366") }
        let today = context.now()
        let from = Timestamp.day(today.addingTimeInterval(Double(1 - days) * 86_400)), to = Timestamp.day(today)
        var filters: [SpendRepository.Dimension: String] = [:]
        if let orgID { filters[.org] = orgID.lowercased }
        if let teamID { filters[.team] = teamID.lowercased }
        if let userID { filters[.user] = userID.lowercased }
        let fixed = filters
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("account") }
            return try SpendRepository(tx).breakdown(by: dimension, fromDay: from, toDay: to, domain: domain, filters: fixed)
        }
    }
}
