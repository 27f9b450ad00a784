@testable import CockpitCore
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test func formatsFixedWidthUTC() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_750_399.123456)) == "2026-11-27T03:33:19.123456Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000000Z")
        #expect(Timestamp.format(.distantPast) == "0001-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(.distantFuture) == "4001-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999999Z")
    }

    static let storeFormats: [(String, Double)] = [
        ("2026-11-27T03:33:19.123456Z", 1_795_750_399.123456),
        ("2026-11-27 03:33:19.123456+00", 1_795_750_399.123456),
        ("2026-11-27 05:33:19.123456+02:00", 1_795_750_399.123456),
        ("2026-11-27 03:33:19+00", 1_795_750_399.0),
        ("2026-11-27", 1_795_737_600.0),
    ]

    @Test(arguments: storeFormats)
    func parsesStoreFormats(text: String, seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: ["", "2026-13-01", "2026-11-27T25:00:00Z", "yesterday", "2026-11-27T03:33:19Q"])
    func rejectsGarbage(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func roundTripsEveryMicrosecond() throws {
        for micros in stride(from: Int64(1_700_000_000_000_000), to: 1_700_000_000_001_000, by: 7) {
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            #expect(Timestamp.parse(Timestamp.format(date)) == date)
        }
    }
}

@Suite struct PlaceholderRewriterTests {
    @Test func rewritesOnlyPlaceholdersOutsideQuotes() {
        #expect(
            PlaceholderRewriter.sqlite("SELECT $1, '$2', \"$3\", $10 WHERE a = $2")
                == "SELECT ?1, '$2', \"$3\", ?10 WHERE a = ?2")
        #expect(PlaceholderRewriter.sqlite("SELECT 'it''s $1' || $1, $x") == "SELECT 'it''s $1' || ?, $x")
        // Numbers in order become plain `?` (SQLite resolves numbered ones by a scan, quadratic in their count).
        #expect(
            PlaceholderRewriter.sqlite("INSERT INTO t VALUES ($1, $2), ($3, $4)")
                == "INSERT INTO t VALUES (?, ?), (?, ?)")
        #expect(PlaceholderRewriter.sqlite("UPDATE t SET a = $2 WHERE id = $1") == "UPDATE t SET a = ?2 WHERE id = ?1")
    }
}

@Suite struct DatabaseURLTests {
    @Test func redactsPasswords() {
        #expect(DatabaseURL.redacted("postgres://app:s3cret@db:5432/x") == "postgres://app:***@db:5432/x")
        #expect(DatabaseURL.redacted("postgres://app@db/x") == "postgres://app@db/x")
        #expect(DatabaseURL.redacted("redis://:pw@127.0.0.1:6379") == "redis://:***@127.0.0.1:6379")
        #expect(DatabaseURL.redacted("host=db password=s3cret") == "host=db password=***")
    }

    @Test func refusesUnknownSchemes() {
        #expect(throws: StorageError.self) { try DatabaseURL.open("mysql://x", defaultSQLitePath: "/tmp/x.db") }
        #expect(throws: StorageError.self) { try DatabaseURL.open("sqlite:", defaultSQLitePath: "/tmp/x.db") }
    }
}
