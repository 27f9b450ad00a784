@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// A store that can be taken down: every transaction fails like a lost connection while `down` is set.
final class OutageDatabase: Database, @unchecked Sendable {
    let base: Database
    private let lock = NSLock()
    private var isDown = false
    private var seen: [WorkPriority] = []
    init(_ base: Database) { self.base = base }
    /// The priority of every transaction so far.
    var priorities: [WorkPriority] { lock.withLock { seen } }
    var down: Bool {
        get { lock.withLock { isDown } }
        set { lock.withLock { isDown = newValue } }
    }
    var dialect: SQLDialect { base.dialect }
    var location: String { base.location }
    func transaction<T: Sendable>(
        _ scope: AccountScope, readOnly: Bool, priority: WorkPriority,
        _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        lock.withLock { seen.append(priority) }
        if down { throw StorageError.unavailable("test outage") }
        return try await base.transaction(scope, readOnly: readOnly, priority: priority, body)
    }
    func withSystemConnection<T: Sendable>(_ body: @escaping @Sendable (SQLConnection) throws -> T) async throws -> T {
        try await base.withSystemConnection(body)
    }
    func close() async { await base.close() }
}

/// The spend writer keeps every row through an outage (memory, then the spill file) and records each exactly once.
@Suite struct SpendWriterTests {
    /// When the test's requests started: a request replayed (from memory or the spill file) keeps its start time,
    /// which with its id is what makes it the same row (on PostgreSQL the key includes the partitioning time).
    static let started = Date()

    static func log(_ account: UUID, _ i: Int, cost: Double = 0.001) -> SpendLog {
        SpendLog(
            requestID: "req-\(i)", accountID: account, keyHash: "hash", userID: "", teamID: "", orgID: "", domain: "",
            model: "m",
            modelGroup: "m", deploymentID: "d", promptTokens: 10, completionTokens: 5, cost: cost, startTime: started,
            endTime: started.addingTimeInterval(0.2), firstTokenTime: nil, status: "success", cacheHit: false)
    }

