import Foundation

/// A small time-limited cache for authentication look-ups (virtual keys by hash, admin sessions). Entries live
/// `ttl` seconds, so a change made by another instance is seen within that time; changes made through this
/// process's services evict at once (see `CoreEvents`).
final class CredentialCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (value: Value, expires: Date)] = [:]
    private let ttl: TimeInterval
    private let capacity: Int

    init(ttl: TimeInterval, capacity: Int = 100_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    func get(_ key: String, now: Date = Date()) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key], entry.expires > now else { return nil }
        return entry.value
    }

    /// The last value stored for `key`, even expired (what the gateway serves while the store is down).
    func stale(_ key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]?.value
    }

    func set(_ key: String, _ value: Value, now: Date = Date()) {
        lock.lock()
        if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (value, now.addingTimeInterval(ttl))
        lock.unlock()
    }

    func remove(where predicate: (String, Value) -> Bool) {
        lock.lock()
        entries = entries.filter { !predicate($0.key, $0.value.value) }
        lock.unlock()
    }
}
