@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The same driver contract on both stores: value mapping, transactions, errors, concurrency.
@Suite struct DatabaseDriverTests {
    @Test(arguments: StoreKind.available)
    func valuesRoundTripWithTheirTypes(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { db in
            let created =
                kind == .postgres
                ? "CREATE TABLE v (i bigint, d double precision, n numeric(20,6), t text, b boolean, ts timestamptz, j jsonb, y bytea, z text)"
                : "CREATE TABLE v (i INTEGER, d REAL, n REAL, t TEXT, b BOOLEAN, ts TIMESTAMP, j JSON, y BLOB, z TEXT)"
            let when = Date(timeIntervalSince1970: 1_795_750_399.654321)
            let row = try await db.write(.superAdmin) { tx in
                try tx.execute(created)
                try tx.execute(
                    "INSERT INTO v VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    [
                        .int(Int64.max), .double(0.000_001_25), .double(12.5), .text("Zoë 李娜 ' \" ; DROP TABLE v; --"),
                        .bool(true),
                        .timestamp(when), .text(#"{"a": [1, 2], "b": null}"#), .blob([0, 1, 254, 255]), .null,
                    ])
                return try tx.queryOne("SELECT * FROM v")!
            }
            #expect(row["i"] == .int(Int64.max))
            #expect(row["d"].doubleValue == 0.000_001_25)
            #expect(row["n"].doubleValue == 12.5)
            #expect(row["t"] == .text("Zoë 李娜 ' \" ; DROP TABLE v; --"))
            #expect(try row.bool("b"))
            #expect(try row.date("ts") == when)
            #expect(try row.json("j") == ["a": [1, 2], "b": .null])
            #expect(row["y"] == .blob([0, 1, 254, 255]))
            #expect(row["z"] == .null)
            #expect(throws: StorageError.self) { try row.int("t") }
        }
    }

    @Test(arguments: StoreKind.available)
    func aThrowingBodyRollsBack(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { db in
            _ = try await db.write(.superAdmin) { try $0.execute("CREATE TABLE r (x text PRIMARY KEY)") }
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await db.write(.superAdmin) { tx in
                    try tx.execute("INSERT INTO r VALUES ($1)", [.text("a")])
                    throw Boom()
                }
            }
            await #expect(throws: StorageError.uniqueViolation(constraint: "")) {
                do {
                    try await db.write(.superAdmin) { tx in
                        try tx.execute("INSERT INTO r VALUES ($1)", [.text("b")])
                        try tx.execute("INSERT INTO r VALUES ($1)", [.text("b")])
                    }
                } catch StorageError.uniqueViolation { throw StorageError.uniqueViolation(constraint: "") }
            }
            let count = try await db.read(.superAdmin) { try $0.queryOne("SELECT count(*) AS n FROM r")!.int("n") }
            #expect(count == 0)
        }
    }

    @Test(arguments: StoreKind.available)
    func aReadTransactionRefusesWrites(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            await #expect(throws: StorageError.self) {
                try await db.read(.superAdmin) { try $0.execute("DELETE FROM accounts") }
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentTransactionsShareThePoolWithoutLosingWrites(kind: StoreKind) async throws {
        try await TestStores.with(kind, migrated: false) { db in
            _ = try await db.write(.superAdmin) { try $0.execute("CREATE TABLE c (n integer NOT NULL)") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<200 {
                    group.addTask { () async throws -> Void in
                        if i % 2 == 0 {
                            _ = try await db.write(.superAdmin) {
                                try $0.execute("INSERT INTO c VALUES ($1)", [.int(Int64(i))])
                            }
                        } else {
                            _ = try await db.read(.superAdmin) { try $0.query("SELECT count(*) FROM c") }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let total = try await db.read(.superAdmin) { try $0.queryOne("SELECT count(*) AS n, sum(n) AS s FROM c")! }
            #expect(try total.int("n") == 100)
            #expect(try total.int("s") == (0..<200).filter { $0 % 2 == 0 }.reduce(0, +))
        }
    }

    @Test(.enabled(if: StoreKind.available.contains(.postgres)))
    func postgresReconnectsAfterTheServerDropsTheConnection() async throws {
        try await TestStores.withPostgres(migrated: false) { db in
            let pid = try await db.read(.superAdmin) { try $0.queryOne("SELECT pg_backend_pid() AS pid")!.int("pid") }
            // Another connection of the same role terminates ours, as a server restart would.
            let killer = PostgresDatabase(url: TestStores.postgresURL!, poolSize: 1)
            _ = try await killer.read(.superAdmin) { try $0.query("SELECT pg_terminate_backend($1)", [.int(pid)]) }
            await killer.close()
            let after = try await db.read(.superAdmin) { try $0.queryOne("SELECT pg_backend_pid() AS pid")!.int("pid") }
            #expect(after != pid)
        }
    }

    @Test func postgresUnreachableIsAClearError() async throws {
        let db = PostgresDatabase(url: "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", poolSize: 1)
        await #expect(throws: StorageError.self) { try await db.read(.superAdmin) { try $0.query("SELECT 1") } }
        await db.close()
    }
}
