@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// A model an account owns cannot reach into the network (issue 12, item 2): refused when saved, refused again on
/// the address connected to, exceptions only through COCKPIT_UPSTREAM_ALLOW; its upstream's error bodies are
/// reduced to the status. No test here sends traffic anywhere but loopback: the other addresses are refused
/// before any connection.
@Suite struct GatewayUpstreamAddressTests {
    static let internalBases = [
        "http://127.0.0.1:8080/v1", "http://10.0.0.1/v1", "http://169.254.169.254/latest", "http://[::1]:8080/v1",
        "http://localhost:8080/v1", "http://[::ffff:127.0.0.1]/v1", "http://100.64.0.1/v1", "http://[fd00::1]/v1",
        "http://224.0.0.1/v1", "http://0.0.0.0:8080/v1",
    ]

    @Test func internalAddressesAreRefusedWhenSaved() async throws {
        try await GatewayHarness.with(environment: ["STORE_MODEL_IN_DB": "true"]) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            for base in Self.internalBases + ["ftp://example.com/v1", "file:///etc/passwd", "gopher://127.0.0.1:25/"] {
                let answer = try await g.call(
                    .post, "/model/new",
                    json: [
                        "account_id": account, "model_name": "inside",
                        "litellm_params": ["model": "openai/x", "api_base": .string(base)],
                    ])
                #expect(
                    answer.status == 400 && answer.json["error"]?["message"]?.stringValue?.contains("api_base") == true,
                    "\(base): \(answer.text)")
            }
            #expect(try await g.cockpit.modelCatalog.list(account: g.accountID).items.isEmpty, "nothing was stored")
            // The super-admin's global catalogue is the operator's, trusted like config.yaml.
            let global = try await g.call(
                .post, "/model/new",
                json: [
                    "model_name": "local-vllm",
                    "litellm_params": ["model": "openai/x", "api_base": "http://127.0.0.1:8000/v1"],
                ])
            #expect(global.status == 200, "\(global.text)")
            // Changing a model needs STORE_MODEL_IN_DB too (it did not before).
        }
    }

    @Test func updatingAModelNeedsStoreModelInDB() async throws {
        try await GatewayHarness.with { g in
            let answer = try await g.call(
                .post, "/model/update",
                json: [
                    "account_id": .string(g.accountID.lowercased), "id": .string(UUID().uuidString),
                    "model_name": "x", "litellm_params": ["model": "mock/x"],
                ])
            #expect(
                answer.status == 400
                    && answer.json["error"]?["message"]?.stringValue?.contains("STORE_MODEL_IN_DB") == true,
                "\(answer.text)")
        }
    }

    /// A row that points inside (stored before the check, or a name that resolved elsewhere when saved: DNS
    /// rebinding) is refused on the address the client is about to connect to; the fake upstream hears nothing.
    @Test func theAddressIsCheckedAgainWhenConnecting() async throws {
        try await GatewayHarness.with { g in
            let port = URL(string: g.upstreamURL)!.port!
            for (name, base) in [
                ("loopback", "http://127.0.0.1:\(port)/v1"), ("by-name", "http://localhost:\(port)/v1"),
                ("v6", "http://[::1]:\(port)/v1"),
            ] {
                try await Self.storeDirectly(g, name: name, apiBase: base)
            }
            try await g.gateway.registry.refresh()
            let key = try await g.newKey()
            for name in ["loopback", "by-name", "v6"] {
                let answer = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(name))
                #expect(
                    answer.status == 502
                        && answer.json["error"]?["message"]?.stringValue?.contains("COCKPIT_UPSTREAM_ALLOW") == true,
                    "\(name): \(answer.text)")
                let stream = try await g.call(
                    .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(name, stream: true))
                #expect(stream.status == 502, "\(name) stream: \(stream.text)")
            }
            #expect(g.upstream.requestCount == 0, "no request reached the address")
        }
    }

    @Test func anAllowedNetworkIsReachedAndItsErrorsAreReducedToTheStatus() async throws {
        try await GatewayHarness.with(environment: [
            "STORE_MODEL_IN_DB": "true", "COCKPIT_UPSTREAM_ALLOW": "127.0.0.0/8, vllm.internal",
        ]) { g in
            let added = try await g.call(
                .post, "/model/new",
                json: [
                    "account_id": .string(g.accountID.lowercased), "model_name": "house",
                    "litellm_params": [
                        "model": "openai/gpt-4o-mini", "api_base": .string(g.upstreamURL + "/v1"),
                        "api_key": "upstream-key",
                    ],
                ])
            #expect(added.status == 200, "\(added.text)")
            try await g.gateway.registry.refresh()
            let key = try await g.newKey()
            #expect(
                try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("house")).status
                    == 200)
            g.upstream.configure {
                $0.failStatus = 400; $0.failCount = 1
            }
            let refused = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("house"))
            #expect(
                refused.status == 400 && refused.json["error"]?["message"] == "the upstream answered 400",
                "\(refused.text)")
            #expect(!refused.text.contains("injected failure"), "the upstream's body does not reach the caller")
            // The operator's own (config) models keep the upstream's message.
            g.upstream.configure {
                $0.failStatus = 400; $0.failCount = 1
            }
            let global = try await g.call(
                .post, "/v1/chat/completions", key: key, json: GatewayHarness.chat("gpt-test"))
            #expect(global.json["error"]?["message"]?.stringValue == "injected failure 400")
        }
    }

    @Test func addressClassification() throws {
        let policy = UpstreamAddressPolicy.publicOnly
        for inside in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0",
            "::1", "::", "fd12::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "224.0.0.251",
            "255.255.255.255",
        ] {
            #expect(!policy.allows(try #require(IPAddress(inside))), "\(inside) is inside")
        }
        for outside in ["1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"] {
            #expect(policy.allows(try #require(IPAddress(outside))), "\(outside) is public")
        }
        let allowing = try UpstreamAddressPolicy(allowList: "10.0.5.0/24, fd00::/8 ,vllm.internal")
        #expect(
            allowing.allows(IPAddress("10.0.5.7")!) && !allowing.allows(IPAddress("10.0.6.7")!)
                && allowing.allows(IPAddress("fd00::2")!))
        #expect(allowing.allowsHost("VLLM.internal") && !allowing.allowsHost("other.internal"))
        #expect(throws: CockpitError.self) { try UpstreamAddressPolicy(allowList: "10.0.0.0/33") }
        #expect(throws: CockpitError.self) { try UpstreamAddressPolicy(allowList: "http://x") }
        #expect(IPAddress("not-an-address") == nil && IPAddress("10.0.0.1")?.description == "10.0.0.1")
    }

    static func storeDirectly(_ g: GatewayHarness, name: String, apiBase: String) async throws {
        let now = Date.storeNow
        let model = ModelDeployment(
            id: UUID(), accountID: g.accountID, modelName: name, providerModel: "openai/\(name)", apiBase: apiBase,
            apiVersion: nil, hasCredentials: false, params: .emptyObject, modelInfo: .emptyObject, visibleToAll: false,
            createdAt: now, updatedAt: now)
        try await g.cockpit.database.write(.account(g.accountID)) { tx in
            try ModelDeploymentRepository(tx).insert(model, encryptedCredentials: nil)
        }
    }
}
