@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Two gateway instances on one PostgreSQL and one Redis, each with its own caches and counters client, as two
/// processes would be: a limit of N per minute admits N in all; a key revoked on one is refused by both within 1 s.
@Suite struct GatewayClusterTests {
    struct Instance {
        let cockpit: Cockpit
        let runtime: GatewayRuntime
    }

    static func withTwoInstances(
        _ body: @escaping @Sendable (Instance, Instance, UUID) async throws -> Void
    ) async throws {
        guard let redis = TestStores.redisURL else {
            if TestStores.servicesRequired {
                Issue.record("COCKPIT_TEST_REDIS_URL is not set: run the suite with scripts/test.sh")
            }
            return
        }
        guard TestStores.postgresURL != nil || TestStores.servicesRequired else { return }
        try await TestStores.withDatabaseURL(.postgres) { url in
            let environment = ["DATABASE_URL": url, "REDIS_URL": redis, "LITELLM_MASTER_KEY": GatewayHarness.masterKey]
            let config = try GatewayConfig.parse("model_list: [{model_name: m, litellm_params: {model: mock/m}}]")
            var instances: [Instance] = []
            for _ in 0..<2 {
                let cockpit = try Cockpit.open(settings: Settings(environment: environment, dotenvPath: nil))
                if instances.isEmpty { _ = try await cockpit.migrations.migrate() }
                let authenticator = Authenticator(
                    cockpit: cockpit, sessions: try SessionTokens(secret: ServerHarness.sessionSecret))
                let spill = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "spill-\(UUID().uuidString).jsonl"
                ).path
                let runtime = try GatewayRuntime(
                    cockpit: cockpit, authenticator: authenticator, config: config, spillPath: spill)
                try await runtime.start()
                instances.append(Instance(cockpit: cockpit, runtime: runtime))
            }
            let account = try await instances[0].cockpit.accounts.create(
                NewAccount(name: "Cluster", domain: "cluster.io", adminEmail: "admin@cluster.io")
            ).account.id
            do { try await body(instances[0], instances[1], account) } catch {
                for i in instances { await i.runtime.shutdown(); await i.cockpit.database.close() }
                throw error
            }
            for i in instances { await i.runtime.shutdown(); await i.cockpit.database.close() }
        }
    }

    static func chat(_ instance: Instance, _ secret: String) async -> Int {
        do {
            let caller = try await instance.runtime.gateway.caller(credential: secret)
            let request = try GatewayRequest.parse(
                .chat, body: Array(#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#.utf8))
            _ = try await instance.runtime.gateway.complete(request, caller: caller)
            return 200
        } catch {
            return GatewayError.from(error).status
        }
    }

    @Test func aLimitOfNPerMinuteAdmitsNAcrossInstances() async throws {
        try await Self.withTwoInstances { a, b, account in
            #expect(a.runtime.gateway.counters.status.hasPrefix("redis"))
            let (_, secret) = try await a.cockpit.keys.generate(account: account, NewKey(rpmLimit: 5))
            try await GatewayHarness.awayFromAMinuteBoundary()
            let statuses = await withTaskGroup(of: Int.self) { group in
                for i in 0..<12 { group.addTask { await Self.chat(i % 2 == 0 ? a : b, secret) } }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 5 && statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
        }
    }

    @Test func aKeyRevokedOnOneInstanceIsRefusedByBothWithinASecond() async throws {
        try await Self.withTwoInstances { a, b, account in
            let (key, secret) = try await a.cockpit.keys.generate(account: account, NewKey())
            let (first, second) = (await Self.chat(a, secret), await Self.chat(b, secret))
            #expect(first == 200 && second == 200)
            _ = try await a.cockpit.keys.setBlocked(account: account, id: key.id, blocked: true)
            #expect(await Self.chat(a, secret) == 401, "at once on the instance that revoked it")
            try await Task.sleep(nanoseconds: 1_050_000_000)
            #expect(await Self.chat(b, secret) == 401, "within a second on the other")
        }
    }
}
