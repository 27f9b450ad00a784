import Foundation
import Logging

/// The one writer of spend rows: requests hand their row over (no store work on the request path); a loop writes
/// them in batches. While the store is unreachable rows wait in memory up to `maxBuffered`, then go to a spill file
/// (JSON lines) that is replayed when the store returns. Recording is idempotent per request id, so a replayed row
/// is never counted twice.
public final class SpendWriter: @unchecked Sendable {
    private let database: Database
    let logger: Logger
    private let lock = NSLock()
    private var buffer: [SpendLog] = []
    private var flushing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let batchSize: Int
    private let maxBuffered: Int
    private let interval: TimeInterval
    /// Where rows go when memory is full and the store is down.
    public let spillPath: String
    private var listeners: [@Sendable ([SpendLog]) -> Void] = []
    private var storeDown = false
    /// The last flush took longer than the interval: the CPU is too busy for idle-priority writes to keep up.
    private var fellBehind = false
    private var deadLettered = 0

    /// - Parameters:
    ///   - interval: seconds between batches (LiteLLM's `proxy_batch_write_at`); short batches keep the pause each one causes short.
    ///   - maxBuffered: rows kept in memory before they spill to the file.
    package init(
        database: Database, spillPath: String, interval: TimeInterval = 1, batchSize: Int = 5_000,
        maxBuffered: Int = 100_000,
        logger: Logger = Logger(label: "cockpit.spend")
    ) {
        self.database = database
        self.spillPath = spillPath
        self.interval = interval
        self.batchSize = batchSize
        self.maxBuffered = maxBuffered
        self.logger = logger
    }

    /// Calls `listener` with every batch once it is in the store (the budget ledger lowers its unflushed amounts).
    public func onRecorded(_ listener: @escaping @Sendable ([SpendLog]) -> Void) {
        lock.withLock { listeners.append(listener) }
    }

    /// Hands a row over; never blocks on the store.
    public func enqueue(_ log: SpendLog) {
        var overflow: [SpendLog] = []
        lock.withLock {
            buffer.append(log)
            if buffer.count > maxBuffered {
                overflow = Array(buffer.prefix(buffer.count - maxBuffered / 2))
                buffer.removeFirst(overflow.count)
            }
        }
        if !overflow.isEmpty { spill(overflow) }
    }

    /// Rows waiting in memory.
    public var pending: Int { lock.withLock { buffer.count } }

    /// Rows this process put in the dead-letter file.
    public var deadLetteredRows: Int { lock.withLock { deadLettered } }

    func countDeadLetter() { lock.withLock { deadLettered += 1 } }

    /// True after a failed write, until a write succeeds.
    public var isStoreDown: Bool { lock.withLock { storeDown } }

    /// Writes what is waiting (the spill file first, then memory). Returns the number of rows recorded. Flushes run
    /// one at a time: a call made during another waits for it, then writes what came since.
    ///
    /// Batches are written at idle CPU priority (`WorkPriority.background`), so a batch of thousands of rows never
    /// holds up a request's thread; after a flush that took longer than the interval (a CPU too busy for
    /// idle-priority work to keep up), the next one runs at normal priority.
    @discardableResult
    public func flush() async -> Int {
        await flush(priority: lock.withLock { fellBehind } ? .normal : .background)
    }

