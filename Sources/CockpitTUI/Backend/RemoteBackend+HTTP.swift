import CockpitAPI
import CockpitCore
import Foundation

extension RemoteBackend {
    /// A session token (from /v2/login) can be ended; the master key or a virtual key cannot.
    public var canSignOut: Bool { SessionTokens.looksLikeToken(credential) }

    public func signOut() async throws {
        guard canSignOut else {
            throw CockpitError.invalid(
                field: "logout", reason: "this cockpit uses a key, not a session: there is nothing to sign out of")
        }
        _ = try await send("POST", "/v2/logout", nil, account: nil)
    }

    func get(_ path: String, account: UUID?) async throws -> JSONValue {
        try await send("GET", path, nil, account: account)
    }

    /// One call; a refusal becomes the core's error with the server's message (`detail` or OpenAI's `error.message`).
    func send(_ method: String, _ path: String, _ body: JSONValue?, account: UUID?) async throws -> JSONValue {
        try await send(method, path, bytes: try body.map { try FastJSONEncoder.encode($0) }, account: account)
    }

    /// The call itself, with the body already encoded.
    private func send(_ method: String, _ path: String, bytes body: [UInt8]?, account: UUID?) async throws -> JSONValue
    {
        // Read-only: nothing but reads leaves this process (signing out changes no data).
        if readOnly, method != "GET", path != "/v2/logout" { throw Policy.readOnlyRefusal }
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(credential)"), ("Accept", "application/json"),
        ]
        // Always named, so the server refuses another account (403) as the local backend does, instead of answering
        // about the caller's own.
        if let account { headers.append(("X-Account-Id", account.lowercased)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response = try await http.send(
            HTTPClientRequest(
                url: base + path, method: method, headers: headers,
                body: body, connectTimeout: 5, timeout: 30))
        let json = (try? JSONBytes.parse(response.body)) ?? .null
        guard (200..<300).contains(response.status) else {
            let message =
                json["detail"]?.stringValue ?? json["error"]?["message"]?.stringValue
                ?? "the server answered \(response.status)"
            switch response.status {
            // Worded exactly as the server (the core) worded it, as the local backend shows it.
            case 400, 413, 422: throw CockpitError.badRequest(message)
            case 409: throw CockpitError.conflict(message)
            case 401: throw CockpitError.unauthenticated(message)
            case 403: throw CockpitError.forbidden(message)
            // The server says "team not found": the core's error for it is `.notFound("team")`, as the local backend throws it.
            case 404:
                throw CockpitError.notFound(message.hasSuffix(" not found") ? String(message.dropLast(10)) : message)
            default: throw CockpitError.unavailable(message)
            }
        }
        return json
    }

    /// A value from the server's JSON, read as the wire contract reads it (`APIJSON`: the same key names and times the
    /// server writes).
    func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue?) throws -> T {
        do { return try APIJSON.decode(T.self, from: Data(try FastJSONEncoder.encode(value ?? .null))) } catch {
            throw CockpitError.unavailable("the server's answer could not be read (\(T.self)): \(error)")
        }
    }

    /// A call with a body of the wire contract (`CockpitAPI`).
    func send<Body: Encodable>(_ method: String, _ path: String, body: Body, account: UUID?) async throws -> JSONValue {
        try await send(method, path, bytes: try APIJSON.encode(body), account: account)
    }
}
