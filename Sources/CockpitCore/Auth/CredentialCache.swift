import Foundation

/// A small time-limited cache for authentication look-ups (virtual keys by hash, admin sessions) and the gateway's
/// policies. Entries live `ttl` seconds, so a change made by another instance is seen within that time; changes made
/// through this process's services evict at once (see `CoreEvents`). Keys are texts, or (on the hottest paths) ids
/// that cost nothing to build (`KeyedCache`).
typealias CredentialCache<Value: Sendable> = KeyedCache<String, Value>

/// `CredentialCache` with keys of any kind.
final class KeyedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: (value: Value, expires: Date)] = [:]
    private let ttl: TimeInterval
    private let capacity: Int

    init(ttl: TimeInterval, capacity: Int = 100_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    func get(_ key: Key, now: Date = Date()) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key], entry.expires > now else { return nil }
        return entry.value
    }

    /// The last value stored for `key`, even expired (what the gateway serves while the store is down).
    func stale(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]?.value
    }

    func set(_ key: Key, _ value: Value, now: Date = Date()) {
        lock.lock()
        if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (value, now.addingTimeInterval(ttl))
        lock.unlock()
    }

    func remove(where predicate: (Key, Value) -> Bool) {
        lock.lock()
        entries = entries.filter { !predicate($0.key, $0.value.value) }
        lock.unlock()
    }
}
