import CockpitCore
import Foundation

/// One field of a change (`PATCH`) body: absent (leave it as it is), `null` (clear it) or a value. A property of this
/// type in a CockpitAPI body decodes an absent key as `.absent` and encodes `.absent` as no key at all.
public enum PatchField<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    case absent
    case null
    case value(Value)

    /// `nil` when absent, `.some(nil)` for `null`, `.some(value)` otherwise: the shape the core's patches take.
    public var change: Value?? {
        switch self {
        case .absent: nil
        case .null: .some(nil)
        case .value(let value): .some(value)
        }
    }

    /// The field as a change: absent for `nil`, `null` for `.some(nil)`.
    public init(_ change: Value??) {
        switch change {
        case .none: self = .absent
        case .some(.none): self = .null
        case .some(.some(let value)): self = .value(value)
        }
    }

    /// Absent for nil, else the value (a field that is set or left alone, never cleared).
    public init(given value: Value?) { self = value.map { .value($0) } ?? .absent }

    /// The value when one is given; absent and `null` are both `nil`.
    public var value: Value? { if case .value(let value) = self { value } else { nil } }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Value.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if case .value(let value) = self { try container.encode(value) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// An absent key is `.absent`, `null` is `.null` (the synthesized decoders of CockpitAPI bodies call this).
    public func decode<V>(_ type: PatchField<V>.Type, forKey key: Key) throws -> PatchField<V> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(V.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// `.absent` writes no key, `.null` writes `null`.
    public mutating func encode<V>(_ value: PatchField<V>, forKey key: Key) throws {
        switch value {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let v): try encode(v, forKey: key)
        }
    }
}

extension PatchField {
    /// The value when given, nil when absent; `null` is refused naming the field (it cannot be cleared).
    public func required(_ field: String) throws -> Value? {
        if case .null = self { throw CockpitError.invalid(field: field, reason: "must not be null") }
        return value
    }
}
