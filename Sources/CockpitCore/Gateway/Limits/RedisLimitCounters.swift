import Foundation
import Logging

/// Counters shared by every instance through Redis (hiredis): each acquire is one Lua script, so checking and
/// raising all of a request's counters is atomic across instances. When Redis cannot be reached the counters fall
/// back to this instance's memory, say so in the log and in `status`, and go back to Redis once it answers.
public final class RedisLimitCounters: LimitCounters, @unchecked Sendable {
    static let acquireScript = """
        for i = 1, #KEYS do
          local cur = tonumber(redis.call('GET', KEYS[i]) or '0')
          local amount = tonumber(ARGV[(i - 1) * 3 + 2])
          local need = amount
          if need < 1 then need = 1 end
          if cur + need > tonumber(ARGV[(i - 1) * 3 + 1]) then return {0, i} end
        end
        local out = {1}
        for i = 1, #KEYS do
          local amount = tonumber(ARGV[(i - 1) * 3 + 2])
          local v
          if amount > 0 then
            v = redis.call('INCRBY', KEYS[i], amount)
            redis.call('EXPIRE', KEYS[i], ARGV[(i - 1) * 3 + 3])
          else
            v = tonumber(redis.call('GET', KEYS[i]) or '0')
          end
          out[#out + 1] = v
        end
        return out
        """
    static let releaseScript = """
        for i = 1, #KEYS do
          if redis.call('DECR', KEYS[i]) < 0 then redis.call('SET', KEYS[i], 0) end
        end
        return 1
        """
    static let addScript =
        "local v = redis.call('INCRBY', KEYS[1], ARGV[1]); redis.call('EXPIRE', KEYS[1], ARGV[2]); return v"

    private let pool: ConnectionPool<RedisConnection>
    private let fallback = InMemoryLimitCounters()
    private let logger: Logger
    private let lock = NSLock()
    private var downSince: Date?
    private let retryAfter: TimeInterval = 5

    /// - Parameter url: `redis://[:password@]host[:port][/db]`.
    public init(url: String, poolSize: Int = 8, logger: Logger = Logger(label: "cockpit.limits")) throws {
        guard let parsed = URL(string: url), ["redis", "rediss"].contains(parsed.scheme ?? ""), let host = parsed.host,
            !host.isEmpty
        else {
            throw CockpitError.invalid(field: "REDIS_URL", reason: "must look like redis://[:password@]host:port[/db]")
        }
        let port = parsed.port ?? 6379
        let password = parsed.password ?? (parsed.user.flatMap { $0.isEmpty ? nil : $0 })
        let database = Int(parsed.path.dropFirst()) ?? 0
        self.logger = logger
        pool = ConnectionPool(label: "cockpit.redis", capacity: poolSize) {
            try RedisConnection(host: host, port: port, password: password, database: database)
        }
    }

    public var status: String {
        lock.withLock { downSince == nil }
            ? "redis (shared by every instance)" : "redis unreachable: per-instance counters until it returns"
    }

    /// Checks that Redis answers (startup and readiness).
    public func ping() async throws {
        _ = try await pool.withConnection { try $0.command(["PING"]) }
    }

    public func acquire(_ checks: [LimitCheck]) async -> LimitDecision {
        guard !checks.isEmpty else { return .admitted([]) }
        var args = ["EVAL", Self.acquireScript, String(checks.count)] + checks.map(\.key)
        for c in checks { args += [String(c.limit), String(c.amount), String(c.ttl)] }
        let reply = await run(args)
        guard case .array(let items)? = reply, case .integer(let ok)? = items.first else {
            return fallback.acquireNow(checks)
        }
        if ok == 0, case .integer(let index) = items.last { return .refused(index - 1) }
        return .admitted(items.dropFirst().map { if case .integer(let v) = $0 { v } else { 0 } })
    }

    public func release(_ keys: [String]) async {
        guard !keys.isEmpty else { return }
        if await run(["EVAL", Self.releaseScript, String(keys.count)] + keys) == nil { fallback.releaseNow(keys) }
    }

    public func add(_ key: String, _ amount: Int, ttl: Int) async {
        if await run(["EVAL", Self.addScript, "1", key, String(amount), String(ttl)]) == nil {
            fallback.addNow(key, amount, ttl: ttl)
        }
    }

    /// Runs a command, or answers nil while Redis is considered down (retried every few seconds).
    private func run(_ args: [String]) async -> RedisReply? {
        if let since = lock.withLock({ downSince }), Date().timeIntervalSince(since) < retryAfter { return nil }
        do {
            let reply = try await pool.withConnection { try $0.command(args) }
            if lock.withLock({
                let was = downSince; downSince = nil; return was
            }) != nil {
                logger.notice("redis is back: limits are shared across instances again")
            }
            return reply
        } catch {
            let first = lock.withLock { () -> Bool in
                let first = downSince == nil
                downSince = Date()
                return first
            }
            if first {
                logger.warning(
                    "redis unreachable: limits fall back to per-instance counters", metadata: ["error": "\(error)"])
            }
            return nil
        }
    }
}
