import Foundation

/// Byte-level JSON for the gateway's hot path: a strict parser into `JSONValue`, and a scanner of an object's
/// top-level members that lets the gateway read and splice single fields (`model`, `stream`, `usage`) of a body
/// it otherwise forwards untouched. Both refuse malformed input with `CockpitError.invalid`.
public enum JSONBytes {
    /// One top-level member of an object: its key and where its value lies in the bytes.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Range<Int>
    }

    /// Parses a whole JSON document.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var reader = JSONCursor(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw reader.error("unexpected data after the JSON value") }
        return value
    }

    /// Parses the value in one range of the bytes (a member found by `members`).
    public static func parse(_ bytes: [UInt8], _ range: Range<Int>) throws -> JSONValue {
        var reader = JSONCursor(bytes: bytes, index: range.lowerBound)
        return try reader.value(depth: 0)
    }

    /// The top-level members of a JSON object, in order, after checking that the whole document is well formed.
    public static func members(_ bytes: [UInt8]) throws -> [Member] {
        var reader = JSONCursor(bytes: bytes)
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "{") else {
            throw CockpitError.invalid(field: "body", reason: "must be a JSON object")
        }
        reader.index += 1
        var members: [Member] = []
        reader.skipSpace()
        if reader.peek == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
                reader.skipSpace()
                let key = try reader.string()
                reader.skipSpace()
                try reader.expect(UInt8(ascii: ":"))
                reader.skipSpace()
                let start = reader.index
                try reader.skipValue(depth: 1)
                members.append(Member(key: key, value: start..<reader.index))
                reader.skipSpace()
                if reader.peek == UInt8(ascii: ",") { reader.index += 1; continue }
                try reader.expect(UInt8(ascii: "}"))
                break
            }
        }
        reader.skipSpace()
        guard reader.index == bytes.count else { throw reader.error("unexpected data after the JSON object") }
        return members
    }

    /// The bytes of a JSON string literal for `s` (the response encoder's escaping).
    public static func quoted(_ s: String) -> [UInt8] { (try? FastJSONEncoder.encode(s)) ?? [0x22, 0x22] }

    /// A copy of `bytes` with the members named in `replacements` given new raw values (nil removes the member)
    /// and `additions` appended. Other bytes are kept as they were.
    public static func splice(
        _ bytes: [UInt8], members: [Member], replacements: [String: [UInt8]?],
        additions: [(String, [UInt8])] = []
    ) -> [UInt8] {
        if additions.isEmpty, !replacements.values.contains(where: { $0 == nil }) {
            // Only values change (every answer's `model`): copy the bytes around them as they are.
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var copied = 0
            for m in members {
                guard let replacement = replacements[m.key] ?? nil else { continue }
                out += bytes[copied..<m.value.lowerBound]
                out += replacement
                copied = m.value.upperBound
            }
            out += bytes[copied...]
            return out
        }
        var out: [UInt8] = [0x7B]
        out.reserveCapacity(bytes.count + 64)
        var first = true
        func emit(_ key: String, _ value: ArraySlice<UInt8>) {
            if !first { out.append(0x2C) }
            first = false
            out += quoted(key)
            out.append(0x3A)
            out += value
        }
        for m in members {
            if let replacement = replacements[m.key] {
                if let replacement { emit(m.key, replacement[...]) }
            } else {
                emit(m.key, bytes[m.value])
            }
        }
        for (key, value) in additions where !members.contains(where: { $0.key == key }) { emit(key, value[...]) }
        out.append(0x7D)
        return out
    }
}
