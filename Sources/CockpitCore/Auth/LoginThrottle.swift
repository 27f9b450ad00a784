import Foundation

/// Slows password guessing at `/v2/login`: failures are counted per client address and per user name; after
/// `freeFailures` in a row, each further failure locks that key for twice as long as the last (1 s, 2 s, 4 s …,
/// at most `maxLock`). A locked key is refused at once with the seconds to wait, before any password work. A
/// success clears the user name's count. Counts are per instance and forgotten after an hour without failures;
/// the table is bounded, so random user names cannot grow it without limit.
public final class LoginThrottle: @unchecked Sendable {
    struct Entry {
        var failures: Int
        var lockedUntil: Date
        var last: Date
    }

    /// Refused: try again after `retryAfter` seconds.
    public struct Locked: Error, Sendable, Equatable {
        public let retryAfter: Int
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    public let freeFailures: Int
    public let maxLock: TimeInterval
    private let capacity: Int

    public init(freeFailures: Int = 5, maxLock: TimeInterval = 900, capacity: Int = 100_000) {
        self.freeFailures = freeFailures
        self.maxLock = maxLock
        self.capacity = capacity
    }

    /// The keys of an attempt: the client address and the user name.
    public static func keys(address: String?, username: String) -> [String] {
        ["user:" + username.trimmingCharacters(in: .whitespaces).lowercased()] + (address.map { ["addr:" + $0] } ?? [])
    }

    /// Throws `Locked` when any key is locked now.
    public func check(_ keys: [String], now: Date = Date()) throws {
        let wait = lock.withLock { keys.compactMap { entries[$0]?.lockedUntil }.max() ?? .distantPast }
            .timeIntervalSince(now)
        if wait > 0 { throw Locked(retryAfter: Int(wait.rounded(.up))) }
    }

    /// Counts a failure; returns the lock it started (nil while failures are still free).
    @discardableResult
    public func failed(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        lock.withLock {
            if entries.count >= capacity { entries = entries.filter { now.timeIntervalSince($0.value.last) < 3_600 } }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            var longest: TimeInterval?
            for key in keys {
                var entry =
                    entries[key].flatMap { now.timeIntervalSince($0.last) < 3_600 ? $0 : nil }
                    ?? Entry(failures: 0, lockedUntil: .distantPast, last: now)
                entry.failures += 1
                entry.last = now
                let over = entry.failures - freeFailures
                if over > 0 {
                    let seconds = min(maxLock, pow(2, Double(min(over - 1, 30))))
                    entry.lockedUntil = now.addingTimeInterval(seconds)
                    longest = max(longest ?? 0, seconds)
                }
                entries[key] = entry
            }
            return longest
        }
    }

    /// Clears the user name's count after a successful sign-in (the address keeps its count: one address guessing
    /// many names stays slowed).
    public func succeeded(username: String) {
        let key = Self.keys(address: nil, username: username)[0]
        lock.withLock { _ = entries.removeValue(forKey: key) }
    }
}