    private func flush(priority: WorkPriority) async -> Int {
        let started = DispatchTime.now()
        await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
            let mine = lock.withLock { () -> Bool in
                if flushing { waiting.append(turn); return false }
                flushing = true
                return true
            }
            if mine { turn.resume() }
        }
        defer {
            let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                if waiting.isEmpty { flushing = false; return nil }
                return waiting.removeFirst()
            }
            next?.resume()
        }
        var written = 0
        do {
            written += try await replaySpill(priority: priority)
            while true {
                let batch = lock.withLock { Array(buffer.prefix(batchSize)) }
                if batch.isEmpty { break }
                let recorded = try await write(batch, priority: priority)
                lock.withLock { buffer.removeFirst(batch.count) }
                written += recorded
            }
            if lock.withLock({
                let was = storeDown; storeDown = false; return was
            }) {
                logger.notice("spend writer: the store is back; waiting rows recorded")
            }
        } catch {
            if !lock.withLock({
                let was = storeDown; storeDown = true; return was
            }) {
                logger.warning(
                    "spend writer: the store is unreachable; rows wait in memory, then in the spill file",
                    metadata: ["error": "\(error)", "spill": "\(spillPath)"])
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        lock.withLock { fellBehind = seconds > interval }
        return written
    }

    /// Flushes every `interval` until cancelled.
    public func start() -> Task<Void, Never> {
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64((self?.interval ?? 1) * 1e9))
                await self?.flush()
            }
        }
    }

    /// Once an hour until cancelled: adds this month's and the next month's spend partitions (PostgreSQL), and with
    /// `retentionDays`, drops the months that ended before the cutoff (PostgreSQL) and deletes older rows in batches
    /// of 10,000 (the month at the cutoff on PostgreSQL; everything on SQLite). The daily aggregates stay.
    public func startMaintenance(retentionDays: Int?) -> Task<Void, Never> {
        Task { [database, logger] in
            while !Task.isCancelled {
                let now = Date()
                do {
                    let added = try await database.write(.superAdmin) {
                        try SpendPartitions.ensure($0, months: [now, SpendPartitions.month(of: now).end])
                    }
                    if !added.isEmpty {
                        logger.info(
                            "spend partitions added", metadata: ["partitions": "\(added.joined(separator: ", "))"])
                    }
                    if let days = retentionDays {
                        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                        let dropped = try await database.write(.superAdmin, priority: .background) {
                            try SpendPartitions.dropEnded($0, before: cutoff)
                        }
                        var removed = 0
                        while true {
                            let n = try await database.write(.superAdmin, priority: .background) {
                                try SpendRepository($0).deleteRows(before: cutoff)
                            }
                            removed += n
                            if n < 10_000 { break }
                        }
                        if removed > 0 || !dropped.isEmpty {
                            logger.info(
                                "spend retention: removed old rows",
                                metadata: [
                                    "rows": "\(removed)", "partitions": "\(dropped.joined(separator: ", "))",
                                    "days": "\(days)",
                                ])
                        }
                    }
                } catch {
                    logger.warning("spend maintenance failed; trying again in an hour", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(nanoseconds: 3_600 * 1_000_000_000)
            }
        }
    }

    /// The last flush at shutdown: what cannot be written goes to the spill file, so nothing is lost.
    public func shutdown() async {
        await flush(priority: .normal)
        let left = lock.withLock { () -> [SpendLog] in
            let left = buffer
            buffer.removeAll()
            return left
        }
        if !left.isEmpty { spill(left) }
    }

    /// Records a batch and tells the listeners. In the background on PostgreSQL the rows go 25 to a statement: the
    /// insert's work runs in the server's process at normal priority, and a short statement bounds how long it holds a
    /// core a request may need (500 to a statement: 1-connection p99 2.0 ms; 25: 1.1 ms).
    ///
    /// When the store refuses the batch for one of its rows (a constraint), the batch is written again row by row:
    /// rows the store refuses go to the dead-letter file with the reason and the rest is recorded, so one poisoned
    /// row never stops every tenant's spend. Any other failure (the store down) throws and the rows wait.
    /// Returns the number of rows recorded.
    @discardableResult
    func write(_ batch: [SpendLog], priority: WorkPriority = .normal) async throws -> Int {
        do {
            try await record(batch, priority: priority)
            notify(batch)
            return batch.count
        } catch let error as StorageError where error.isBadRow {
            var recorded: [SpendLog] = []
            for row in batch {
                do {
                    try await record([row], priority: priority)
                    recorded.append(row)
                } catch let refused as StorageError where refused.isBadRow {
                    deadLetter(row, reason: refused.description)
                }
            }
            notify(recorded)
            return recorded.count
        }
    }

    private func record(_ batch: [SpendLog], priority: WorkPriority) async throws {
        let perStatement = priority == .background && database.dialect == .postgres ? 25 : 500
        try await database.write(.superAdmin, priority: priority) { tx in
            _ = try SpendRepository(tx).record(batch, rowsPerStatement: perStatement)
        }
    }

    private func notify(_ batch: [SpendLog]) {
        guard !batch.isEmpty else { return }
        let listeners = lock.withLock { self.listeners }
        for listener in listeners { listener(batch) }
    }
}
