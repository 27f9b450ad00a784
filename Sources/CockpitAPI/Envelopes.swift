import CockpitCore

/// `{"item": …}`: one object.
public struct ItemEnvelope<T: Codable & Sendable>: Codable, Sendable {
    public var item: T
    public init(item: T) { self.item = item }
}

/// `{"items": […], "next_cursor": …}`: a page, or a whole list (`next_cursor` null).
public struct ListEnvelope<T: Codable & Sendable>: Codable, Sendable {
    public var items: [T]
    public var nextCursor: String?

    public init(items: [T], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// `next_cursor` is written as null, not left out: clients read the key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}
