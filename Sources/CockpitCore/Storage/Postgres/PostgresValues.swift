import Foundation

/// Text-format encoding of parameters and decoding of result columns by type OID.
enum PostgresValues {
    struct Encoded {
        let bytes: [UInt8]?
        let binary: Bool
    }

    static func encode(_ value: SQLValue) -> Encoded {
        switch value {
        case .null: Encoded(bytes: nil, binary: false)
        case .int(let v): Encoded(bytes: Array(String(v).utf8) + [0], binary: false)
        case .double(let v): Encoded(bytes: Array((v.isNaN ? "NaN" : String(v)).utf8) + [0], binary: false)
        case .bool(let v): Encoded(bytes: Array((v ? "t" : "f").utf8) + [0], binary: false)
        case .text(let v): Encoded(bytes: Array(v.utf8) + [0], binary: false)
        case .timestamp(let v): Encoded(bytes: Array(Timestamp.format(v).utf8) + [0], binary: false)
        case .blob(let v): Encoded(bytes: v, binary: true)
        }
    }

    // Type OIDs from pg_type.
    private static let bool: UInt32 = 16, bytea: UInt32 = 17, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23,
        oid: UInt32 = 26, float4: UInt32 = 700, float8: UInt32 = 701, numeric: UInt32 = 1700,
        timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184

    static func decode(_ text: String, type: UInt32) -> SQLValue {
        switch type {
        case bool: return .bool(text == "t")
        case int2, int4, int8, oid: return Int64(text).map(SQLValue.int) ?? .text(text)
        case float4, float8, numeric: return Double(text).map(SQLValue.double) ?? .text(text)
        case timestamp, timestamptz: return Timestamp.parse(text).map(SQLValue.timestamp) ?? .text(text)
        case bytea: return .blob(hexBytes(text))
        default: return .text(text)
        }
    }

    /// bytea's hex output, `\x0a1b…`.
    private static func hexBytes(_ text: String) -> [UInt8] {
        let chars = Array(text.utf8.dropFirst(2))
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i + 1 < chars.count {
            out.append(nibble(chars[i]) << 4 | nibble(chars[i + 1]))
            i += 2
        }
        return out
    }
}

/// Maps SQLSTATE codes to `StorageError`.
enum PostgresErrors {
    static func map(sqlState: String, constraint: String, message: String) -> StorageError {
        switch sqlState {
        case "23505": .uniqueViolation(constraint: constraint.isEmpty ? message : constraint)
        case "23503": .foreignKeyViolation(constraint: constraint.isEmpty ? message : constraint)
        case "23514", "23502": .checkViolation(constraint: constraint.isEmpty ? message : constraint)
        case "42501": .rowSecurity(message)
        case let s where s.hasPrefix("08") || s.hasPrefix("57P"): .unavailable(message)
        default: .database(code: sqlState, message: message)
        }
    }
}
