import Foundation

/// A page request: at most `limit` items after `cursor` (an opaque token from the previous page).
public struct PageRequest: Sendable, Equatable {
    /// The largest page any list returns.
    public static let maxLimit = 500
    /// The page size when none is asked for.
    public static let defaultLimit = 50

    public var limit: Int
    public var cursor: String?

    /// A page request; the limit is clamped to 1…`maxLimit`.
    public init(limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.limit = min(max(limit, 1), PageRequest.maxLimit)
        self.cursor = cursor
    }

    /// The first page of the default size.
    public static let first = PageRequest()
}

/// One page of a list and the cursor of the next page (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable {}

/// Keyset cursors: the sort key and id of the last item, base64url-encoded. Invalid input is a clear error.
enum KeysetCursor {
    static func encode(_ parts: [String]) -> String {
        Base64URL.encode(Data(parts.joined(separator: "\u{1f}").utf8))
    }

    static func decode(_ cursor: String, parts count: Int) throws -> [String] {
        guard cursor.count <= 1024, let data = Base64URL.decode(cursor), let text = String(data: data, encoding: .utf8)
        else { throw CockpitError.invalid(field: "cursor", reason: "is not a valid page cursor") }
        let parts = text.components(separatedBy: "\u{1f}")
        guard parts.count == count else {
            throw CockpitError.invalid(field: "cursor", reason: "is not a valid page cursor")
        }
        return parts
    }
}
