import Foundation

/// PostgreSQL's monthly partitions of `spend_logs` (migration 0003, named `spend_logs_YYYY_MM`, UTC months): the
/// gateway adds this month's and the next month's every hour, moving rows that waited in `spend_logs_default`;
/// retention drops the months that ended before its cutoff in one statement each. SQLite keeps one table: there
/// both do nothing, and retention deletes rows in batches.
public enum SpendPartitions {
    /// A month's partition: its table name and bounds as timestamp literals.
    struct Month: Equatable {
        var name: String
        var from: String
        var to: String
        /// When the month ends (the upper bound).
        var end: Date
    }

    /// The month that holds `date`.
    static func month(of date: Date) -> Month {
        let (year, month) = UTCMonths.month(of: date)
        let end = UTCMonths.start(year: year, month: month + 1), next = UTCMonths.month(of: end)
        func digits(_ n: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
        }
        func literal(_ y: Int, _ m: Int) -> String { "\(digits(y, 4))-\(digits(m, 2))-01 00:00:00+00" }
        return Month(
            name: "spend_logs_\(digits(year, 4))_\(digits(month, 2))", from: literal(year, month),
            to: literal(next.year, next.month),
            end: end)
    }

    /// The month partitions that exist, by name.
    static func existing(_ tx: Transaction) throws -> Set<String> {
        let rows = try tx.query(
            """
            SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'spend_logs'::regclass AND c.relname ~ '^spend_logs_[0-9]{4}_[0-9]{2}$'
            """)
        return Set(rows.compactMap { $0["name"].stringValue })
    }

    /// Adds the partitions of the months of `dates` that are missing; rows of those months waiting in the default
    /// partition move into them. Returns the names added. Needs a super-admin transaction.
    @discardableResult
    package static func ensure(_ tx: Transaction, months dates: [Date]) throws -> [String] {
        guard tx.dialect == .postgres else { return [] }
        let have = try existing(tx)
        var added: [String] = []
        for month in dates.map(month(of:)) where !have.contains(month.name) && !added.contains(month.name) {
            try tx.execute("CREATE TABLE \(month.name) (LIKE spend_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
            try tx.execute(
                """
                WITH moved AS (DELETE FROM spend_logs_default WHERE start_time >= '\(month.from)' AND start_time < '\(month.to)' RETURNING *)
                INSERT INTO \(month.name) SELECT * FROM moved
                """)
            try tx.execute(
                "ALTER TABLE spend_logs ATTACH PARTITION \(month.name) FOR VALUES FROM ('\(month.from)') TO ('\(month.to)')"
            )
            // The parent's tenant wall on the partition itself (migration 0004 did the same for the partitions it found).
            try tx.execute("ALTER TABLE \(month.name) ENABLE ROW LEVEL SECURITY")
            try tx.execute("ALTER TABLE \(month.name) FORCE ROW LEVEL SECURITY")
            try tx.execute(
                "CREATE POLICY tenant ON \(month.name) USING ((SELECT cockpit_is_super()) OR account_id = (SELECT cockpit_current_account()))"
            )
            added.append(month.name)
        }
        return added
    }

    /// Drops the month partitions that ended at or before `cutoff` (their rows are past retention; the daily
    /// aggregates stay). Returns the names dropped.
    @discardableResult
    package static func dropEnded(_ tx: Transaction, before cutoff: Date) throws -> [String] {
        guard tx.dialect == .postgres else { return [] }
        var dropped: [String] = []
        for name in try existing(tx).sorted() {
            let digits = name.dropFirst("spend_logs_".count).split(separator: "_").compactMap { Int($0) }
            guard digits.count == 2, UTCMonths.start(year: digits[0], month: digits[1] + 1) <= cutoff else { continue }
            try tx.execute("DROP TABLE \(name)")
            dropped.append(name)
        }
        return dropped
    }
}
