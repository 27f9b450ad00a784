import Foundation

/// The one request a connection test makes (docs/COPILOT_CATALOG.md "Connections"), built from the connection's
/// top-level `config_json` and its opened secret:
/// - OpenAPI: `GET` the spec (`spec_url`, else `spec` when it is a URL);
/// - MCP: the `initialize` JSON-RPC request over Streamable HTTP, `POST` to `server_url` (else `url`) with
///   `Accept: application/json, text/event-stream`;
/// - Composio: `GET <base_url, else https://backend.composio.dev>/api/v3/auth/session/info` with `x-api-key`.
/// OpenAPI and MCP send the secret's `headers` (an object of strings) as headers, and its `bearer_token`, `token` or
/// `access_token` as `Authorization: Bearer …` unless a header already sets Authorization.
struct ConnectionTestPlan: Sendable {
    enum Kind: Sendable { case spec, mcp, composio }

    var kind: Kind
    var url: String
    var method: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]?
    /// Every text of the secret, so that no detail ever repeats one.
    var secrets: [String]

    static let composioBase = "https://backend.composio.dev"
    static let composioPath = "/api/v3/auth/session/info"
    static let mcpProtocolVersion = "2025-03-26"

    /// The plan, or why there is nothing to request (said without the secret).
    static func make(_ c: Connection, secret: JSONValue) -> Result<ConnectionTestPlan, ConnectionPlanError> {
        let secrets = texts(in: secret).filter { $0.count >= 4 }
        func string(_ key: String) -> String? {
            c.config[key]?.stringValue.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
                $0.isEmpty ? nil : $0
            }
        }
        switch c.type {
        case .openapi:
            let spec = string("spec").flatMap { ConnectionConfigPolicy.hasScheme($0) ? $0 : nil }
            guard let url = string("spec_url") ?? spec else {
                return .failure(.init("config_json names no spec_url (or spec URL) to fetch"))
            }
            return authHeaders(secret).map {
                ConnectionTestPlan(
                    kind: .spec, url: url, method: "GET",
                    headers: [("Accept", "application/json, application/yaml, text/yaml, */*")] + $0, body: nil,
                    secrets: secrets)
            }
        case .mcp:
            guard let url = string("server_url") ?? string("url") else {
                return .failure(.init("config_json names no server_url to connect to"))
            }
            let initialize: JSONValue = [
                "jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": [
                    "protocolVersion": .string(mcpProtocolVersion), "capabilities": [:],
                    "clientInfo": ["name": "cockpit", "version": "1"],
                ],
            ]
            return authHeaders(secret).map {
                ConnectionTestPlan(
                    kind: .mcp, url: url, method: "POST",
                    headers: [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")]
                        + $0, body: Array(initialize.encodedString.utf8), secrets: secrets)
            }
        case .composio:
            guard let key = secret["api_key"]?.stringValue, !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                return .failure(.init("secret_json holds no api_key to call Composio with"))
            }
            guard valid(value: key) else { return .failure(.init("secret_json.api_key cannot be sent as a header")) }
            var base = string("base_url") ?? composioBase
            while base.hasSuffix("/") { base.removeLast() }
            return .success(
                ConnectionTestPlan(
                    kind: .composio, url: base + composioPath, method: "GET",
                    headers: [("Accept", "application/json"), ("x-api-key", key)], body: nil, secrets: secrets))
        }
    }

    /// The headers the secret asks for; refuses (naming the header, never its value) one that cannot be sent.
    static func authHeaders(_ secret: JSONValue) -> Result<[(name: String, value: String)], ConnectionPlanError> {
        var headers: [(name: String, value: String)] = []
        for (name, value) in (secret["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard valid(name: name), let text = value.stringValue, valid(value: text) else {
                return .failure(.init("secret_json.headers.\(name.prefix(64)) cannot be sent as a header"))
            }
            headers.append((name, text))
        }
        let token = ["bearer_token", "token", "access_token"].lazy.compactMap { secret[$0]?.stringValue }.first
        if let token, !headers.contains(where: { $0.name.lowercased() == "authorization" }) {
            guard valid(value: token) else { return .failure(.init("the secret's token cannot be sent as a header")) }
            headers.append(("Authorization", "Bearer \(token)"))
        }
        return .success(headers)
    }

    /// An HTTP header name: a token of visible ASCII without separators.
    static func valid(name: String) -> Bool {
        !name.isEmpty && name.count <= 256
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && $0.value > 32 && $0.value < 127 && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains($0)
            }
    }

    /// A header value: no control characters (no line breaks to smuggle another header), at most 8 KiB.
    static func valid(value: String) -> Bool {
        value.utf8.count <= 8192 && !value.unicodeScalars.contains { $0.value < 32 && $0 != "\t" || $0.value == 127 }
    }

    /// Every string of a JSON document (values and keys' values, at any depth).
    static func texts(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): [s]
        case .array(let items): items.flatMap(texts)
        case .object(let members): members.values.flatMap(texts)
        case .null, .bool, .number: []
        }
    }
}

/// Why a connection has nothing to test.
struct ConnectionPlanError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
