import CHyperscan
import Foundation

/// One regular expression as handed to Hyperscan, with its compile flags (`HS_FLAG_…`).
struct HyperscanExpression: Sendable, Equatable {
    var regex: String
    var flags: UInt32
}

/// Hyperscan's two scanning modes used here. Streams track match starts within 2^16 bytes of the end
/// (`HS_MODE_SOM_HORIZON_SMALL`): far more than any hold-back window, and the smallest stream state.
enum HyperscanMode: Sendable {
    case block, stream

    var raw: UInt32 {
        switch self {
        case .block: UInt32(HS_MODE_BLOCK)
        case .stream: UInt32(HS_MODE_STREAM) | UInt32(HS_MODE_SOM_HORIZON_SMALL)
        }
    }
}

/// Hyperscan refused to compile: its message (which names the problem, never the scanned text) and which
/// expression of the list it was about (`nil` when about the list as a whole).
struct HyperscanCompileFailure: Error, Sendable {
    var message: String
    var expression: Int?
}

/// What Hyperscan's analysis says of one expression without building a database.
struct HyperscanExpressionInfo: Sendable, Equatable {
    var minWidth: Int
    /// `nil` when matches can be arbitrarily long.
    var maxWidth: Int?
}

/// A compiled, immutable Hyperscan database: shared freely between threads (scans need a scratch each).
final class HyperscanDatabase: @unchecked Sendable {
    let raw: OpaquePointer
    let mode: HyperscanMode
    /// Bytes the database takes in memory.
    let byteSize: Int

    /// Compiles `expressions` (ids are their indexes) into one database.
    init(_ expressions: [HyperscanExpression], mode: HyperscanMode) throws {
        guard !expressions.isEmpty else { throw HyperscanCompileFailure(message: "no expressions", expression: nil) }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let strings = expressions.map { strdup($0.regex) }
        defer { strings.forEach { free($0) } }
        let flags = expressions.map(\.flags)
        let ids = (0..<UInt32(expressions.count)).map { $0 }
        let status = strings.map { UnsafePointer($0) }.withUnsafeBufferPointer { pointers in
            hs_compile_multi(
                pointers.baseAddress, flags, ids, UInt32(expressions.count), mode.raw, nil, &database, &error)
        }
        guard status == HS_SUCCESS, let database else {
            let failure = HyperscanCompileFailure(
                message: error.map { String(cString: $0.pointee.message) } ?? "compile error \(status)",
                expression: error.flatMap { $0.pointee.expression >= 0 ? Int($0.pointee.expression) : nil })
            if let error { hs_free_compile_error(error) }
            throw failure
        }
        var size = 0
        hs_database_size(database, &size)
        (raw, self.mode, byteSize) = (database, mode, size)
    }

    deinit { hs_free_database(raw) }

    /// Bytes one open stream of this (stream-mode) database keeps.
    var streamStateSize: Int {
        var size = 0
        hs_stream_size(raw, &size)
        return size
    }

    /// Hyperscan's analysis of one expression (widths; a parse error or an unsupported construct as a failure).
    static func info(_ expression: HyperscanExpression) throws -> HyperscanExpressionInfo {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = hs_expression_info(expression.regex, expression.flags, &info, &error)
        guard status == HS_SUCCESS, let info else {
            let message = error.map { String(cString: $0.pointee.message) } ?? "compile error \(status)"
            if let error { hs_free_compile_error(error) }
            throw HyperscanCompileFailure(message: message, expression: 0)
        }
        defer { free(info) }
        let maxWidth = info.pointee.max_width
        return HyperscanExpressionInfo(
            minWidth: Int(info.pointee.min_width), maxWidth: maxWidth == UInt32.max ? nil : Int(maxWidth))
    }

    /// Whether this CPU can run Hyperscan (x86_64 with SSSE3).
    static var platformSupported: Bool { hs_valid_platform() == HS_SUCCESS }
}
