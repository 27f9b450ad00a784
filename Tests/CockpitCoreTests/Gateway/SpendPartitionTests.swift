@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Spend logs in monthly partitions on PostgreSQL: the migration makes this month's and the next month's, rows of a
/// month without a partition wait in the default one until `ensure` moves them, and retention drops ended months
/// while the daily aggregates stay. On SQLite both calls do nothing.
@Suite struct SpendPartitionTests {
    static func count(_ db: Database, _ table: String) async throws -> Int64 {
        try await db.read(.superAdmin) { try $0.queryOne("SELECT count(*) AS n FROM \(table)")?.int("n") ?? -1 }
    }

    @Test(arguments: StoreKind.available)
    func monthsArePartitionedAndEndedOnesDropped(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let f = try await TenantFixture.make(Cockpit.forTesting(db), name: "Partitions")
            let now = Date(), old = now.addingTimeInterval(-100 * 86_400)
            var logs = (0..<12).map { SpendWriterTests.log(f.account.id, $0) }
            for i in 0..<5 { (logs[i].startTime, logs[i].endTime) = (old, old) }
            let batch = logs
            try await db.write(.superAdmin) { tx in _ = try SpendRepository(tx).record(batch) }
            let oldMonth = SpendPartitions.month(of: old).name
            guard kind == .postgres else {
                #expect(try await db.write(.superAdmin) { try SpendPartitions.ensure($0, months: [old]) }.isEmpty)
                #expect(try await db.write(.superAdmin) { try SpendPartitions.dropEnded($0, before: now) }.isEmpty)
                return
            }
            let made = try await db.read(.superAdmin) { try SpendPartitions.existing($0) }
            #expect(
                made.isSuperset(of: [
                    SpendPartitions.month(of: now).name,
                    SpendPartitions.month(of: SpendPartitions.month(of: now).end).name,
                ]))
            #expect(try await Self.count(db, "spend_logs_default") == 5, "the old month has no partition yet")
            #expect(try await Self.count(db, SpendPartitions.month(of: now).name) == 7)

            #expect(
                try await db.write(.superAdmin) { try SpendPartitions.ensure($0, months: [old, now]) } == [oldMonth])
            #expect(try await Self.count(db, "spend_logs_default") == 0, "its rows moved in")
            #expect(try await Self.count(db, oldMonth) == 5)
            #expect(try await db.write(.superAdmin) { try SpendPartitions.ensure($0, months: [old]) }.isEmpty, "once")
            // A replayed row (same id, same start) still counts once.
            try await db.write(.superAdmin) { tx in _ = try SpendRepository(tx).record([batch[0], batch[6]]) }
            #expect(try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }.rows == 12)

            let cutoff = now.addingTimeInterval(-40 * 86_400)
            #expect(try await db.write(.superAdmin) { try SpendPartitions.dropEnded($0, before: cutoff) } == [oldMonth])
            #expect(try await db.read(.account(f.account.id)) { try SpendRepository($0).totals() }.rows == 7)
            let daily = try await db.read(.account(f.account.id)) { tx in
                try SpendRepository(tx).breakdown(by: .model, fromDay: "2000-01-01", toDay: "2999-12-31")
            }
            #expect(daily.first?.requests == 12, "the daily aggregates keep the history")
            // An account's own scope sees only its rows through the partitioned table (row-level security).
            let other = try await TenantFixture.make(Cockpit.forTesting(db), name: "Other")
            #expect(try await db.read(.account(other.account.id)) { try SpendRepository($0).totals() }.rows == 0)
        }
    }

    /// Each partition holds the parent's row-level security (the migration's and the ones `ensure` adds), so a
    /// tenant transaction reading a partition by name sees its own rows only. Failed before: partitions had none.
    @Test(arguments: StoreKind.available)
    func everyPartitionCarriesTheTenantWall(kind: StoreKind) async throws {
        guard kind == .postgres else { return }
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let a = try await TenantFixture.make(cockpit, name: "Wall A"),
                b = try await TenantFixture.make(cockpit, name: "Wall B")
            let rows = (0..<4).map { SpendWriterTests.log($0 < 3 ? a.account.id : b.account.id, 900 + $0) }
            try await db.write(.superAdmin) { tx in _ = try SpendRepository(tx).record(rows) }
            let old = Date().addingTimeInterval(-200 * 86_400)
            _ = try await db.write(.superAdmin) { try SpendPartitions.ensure($0, months: [old]) }
            let unprotected = try await db.read(.superAdmin) { tx in
                try tx.query(
                    """
                    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'spend_logs'::regclass
                      AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
                    """
                ).compactMap { $0["name"].stringValue }
            }
            #expect(unprotected.isEmpty, "partitions without the tenant wall: \(unprotected)")
            let partition = SpendPartitions.month(of: SpendWriterTests.started).name
            #expect(
                try await db.read(.account(a.account.id)) {
                    try $0.queryOne("SELECT count(*) AS n FROM \(partition)")?.int("n")
                } == 3)
            #expect(
                try await db.read(.account(b.account.id)) {
                    try $0.queryOne("SELECT count(*) AS n FROM \(partition)")?.int("n")
                } == 1)
        }
    }
}
