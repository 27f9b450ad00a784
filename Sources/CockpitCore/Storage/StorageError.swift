/// Failures of the storage layer, independent of the driver.
public enum StorageError: Error, Sendable, Equatable {
    /// The store cannot be reached or the connection broke.
    case unavailable(String)
    /// A unique constraint or index was violated; `constraint` names it when the driver says.
    case uniqueViolation(constraint: String)
    /// A foreign key was violated (a referenced row is missing or in another account or domain).
    case foreignKeyViolation(constraint: String)
    /// A CHECK or NOT NULL constraint was violated.
    case checkViolation(constraint: String)
    /// Row-level security refused the row (PostgreSQL), which means a tenant scope was crossed.
    case rowSecurity(String)
    /// Any other error the database reported, with its SQLSTATE or SQLite code.
    case database(code: String, message: String)
    /// A column held a value of the wrong kind.
    case decoding(column: String, expected: String)
    /// The configuration names a store that cannot be used.
    case badURL(String)
    /// The schema is behind the migrations built into this binary.
    case notMigrated(pending: Int)
    /// An applied migration file was changed after it ran.
    case migrationChanged(name: String)
    /// A migration failed to apply.
    case migrationFailed(name: String, message: String)

    /// True when the error means the connection itself is gone (retrying on a new one may succeed).
    public var isConnectionLoss: Bool { if case .unavailable = self { true } else { false } }

    /// True when the store refused the row itself (a constraint, a value out of range): writing it again will fail
    /// again, while other rows can still be written. Other errors may be the store's and are retried.
    public var isBadRow: Bool {
        switch self {
        case .uniqueViolation, .foreignKeyViolation, .checkViolation, .rowSecurity, .decoding: true
        case .database(let code, _): code.hasPrefix("22") || code.hasPrefix("23")
        default: false
        }
    }
}

extension StorageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unavailable(let m): "store unavailable: \(m)"
        case .uniqueViolation(let c): "duplicate value (\(c))"
        case .foreignKeyViolation(let c): "referenced object missing (\(c))"
        case .checkViolation(let c): "value out of range (\(c))"
        case .rowSecurity(let m): "refused by row-level security: \(m)"
        case .database(let code, let m): "database error \(code): \(m)"
        case .decoding(let col, let kind): "column \(col) does not hold a \(kind)"
        case .badURL(let m): "bad DATABASE_URL: \(m)"
        case .notMigrated(let n): "the store is \(n) migration(s) behind; run `cockpit migrate`"
        case .migrationChanged(let name): "migration \(name) was changed after it was applied"
        case .migrationFailed(let name, let m): "migration \(name) failed: \(m)"
        }
    }
}
