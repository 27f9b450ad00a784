@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ProxyServer

/// A gateway on a fresh store with a fake upstream on a live loopback port, and one account with an admin.
/// `config` is LiteLLM YAML in which `UPSTREAM` stands for the fake's base URL.
struct GatewayHarness {
    static let masterKey = ServerHarness.masterKey

    let cockpit: Cockpit
    let runtime: GatewayRuntime
    let upstream: FakeUpstream
    let upstreamURL: String
    let fixture: TenantFixture
    let routes: [RouteInfo]
    let client: any TestClientProtocol
    /// The gateway's port when started `live`.
    let port: Int?

    var gateway: Gateway { runtime.gateway }
    var accountID: UUID { fixture.account.id }

    static let defaultConfig = """
        model_list:
          - model_name: gpt-test
            litellm_params: {model: openai/gpt-4o-mini, api_base: UPSTREAM/v1, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: azure-test
            litellm_params: {model: azure/my-deployment, api_base: UPSTREAM, api_key: upstream-key, api_version: "2024-10-21"}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: claude-test
            litellm_params: {model: anthropic/claude-3-5-haiku-20241022, api_base: UPSTREAM, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: gemini-test
            litellm_params: {model: gemini/gemini-1.5-flash, api_base: UPSTREAM, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: cohere-test
            litellm_params: {model: cohere/command-r, api_base: UPSTREAM, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: cohere-embed
            litellm_params: {model: cohere/embed-english-v3.0, api_base: UPSTREAM, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0}
          - model_name: mock-test
            litellm_params: {model: mock/any}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
          - model_name: embed-test
            litellm_params: {model: openai/text-embedding-3-small, api_base: UPSTREAM/v1, api_key: upstream-key}
            model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0}
        router_settings: {num_retries: 1, cooldown_time: 5}
        """

    /// Limits count per calendar minute, as LiteLLM's do. A test that sends N + 1 requests and expects the last one
    /// refused first waits out a minute that is about to turn, so that all of them fall into one window.
    static func awayFromAMinuteBoundary(margin: TimeInterval = 8) async throws {
        let into = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        if into > 60 - margin { try await Task.sleep(for: .seconds(60 - into + 0.05)) }
    }

    static func with(
        _ kind: StoreKind = .sqlite, config: String = defaultConfig, environment: [String: String] = [:],
        behavior: FakeUpstream.Behavior = FakeUpstream.Behavior(), live: Bool = false,
        _ body: @escaping @Sendable (GatewayHarness) async throws -> Void
    ) async throws {
        var behavior = behavior
        behavior.requiredKey = behavior.requiredKey ?? "upstream-key"
        let upstream = FakeUpstream(behavior)
        let upstreamApp = Application(
            router: upstream.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await upstreamApp.test(.live) { upstreamClient in
            let base = "http://127.0.0.1:\(upstreamClient.port!)"
            try await TestStores.with(kind) { db in
                let settings = Settings(
                    environment: [
                        "LITELLM_MASTER_KEY": masterKey, "UI_PASSWORD": ServerHarness.uiPassword,
                        "COCKPIT_SESSION_SECRET": ServerHarness.sessionSecret,
                    ].merging(environment) { $1 },
                    dotenvPath: nil)
                let cockpit = Cockpit(settings: settings, database: db)
                let fixture = try await TenantFixture.make(cockpit, name: "Gw")
                let authenticator = Authenticator(
                    cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
                let parsed = try GatewayConfig.parse(config.replacingOccurrences(of: "UPSTREAM", with: base))
                let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "spill-\(UUID().uuidString).jsonl"
                ).path
                let runtime = try GatewayRuntime(
                    cockpit: cockpit, authenticator: authenticator, config: parsed, spillPath: spill)
                try await runtime.start(pollInterval: 0.2)
                let (router, routes) = CockpitServer.router(
                    cockpit: cockpit, authenticator: authenticator, gateway: runtime.gateway)
                do {
                    let app = Application(
                        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
                    try await app.test(live ? .live : .router) { client in
                        try await body(
                            GatewayHarness(
                                cockpit: cockpit, runtime: runtime, upstream: upstream, upstreamURL: base,
                                fixture: fixture, routes: routes, client: client, port: client.port))
                    }
                } catch {
                    await runtime.shutdown()
                    throw error
                }
                await runtime.shutdown()
            }
        }
    }

    /// What a call answered.
    struct Answer {
        let status: Int
        let json: JSONValue
        let headers: HTTPFields
        let text: String

        func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
        /// The `data:` payloads of an SSE body.
        var events: [String] {
            text.components(separatedBy: "\n\n").compactMap { block in
                block.split(separator: "\n").first { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
            }
        }
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, key: String? = masterKey, json: JSONValue? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        let body = json.map { ByteBuffer(string: $0.encodedString) }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { r in
            let text = String(buffer: r.body)
            return Answer(
                status: Int(r.status.code), json: (try? JSONValue.parse(text)) ?? .null, headers: r.headers, text: text)
        }
    }

    /// A chat request body.
    static func chat(
        _ model: String, stream: Bool = false, usage: Bool = false, extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var o: [String: JSONValue] = [
            "model": .string(model), "messages": [["role": "user", "content": "hello there"]],
        ]
        if stream { o["stream"] = true }
        if usage { o["stream_options"] = ["include_usage": true] }
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }

    /// Generates a key for the harness account through `/key/generate`.
    func newKey(_ fields: [String: JSONValue] = [:]) async throws -> String {
        var body = fields
        body["account_id"] = .string(accountID.lowercased)
        let answer = try await call(.post, "/key/generate", json: .object(body))
        guard let key = answer.json["key"]?.stringValue else { throw Failure.keyNotGenerated(answer.text) }
        return key
    }

    /// Writes waiting spend rows and returns the account's spend rows, newest first.
    func spendRows() async throws -> [SpendLog] {
        await gateway.spend.flush()
        return try await cockpit.database.read(.account(accountID)) { tx in
            try SpendRepository(tx).logs(from: .distantPast, to: .distantFuture, limit: 1000)
        }
    }

    enum Failure: Error { case keyNotGenerated(String) }
}
