import CHiredis
import Foundation

/// A Redis reply.
public indirect enum RedisReply: Sendable, Equatable {
    case integer(Int)
    case string(String)
    case status(String)
    case array([RedisReply])
    case null
}

/// Why a Redis command failed.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "redis: \(message)" }
}

/// One blocking hiredis connection (used through `ConnectionPool`, off the cooperative threads).
final class RedisConnection: PooledConnection, @unchecked Sendable {
    private var context: UnsafeMutablePointer<redisContext>?
    private(set) var isUsable = true

    /// Connects (and authenticates when a password is given), with a timeout for connect and for each command.
    init(host: String, port: Int, password: String?, database: Int, timeout: TimeInterval = 1) throws {
        let micros = CheckedNumber.clamped(timeout * 1e6, to: 1_000...60_000_000)
        let tv = timeval(tv_sec: micros / 1_000_000, tv_usec: micros % 1_000_000)
        guard let ctx = redisConnectWithTimeout(host, Int32(port), tv), ctx.pointee.err == 0 else {
            throw RedisError(message: "cannot connect to \(host):\(port)")
        }
        redisSetTimeout(ctx, tv)
        context = ctx
        if let password, !password.isEmpty { _ = try command(["AUTH", password]) }
        if database != 0 { _ = try command(["SELECT", String(database)]) }
    }

    /// Runs one command; a server error reply throws, a broken connection throws and marks the connection unusable.
    func command(_ arguments: [String]) throws -> RedisReply {
        guard let context else { throw RedisError(message: "connection closed") }
        let cStrings = arguments.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer<CChar>($0) }
        var lengths = arguments.map { $0.utf8.count }
        guard let raw = redisCommandArgv(context, Int32(arguments.count), &pointers, &lengths) else {
            isUsable = false
            throw RedisError(message: "connection failed")
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return try Self.convert(reply)
    }

    static func convert(_ reply: UnsafeMutablePointer<redisReply>) throws -> RedisReply {
        let r = reply.pointee
        switch r.type {
        case REDIS_REPLY_INTEGER: return .integer(Int(r.integer))
        case REDIS_REPLY_STRING: return .string(String(cString: r.str))
        case REDIS_REPLY_STATUS: return .status(String(cString: r.str))
        case REDIS_REPLY_NIL: return .null
        case REDIS_REPLY_ERROR: throw RedisError(message: String(cString: r.str))
        case REDIS_REPLY_ARRAY:
            return .array(try (0..<r.elements).map { try convert(r.element[$0]!) })
        default: return .null
        }
    }

    func close() {
        if let context { redisFree(context) }
        context = nil
        isUsable = false
    }
}
