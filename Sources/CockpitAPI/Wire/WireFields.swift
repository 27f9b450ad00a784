import CockpitCore
import Foundation

/// A body type that takes names beside its properties' wire names (the original system's, LiteLLM's), each read by
/// its own `init(from:)`.
public protocol WireAliases {
    /// The extra top-level names the type reads.
    static var aliases: Set<String> { get }
}

/// The top-level field names a `/v1` body type takes, derived from its stored properties (`WireKeys.snake` of each
/// name) plus its `WireAliases`: the one list the server checks bodies against (naming or refusing the rest) and `WireContractTests`
/// compares with docs/openapi.yaml.
public enum WireFields {
    /// The wire names of a value's stored properties and aliases; nil for values that are not structs (free JSON).
    public static func of(_ value: Any) -> Set<String>? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct else { return nil }
        var names = Set(mirror.children.compactMap { $0.label.map(WireKeys.snake) })
        if let aliased = value as? any WireAliases { names.formUnion(type(of: aliased).aliases) }
        return names
    }

    /// A body decoded from the wire's bytes, with the top-level fields its type does not take (in name order): the
    /// server names them in its answer, or refuses them when strict (`UnknownFields`).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> (value: T, ignored: [String]) {
        let parsed = try? JSONBytes.parse(Array(data))
        let value: T
        do { value = try APIJSON.decode(T.self, from: data) } catch DecodingError.dataCorrupted(let c)
            where c.codingPath.isEmpty
        {
            guard case .object(let object)? = parsed else { throw DecodingError.dataCorrupted(c) }
            throw DecodingError.dataCorrupted(
                .init(codingPath: misfitNumber(T.self, in: object).map { [Name($0)] } ?? [], debugDescription: "misfit")
            )
        }
        guard let known = of(value), case .object(let object)? = parsed else { return (value, []) }
        return (value, object.keys.sorted().filter { !known.contains($0) })
    }

    /// Foundation's decoder reports a number that does not fit its field (1.5 for a whole number, 1e300) as "not
    /// valid JSON" with no path; this finds the top-level field it was, the one whose number replaced by 0 decodes.
    static func misfitNumber<T: Decodable>(_ type: T.Type, in object: [String: JSONValue]) -> String? {
        object.keys.sorted().first { key in
            guard case .number? = object[key] else { return false }
            var fixed = object
            fixed[key] = .number(0)
            guard let bytes = try? APIJSON.encode(JSONValue.object(fixed)) else { return false }
            do { _ = try APIJSON.decode(T.self, from: Data(bytes)) } catch DecodingError.dataCorrupted(let c) {
                return !c.codingPath.isEmpty
            } catch { return true }
            return true
        }
    }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Body fields their route does not take (refused when the server is strict).
    public struct UnknownFields: Error, Sendable, Equatable {
        public let names: [String]
        public let known: Set<String>

        public init(names: [String], known: Set<String>) { (self.names, self.known) = (names, known) }

        /// "x, y: not fields of this request (it takes a, b, c)".
        public var message: String {
            let which = names.count == 1 ? "is not a field" : "are not fields"
            return "\(names.joined(separator: ", ")) \(which) of this request (it takes "
                + "\(known.sorted().joined(separator: ", ")))"
        }
    }
}