    @Test(arguments: StoreKind.available)
    func rowsSurviveAnOutageAndAreRecordedOnce(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Spend")
            let outage = OutageDatabase(db)
            let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                "spill-\(UUID().uuidString).jsonl"
            ).path
            defer { try? FileManager.default.removeItem(atPath: spill) }
            let writer = SpendWriter(database: outage, spillPath: spill, batchSize: 100, maxBuffered: 300)
            let recorded = LockedBox(0)
            writer.onRecorded { logs in recorded.mutate { $0 += logs.count } }
            outage.down = true
            for i in 0..<1_000 { writer.enqueue(Self.log(f.account.id, i)) }
            #expect(await writer.flush() == 0 && writer.isStoreDown)
            #expect(writer.pending <= 300, "memory stays bounded")
            #expect(FileManager.default.fileExists(atPath: spill), "the rest went to the spill file")
            // The same rows again (a replay after a crash) must not count twice.
            for i in 0..<10 { writer.enqueue(Self.log(f.account.id, i)) }
            outage.down = false
            await writer.flush()
            #expect(!writer.isStoreDown && writer.pending == 0 && !FileManager.default.fileExists(atPath: spill))
            let (rows, cost) = try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }
            #expect(rows == 1_000 && abs(cost - 1.0) < 1e-9)
            #expect(recorded.mutate { $0 } == 1_010, "listeners (the budget ledger) hear of spilled rows too")
            let account = try await cockpit.accounts.get(f.account.id)
            #expect(abs(account.spend - 1.0) < 1e-9, "the account's spend counts each row once")
        }
    }

    /// A row the store refuses (here a negative cost against `CHECK (cost >= 0)`) no longer stops every tenant's
    /// spend: the batch is retried row by row, the refused row goes to the dead-letter file with its reason, the
    /// rest is written, and writing goes on. Failed before: the whole batch was retried forever.
    @Test(arguments: StoreKind.available)
    func onePoisonedRowIsDeadLetteredAndTheRestRecorded(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Poison")
            let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                "spill-\(UUID().uuidString).jsonl"
            ).path
            let writer = SpendWriter(database: db, spillPath: spill, batchSize: 500)
            defer { try? FileManager.default.removeItem(atPath: writer.deadLetterPath) }
            for i in 0..<1_000 { writer.enqueue(Self.log(f.account.id, i, cost: i == 417 ? -1 : 0.001)) }
            #expect(await writer.flush() == 999)
            #expect(!writer.isStoreDown && writer.pending == 0 && writer.deadLetteredRows == 1)
            #expect(SpendWriter.deadLetterCount(path: writer.deadLetterPath) == 1)
            let line = try String(contentsOfFile: writer.deadLetterPath, encoding: .utf8)
            #expect(line.contains("req-417") && line.contains("reason"))
            writer.enqueue(Self.log(f.account.id, 1_000))
            #expect(await writer.flush() == 1, "writing goes on")
            let (rows, cost) = try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }
            #expect(rows == 1_000 && abs(cost - 1.0) < 1e-9)
        }
    }

    /// Batches go at idle CPU priority; a flush slower than the interval (a CPU too busy for idle work) makes the
    /// next one normal; the last flush at shutdown is normal.
    @Test func batchesRunAtIdlePriorityUntilTheWriterFallsBehind() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Spend")
            for (interval, second) in [(60.0, WorkPriority.background), (0.0, .normal)] {
                let store = OutageDatabase(db)
                let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "spill-\(UUID().uuidString).jsonl"
                ).path
                let writer = SpendWriter(database: store, spillPath: spill, interval: interval)
                for round in 0..<2 {
                    writer.enqueue(Self.log(f.account.id, Int(interval) * 10 + round))
                    #expect(await writer.flush() == 1)
                }
                writer.enqueue(Self.log(f.account.id, Int(interval) * 10 + 2))
                await writer.shutdown()
                #expect(store.priorities == [.background, second, .normal], "interval \(interval) s")
            }
            let (rows, _) = try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }
            #expect(rows == 6)
        }
    }

    @Test func shutdownSpillsWhatTheStoreCannotTake() async throws {
        try await TestStores.with(.sqlite) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Spend")
            let outage = OutageDatabase(db)
            let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                "spill-\(UUID().uuidString).jsonl"
            ).path
            defer { try? FileManager.default.removeItem(atPath: spill) }
            let first = SpendWriter(database: outage, spillPath: spill)
            outage.down = true
            for i in 0..<50 { first.enqueue(Self.log(f.account.id, i)) }
            await first.shutdown()
            outage.down = false
            // A new process replays the file on its first flush.
            let second = SpendWriter(database: outage, spillPath: spill)
            #expect(await second.flush() == 50)
            #expect(try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }.rows == 50)
        }
    }

    @Test(arguments: StoreKind.available)
    func retentionRemovesOldRowsInBatchesAndKeepsTheAggregates(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let f = try await TenantFixture.make(Cockpit.forTesting(db), name: "Retention")
            let old = Date().addingTimeInterval(-40 * 86_400)
            var logs = (0..<25).map { Self.log(f.account.id, $0) }
            for i in 0..<15 { logs[i].startTime = old; logs[i].endTime = old }
            let batch = logs
            try await db.write(.superAdmin) { tx in _ = try SpendRepository(tx).record(batch) }
            let cutoff = Date().addingTimeInterval(-30 * 86_400)
            #expect(
                try await db.write(.superAdmin) { try SpendRepository($0).deleteRows(before: cutoff, limit: 10) } == 10)
            #expect(
                try await db.write(.superAdmin) { try SpendRepository($0).deleteRows(before: cutoff, limit: 10) } == 5)
            #expect(
                try await db.write(.superAdmin) { try SpendRepository($0).deleteRows(before: cutoff, limit: 10) } == 0)
            let (rows, _) = try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }
            #expect(rows == 10)
            let daily = try await db.read(.account(f.account.id)) { tx in
                try SpendRepository(tx).breakdown(by: .model, fromDay: "2000-01-01", toDay: "2999-12-31")
            }
            #expect(daily.first?.requests == 25, "the daily aggregates keep the history")
        }
    }
}
