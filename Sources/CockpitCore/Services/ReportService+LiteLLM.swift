import Foundation

/// The spend reads behind LiteLLM's `/spend/logs`, `/spend/logs/v2`, `/global/spend/report` and `/global/activity`.
extension ReportService {
    /// A per-day report and the names of the teams it groups by (team id → name; teams deleted since are left out).
    public struct DailyReport: Sendable {
        public var rows: [SpendReportRow]
        public var teamNames: [String: String]
    }

    /// Page `page` (from 1) of `size` spend rows between `filter.from` and `filter.to`, newest first, and how many
    /// match. `key` is a key's id, secret or hash (a deleted key's rows stay readable by hash or secret). A virtual
    /// key reads its own rows only (naming another key is refused); anyone else needs `.manageKeys`.
    public func spendLogPage(
        account: UUID, key reference: String?, _ filter: SpendLogFilter, page: Int, size: Int
    ) async throws -> (rows: [SpendLog], total: Int64) {
        let caller = context.caller
        let ownKey = caller.method == .virtualKey ? caller.keyID : nil
        try context.reading(ownKey == nil ? .manageKeys : .authenticated, in: account)
        guard filter.from <= filter.to else {
            throw CockpitError.invalid(field: "end_date", reason: "must not be before start_date")
        }
        return try await context.read(.account(account)) { tx in
            let keys = VirtualKeyRepository(tx)
            var f = filter
            if let reference {
                f.keyHash =
                    try KeyService.lookup(reference, keys)?.keyHash
                    ?? (reference.hasPrefix("sk-") ? KeyGenerator.hash(reference) : reference.lowercased())
            }
            if let ownKey {
                guard let mine = try keys.get(ownKey) else { throw CockpitError.notFound("key") }
                guard f.keyHash == nil || f.keyHash == mine.keyHash else {
                    throw CockpitError.forbidden("a key may only read its own spend")
                }
                f.keyHash = mine.keyHash
            }
            return try SpendRepository(tx).logs(f, page: page, size: size)
        }
    }

    /// Spend per day, group and model over days `from…to` (UTC, at most 366), optionally of one key (id, secret or
    /// hash), user or team. Account-wide, so it needs what the account's cost breakdown needs.
    public func dailyReport(
        account: UUID, by dimension: SpendDimension, from: Date, to: Date, key: String? = nil, userID: UUID? = nil,
        teamID: UUID? = nil
    ) async throws -> DailyReport {
        try context.reading(.readAudit, in: account)
        let (fromDay, toDay) = try Self.days(from, to)
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            var filters: [SpendDimension: String] = [:]
            if let key {
                filters[.key] =
                    try KeyService.lookup(key, VirtualKeyRepository(tx))?.keyHash
                    ?? (key.hasPrefix("sk-") ? KeyGenerator.hash(key) : key.lowercased())
            }
            if let userID { filters[.user] = userID.lowercased }
            if let teamID { filters[.team] = teamID.lowercased }
            let rows = try SpendRepository(tx).dailyReport(
                by: dimension, fromDay: fromDay, toDay: toDay, filters: filters)
            var names: [String: String] = [:]
            if dimension == .team {
                let teams = TeamRepository(tx)
                for row in rows where names[row.group] == nil {
                    guard let id = UUID(uuidString: row.group), let domain = ProductDomain(rawValue: row.domain),
                        let team = try teams.get(id, domain: domain)
                    else { continue }
                    names[row.group] = team.name
                }
            }
            return DailyReport(rows: rows, teamNames: names)
        }
    }

    /// Requests and tokens per day over days `from…to` (UTC, at most 366), days without requests left out.
    public func activity(
        account: UUID, from: Date, to: Date
    ) async throws -> [(
        day: String, requests: Int64, tokens: Int64
    )] {
        try context.reading(.readAudit, in: account)
        let (fromDay, toDay) = try Self.days(from, to)
        return try await context.read(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            return try SpendRepository(tx).activity(fromDay: fromDay, toDay: toDay)
        }
    }

    /// A range of whole UTC days, checked: the end not before the start, 366 days at most.
    static func days(_ from: Date, _ to: Date) throws -> (String, String) {
        guard from <= to else { throw CockpitError.invalid(field: "end_date", reason: "must not be before start_date") }
        guard to.timeIntervalSince(from) < 366 * 86_400 else {
            throw CockpitError.invalid(field: "end_date", reason: "must be at most 366 days after start_date")
        }
        return (Timestamp.day(from), Timestamp.day(to))
    }
}
