@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ProxyServer

/// A server over a fresh test store, driven in process through Hummingbird's router test client.
struct ServerHarness {
    static let masterKey = "sk-master-test-0123456789"
    static let uiPassword = "ui-password-123"
    static let sessionSecret = "session-secret-for-tests-0123456789"

    let cockpit: Cockpit
    let routes: [RouteInfo]
    let client: any TestClientProtocol
    /// The gateway behind the OpenAI and LiteLLM routes (no config models; its background work is not started).
    let gateway: Gateway

    /// What a call answered.
    struct Answer {
        let status: HTTPResponse.Status
        let json: JSONValue
        let headers: HTTPFields
        let text: String

        /// A response header's value.
        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
    }

    /// The password pool of every test server: the process's two threads, but room for every test running at once
    /// to queue its sign-ins (the shared pool's 503 beyond 32 waiting is tested in LoginHardeningTests).
    static let passwords = PasswordWorkPool.passwords(workers: 2, capacity: 100_000)

    /// Runs `body` with a server on a fresh, migrated store of `kind`; `environment` adds settings (STORE_MODEL_IN_DB…).
    static func with(
        _ kind: StoreKind, migrated: Bool = true, maxBodyBytes: Int = 1 << 20, zitadel: ZitadelVerifier? = nil,
        environment: [String: String] = [:], _ body: @escaping @Sendable (ServerHarness) async throws -> Void
    ) async throws {
        try await TestStores.with(kind, migrated: migrated) { db in
            let settings = Settings(
                environment: [
                    "LITELLM_MASTER_KEY": masterKey, "UI_USERNAME": "root", "UI_PASSWORD": uiPassword,
                    "COCKPIT_SESSION_SECRET": sessionSecret,
                ].merging(environment) { $1 }, dotenvPath: nil)
            let cockpit = Cockpit(settings: settings, database: db, passwordPool: Self.passwords)
            let authenticator = Authenticator(
                cockpit: cockpit, sessions: try SessionTokens(secret: sessionSecret), zitadel: zitadel)
            // The gateway with no models: its routes exist (OpenAPI check) and refuse as documented.
            let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                "spill-\(UUID().uuidString).jsonl"
            ).path
            let gateway = try GatewayRuntime(cockpit: cockpit, authenticator: authenticator, spillPath: spill)
            var options = ServerOptions(maxBodyBytes: maxBodyBytes)
            options.strictFields = try settings.strictFields()
            let (router, routes) = CockpitServer.router(
                cockpit: cockpit, authenticator: authenticator, gateway: gateway.gateway, options: options)
            let app = Application(router: router)
            do {
                try await app.test(.router) { client in
                    try await body(
                        ServerHarness(cockpit: cockpit, routes: routes, client: client, gateway: gateway.gateway))
                }
            } catch {
                await gateway.shutdown()
                throw error
            }
            await gateway.shutdown()
        }
    }

    /// Sends a request; `token` goes in `Authorization: Bearer`, `json` as the body.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = masterKey, json: JSONValue? = nil,
        raw: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json.encodedString)
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            let text = String(buffer: response.body)
            return Answer(
                status: response.status, json: (try? JSONValue.parse(text)) ?? .null, headers: response.headers,
                text: text)
        }
    }

    /// A session token for an account admin with a password.
    func adminToken(email: String, password: String) async throws -> String {
        let answer = try await call(
            .post, "/v2/login", token: nil, json: ["username": .string(email), "password": .string(password)])
        guard let token = answer.json["token"]?.stringValue else { throw HarnessError.loginFailed(answer.text) }
        return token
    }

    enum HarnessError: Error { case loginFailed(String) }
}

extension JSONValue {
    /// `item.<key>` of an envelope, as text.
    func itemString(_ key: String) -> String? { self["item"]?[key]?.stringValue }
    /// The items of a list envelope.
    var items: [JSONValue] { self["items"]?.arrayValue ?? [] }
}
