import CockpitCore
import Foundation

/// The `/v1` wire format, shared by the server (which encodes answers and decodes bodies) and the cockpit's remote
/// backend (which does the opposite): snake_case keys from the Swift property names (`WireKeys`), ISO-8601 times with
/// microseconds (`Timestamp`), lower-case ids.
public enum APIJSON {
    /// A value as the wire's bytes.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] { try FastJSONEncoder.encode(value) }

    /// A decoder for the wire: keys mapped back to property names, times parsed by `Timestamp`.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in Key(WireKeys.camel(path.last!.stringValue)) }
        decoder.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// A value from the wire's bytes.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder().decode(T.self, from: data)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
