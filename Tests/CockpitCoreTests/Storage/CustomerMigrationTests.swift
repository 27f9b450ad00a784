@testable import CockpitCore
import CockpitMigrations
import CockpitTesting
import Foundation
import Testing

/// Migration 0010: spend rows recorded before it name no end user; rows recorded after it charge their customer,
/// creating it, and each account sees only its own customers.
@Suite struct CustomerMigrationTests {
    @Test(arguments: StoreKind.available)
    func spendRowsBeforeAndAfterMigration10(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { (db: Database) async throws in
            let all = EmbeddedMigrations.files(dialect: db.dialect.rawValue)
            _ = try await MigrationRunner(database: db, files: all.filter { $0.name < "0010" }).migrate()
            let (a, b, now) = (UUID(), UUID(), Date())
            try await db.write(.superAdmin) { tx in
                for (id, name) in [(a, "A"), (b, "B")] {
                    try tx.execute(
                        """
                        INSERT INTO accounts (id, name, domain, created_at, updated_at, created_by, updated_by)
                        VALUES ($1, $2, $3, $4, $4, 'test', 'test')
                        """, [.uuid(id), .text(name), .text("\(name.lowercased()).io"), .timestamp(now)])
                }
                try tx.execute(
                    """
                    INSERT INTO spend_logs (request_id, account_id, model, cost, start_time, end_time, status)
                    VALUES ('old-1', $1, 'm', 0.5, $2, $2, 'success')
                    """, [.uuid(a), .timestamp(now)])
            }
            _ = try await MigrationRunner(database: db, files: all).migrate()
            let old = try await db.read(.account(a)) {
                try SpendRepository($0).logs(from: .distantPast, to: .distantFuture)
            }
            #expect(old.count == 1 && old[0].endUser == nil)

            let row = SpendLog(
                requestID: "new-1", accountID: a, keyHash: "h", userID: "", teamID: "", orgID: "", domain: "",
                model: "m", modelGroup: "m", deploymentID: "", promptTokens: 1, completionTokens: 1, cost: 0.25,
                startTime: now, endTime: now, status: "success", cacheHit: false, endUser: "shopper")
            for _ in 0..<2 {
                try await db.write(.superAdmin) { _ = try SpendRepository($0).record([row]) }
            }
            let customer = try await db.read(.account(a)) { try CustomerRepository($0).get("shopper") }
            #expect(customer?.spend == 0.25, "created on first use and charged once")
            #expect(try await db.read(.account(b)) { try CustomerRepository($0).list() }.isEmpty)
            let logs = try await db.read(.account(a)) {
                try SpendRepository($0).logs(from: .distantPast, to: .distantFuture)
            }
            #expect(logs.first { $0.requestID == "new-1" }?.endUser == "shopper")
        }
    }
}
