import Foundation

/// How property names become the wire's keys and back, in one place: `accountID` ↔ `account_id`. The server's
/// encoder, its body decoder and the cockpit's remote backend all use these, so a field is named once, in Swift.
public enum WireKeys {
    /// `accountID` → `account_id`, `maxBudget` → `max_budget` (as Foundation's `.convertToSnakeCase`).
    public static func snake(_ key: String) -> String { KeyCache.snake(key) }

    /// `account_id` → `accountID`, `max_budget` → `maxBudget`: a part that is exactly `id` becomes `ID`.
    public static func camel(_ key: String) -> String {
        let parts = key.split(separator: "_")
        guard let first = parts.first else { return key }
        let rest = parts.dropFirst().map { $0 == "id" ? "ID" : $0.prefix(1).uppercased() + $0.dropFirst() }
        return String(first) + rest.joined()
    }
}

/// camelCase → snake_case as Foundation's `.convertToSnakeCase` does it (`accountID` → `account_id`,
/// `URLValue` → `url_value`), computed once per distinct key.
enum KeyCache {
    nonisolated(unsafe) private static var cache: [String: String] = [:]
    private static let lock = NSLock()

    static func snake(_ key: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[key] { return hit }
        let chars = Array(key)
        var out = ""
        for (i, ch) in chars.enumerated() {
            if ch.isUppercase, i > 0 {
                let previous = chars[i - 1], next = i + 1 < chars.count ? chars[i + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    out.append("_")
                }
            }
            out += ch.lowercased()
        }
        cache[key] = out
        return out
    }
}
