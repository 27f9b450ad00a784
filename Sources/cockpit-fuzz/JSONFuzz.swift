import CockpitCore

/// The gateway's JSON request decoding: the byte parser (`JSONBytes.parse`), the member scanner the hot path uses
/// (`JSONBytes.members`, `splice`), `GatewayRequest.parse` for every endpoint, and Foundation's `JSONValue.parse`.
///
/// Properties: what parses re-encodes to the same value; the scanner and the parser accept the same objects and
/// agree on every member; a parsed request stays valid JSON after the gateway rewrites its `model`.
enum JSONFuzz {
    static func run(_ input: FuzzInput) {
        let bytes = input.bytes
        let parsed = try? JSONBytes.parse(bytes)
        if let parsed { roundTrip(parsed) }
        scannerAgrees(bytes, parsed: parsed)
        for endpoint in GatewayEndpoint.allCases {
            if let request = try? GatewayRequest.parse(endpoint, body: bytes) { rewrite(request) }
        }
        _ = try? GatewayRequest.parse(.chat, body: bytes, model: "path-model")
        _ = try? JSONValue.parse(input.text)
    }

    /// Encoding a parsed value and parsing it again gives the same value (non-finite numbers become null).
    static func roundTrip(_ value: JSONValue) {
        guard let encoded = try? FastJSONEncoder.encode(value) else {
            return Fuzz.expect(false, "a parsed value does not encode")
        }
        let again = try? JSONBytes.parse(encoded)
        Fuzz.expect(
            again == normalized(value), "re-encoding changes the value: \(String(decoding: encoded, as: UTF8.self))")
    }

    /// `members` accepts exactly the objects `parse` accepts, and each member's range parses to that member's value.
    static func scannerAgrees(_ bytes: [UInt8], parsed: JSONValue?) {
        let members = try? JSONBytes.members(bytes)
        guard let members else {
            Fuzz.expect(parsed?.objectValue == nil, "the parser accepts an object the member scanner refuses")
            return
        }
        guard let object = parsed?.objectValue else {
            return Fuzz.expect(false, "the member scanner accepts what the parser refuses")
        }
        Fuzz.expect(Set(members.map(\.key)) == Set(object.keys), "scanner and parser see different keys")
        var last: [String: Range<Int>] = [:]
        for m in members { last[m.key] = m.value }
        for (key, range) in last {
            Fuzz.expect(
                (try? JSONBytes.parse(bytes, range)) == object[key], "member '\(key)' parses differently from its range"
            )
        }
    }

    /// The gateway's rewrites of a request body (upstream model, dropped and added fields) give valid JSON.
    static func rewrite(_ request: GatewayRequest) {
        _ = request.value("messages")
        _ = request.estimatedPromptTokens
        let renamed = JSONBytes.splice(
            request.body, members: request.members, replacements: ["model": JSONBytes.quoted("upstream/model")])
        let value = try? JSONBytes.parse(renamed)
        Fuzz.expect(value?["model"] == .string("upstream/model"), "a rewritten model is not valid JSON")
        let rebuilt = JSONBytes.splice(
            request.body, members: request.members, replacements: ["stream": nil, "model": JSONBytes.quoted("m")],
            additions: [("user", JSONBytes.quoted("fuzz\u{0}\"\\"))])
        let object = try? JSONBytes.parse(rebuilt)
        Fuzz.expect(
            object?["stream"] == nil && object?["model"] == "m" && object?["user"] != nil,
            "a rebuilt body is not valid JSON")
    }

    /// The value as it reads back after encoding: NaN and infinities are written as null.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let n) where !n.isFinite: .null
        case .array(let a): .array(a.map(normalized))
        case .object(let o): .object(o.mapValues(normalized))
        default: value
        }
    }
}
