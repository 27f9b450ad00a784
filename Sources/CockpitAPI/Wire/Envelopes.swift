import CockpitCore

/// `{"item": …}`: one object (the item may be `null`, for an optional answer).
public struct ItemEnvelope<T> {
    public var item: T
    public init(item: T) { self.item = item }

    enum CodingKeys: String, CodingKey { case item }
}

extension ItemEnvelope: Sendable where T: Sendable {}

extension ItemEnvelope: Decodable where T: Decodable {}

extension ItemEnvelope: Encodable where T: Encodable {
    /// `item` is written even when it is nil: clients read the key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
    }
}

/// `{"items": […], "next_cursor": …}`: a page, or a whole list (`next_cursor` null).
public struct ListEnvelope<T> {
    public var items: [T]
    public var nextCursor: String?

    public init(items: [T], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}

extension ListEnvelope: Sendable where T: Sendable {}

extension ListEnvelope: Decodable where T: Decodable {}

extension ListEnvelope: Encodable where T: Encodable {
    /// `next_cursor` is written as null, not left out: clients read the key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

/// The body of a route that takes no fields (`/v1/keys/{id}/block`, `/v2/logout`): read so that anything sent is
/// named in `x-cockpit-ignored-fields` (or refused when strict), never dropped without a word.
public struct NoFields: Codable, Sendable {
    public init() {}
}
