import Foundation

/// Budget enforcement: a request is admitted while the budget's spend plus the reservations in flight leave room;
/// it then reserves its estimated cost on every budget it falls under and settles the real cost after the call, so
/// concurrent requests cannot overshoot a budget by more than one request's estimate. What a subject has spent is the store's figure for the current period (reloaded every few
/// seconds, so other instances' spend counts) plus this instance's spend not yet written.
public final class BudgetLedger: @unchecked Sendable {
    struct Key: Hashable {
        var account: UUID
        var subject: BudgetSubject
        var id: String
        var model: String
    }

    struct State {
        var periodStart: Date?
        var stored: Double = 0
        var loadedAt: Date = .distantPast
        var unwritten: Double = 0
        var reserved: Double = 0
        var refreshing = false
    }

    /// What a request holds until it settles.
    public struct Reservation: Sendable {
        fileprivate let keys: [Key]
        public let estimate: Double
        /// Spend of the request's key in its current period, before this request (for `x-litellm-key-spend`).
        public let keySpend: Double?
        static let none = Reservation(keys: [], estimate: 0, keySpend: nil)
    }

    private let lock = NSLock()
    private var states: [Key: State] = [:]
    private var unwrittenByRequest: [String: (keys: [Key], cost: Double)] = [:]
    private let database: Database
    private let refreshAfter: TimeInterval
    private let now: @Sendable () -> Date

    package init(database: Database, refreshAfter: TimeInterval = 5, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.refreshAfter = refreshAfter
        self.now = now
    }

    /// Reserves `estimate` on every limit, or throws `budget_exceeded` naming the first budget it would pass.
    public func reserve(account: UUID, limits: [BudgetLimit], estimate: Double) async throws -> Reservation {
        guard !limits.isEmpty else { return .none }
        let at = now()
        // One pass under the lock decides which figures to (re)load; usually none.
        let loads = lock.withLock {
            limits.compactMap { limit in loadDecision(account, limit, at).map { (limit, $0) } }
        }
        for (limit, mustWait) in loads { try await load(account, limit, at, mustWait: mustWait) }
        return try lock.withLock {
            var keys: [Key] = []
            var keySpend: Double?
            for limit in limits {
                let key = Key(account: account, subject: limit.subject, id: limit.subjectID, model: limit.model)
                let s = states[key] ?? State()
                let spent = s.stored + s.unwritten
                if limit.subject == .key, limit.model.isEmpty { keySpend = spent }
                // Admitted while what is spent and reserved leaves room; the overshoot is at most one estimate.
                if spent + s.reserved >= limit.maxBudget {
                    if let credits = limit.credits { throw credits.refusal(spent: spent) }
                    if limit.subject == .customer {
                        // LiteLLM's words for an end user over its budget.
                        throw GatewayError.budgetExceeded(
                            "ExceededBudget: \(limit.label) over budget. Spend=\(spent), Budget=\(limit.maxBudget)")
                    }
                    throw GatewayError.budgetExceeded(
                        String(
                            format: "budget exceeded for %@: spent $%.6f of $%.6f%@", limit.label, spent,
                            limit.maxBudget, limit.period.map { " this \($0) period" } ?? ""))
                }
                keys.append(key)
            }
            for key in keys { states[key, default: State()].reserved += estimate }
            return Reservation(keys: keys, estimate: estimate, keySpend: keySpend)
        }
    }

    /// Releases the reservation and counts the real cost until the spend writer has stored it.
    public func settle(_ reservation: Reservation, cost: Double, requestID: String) {
        guard !reservation.keys.isEmpty else { return }
        lock.withLock {
            for key in reservation.keys {
                states[key]?.reserved -= reservation.estimate
                states[key]?.unwritten += cost
            }
            if cost > 0 { unwrittenByRequest[requestID] = (reservation.keys, cost) }
        }
    }

    /// The spend writer stored these rows: their cost moves from "unwritten" to the stored figure (which the next
    /// reload reads from the store anyway).
    public func recorded(_ logs: [SpendLog]) {
        lock.withLock {
            for log in logs {
                guard let entry = unwrittenByRequest.removeValue(forKey: log.requestID) else { continue }
                for key in entry.keys {
                    guard let u = states[key]?.unwritten else { continue }
                    states[key]?.unwritten = max(0, u - entry.cost)
                    states[key]?.stored += entry.cost
                }
            }
        }
    }

    /// Whether a subject's stored spend must be loaded before admitting (true: unknown, or its period rolled over),
    /// reloaded in the background (false: stale; only one request reloads it, the others go on with the last one),
    /// or neither (nil). Runs under the lock.
    private func loadDecision(_ account: UUID, _ limit: BudgetLimit, _ at: Date) -> Bool? {
        let key = Key(account: account, subject: limit.subject, id: limit.subjectID, model: limit.model)
        let start = limit.period?.start(of: at)
        let s = states[key]
        if s == nil || s?.periodStart != start {
            states[key] = State(periodStart: start, reserved: s?.reserved ?? 0, refreshing: true)
            return true
        }
        // A first load is still running: load too rather than count from 0.
        if s!.loadedAt == .distantPast { return true }
        if at.timeIntervalSince(s!.loadedAt) > refreshAfter, !s!.refreshing {
            states[key]?.refreshing = true
            return false
        }
        return nil
    }

    /// Loads a subject's stored spend, waiting for it (`mustWait`) or in the background.
    private func load(_ account: UUID, _ limit: BudgetLimit, _ at: Date, mustWait: Bool) async throws {
        let key = Key(account: account, subject: limit.subject, id: limit.subjectID, model: limit.model)
        let start = limit.period?.start(of: at)
        let refresh = { [database] in
            let stored = try await database.read(.account(account)) { tx in
                try limit.storedSpend(account: account, since: start, tx: tx)
            }
            self.lock.withLock {
                guard self.states[key]?.periodStart == start else { return }
                self.states[key]?.stored = stored
                self.states[key]?.loadedAt = at
                self.states[key]?.refreshing = false
            }
        }
        if mustWait {
            do { try await refresh() } catch {
                lock.withLock { states[key] = nil }
                throw error
            }
        } else {
            Task { do { try await refresh() } catch { self.lock.withLock { self.states[key]?.refreshing = false } } }
        }
    }
}
