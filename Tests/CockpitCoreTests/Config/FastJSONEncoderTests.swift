@testable import CockpitCore
import Foundation
import Testing

@Suite struct FastJSONEncoderTests {
    struct Inner: Encodable {
        let teamID: UUID
        let URLValue: String
        let note: String?
    }

    struct Outer: Encodable {
        let accountID: UUID
        let createdAt: Date
        let maxBudget: Double?
        let spend: Double
        let items: [Inner]
        let metadata: JSONValue
        let counts: [String: Int]
        let empty: [Int]
        let flag: Bool
    }

    static let id = UUID(uuidString: "2B8F2D73-FC14-469D-B6D8-388D35FE0C55")!

    @Test func writesWhatFoundationWouldWithSnakeCaseKeys() throws {
        let value = Outer(
            accountID: Self.id, createdAt: Date(timeIntervalSince1970: 1_795_750_399.5), maxBudget: nil, spend: 0.125,
            items: [
                Inner(teamID: Self.id, URLValue: "a\"b\\c\nd\u{1}", note: nil),
                Inner(teamID: Self.id, URLValue: "Zoë 李", note: "n"),
            ],
            metadata: ["camelCase": ["keepMe": true], "n": 3], counts: ["console": 2], empty: [], flag: true)
        let text = String(decoding: try FastJSONEncoder.encode(value), as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"account_id":"2b8f2d73-fc14-469d-b6d8-388d35fe0c55","created_at":"2026-11-27T03:33:19.500000Z","spend":0.125,"#
            ))
        #expect(text.contains(#""url_value":"a\"b\\c\nd\u0001""#))
        #expect(text.contains(#""metadata":{"camelCase":{"keepMe":true},"n":3}"#))
        #expect(!text.contains("max_budget") && !text.contains("note\":null"))
        // Whatever the key order, it is the same document Foundation's encoder describes.
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        foundation.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        let ours = try JSONValue.parse(text)
        var theirs = try JSONDecoder().decode(JSONValue.self, from: foundation.encode(value))
        // Foundation writes ids upper-case and converts the keys inside metadata too; we do neither.
        theirs = .object(
            theirs.objectValue!.merging(["account_id": .string(Self.id.lowercased), "metadata": value.metadata]) { $1 })
        #expect(ours["items"]?.arrayValue?.count == 2)
        #expect(
            ours["account_id"] == theirs["account_id"] && ours["counts"] == theirs["counts"]
                && ours["spend"] == theirs["spend"])
        #expect(ours["items"]?.arrayValue?[1]["url_value"] == "Zoë 李")
    }

    struct Nested: Encodable {
        enum Keys: String, CodingKey { case a, list, after }
        enum Inner: String, CodingKey { case x }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            var inner = c.nestedContainer(keyedBy: Inner.self, forKey: .a)
            try inner.encode(1, forKey: .x)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode("p")
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(true)
            try list.encodeNil()
            try c.encode("done", forKey: .after)
        }
    }

    @Test func nestedContainersCloseInOrder() throws {
        let text = String(decoding: try FastJSONEncoder.encode([Nested(), Nested()]), as: UTF8.self)
        let one = #"{"a":{"x":1},"list":["p",[true],null],"after":"done"}"#
        #expect(text == "[\(one),\(one)]")
    }

    @Test func uuidTextRoundTrips() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID.fast(id.lowercased) == id)
            #expect(UUID.fast(id.uuidString) == id)
            #expect(id.lowercased == id.uuidString.lowercased())
        }
        for bad in [
            "", "not-a-uuid", "2b8f2d73fc14469db6d8388d35fe0c55", "2b8f2d73-fc14-469d-b6d8-388d35fe0c5g",
            "2b8f2d73-fc14-469d-b6d8-388d35fe0c555",
        ] {
            #expect(UUID.fast(bad) == nil)
        }
    }
}
