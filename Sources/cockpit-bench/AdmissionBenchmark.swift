import CockpitCore
import Foundation

/// The gateway's in-process path, no HTTP: authentication of a virtual key, then the checks before an upstream call
/// (the key's model list, the tree's grants, rpm / tpm / parallel limits, budgets with a reservation), then the
/// whole request on the `mock` provider (answer, price, spend row handed to the writer). One account on a fresh
/// SQLite store, in-memory counters, the same key shape as scripts/bench/gateway.sh.
struct AdmissionBenchmark {
    let path: String
    var iterations = 100_000

    func run() async throws {
        let settings = Settings(environment: ["LITELLM_MASTER_KEY": "sk-bench-master-1234567"], dotenvPath: nil)
        let cockpit = Cockpit(settings: settings, database: try SQLiteDatabase(path: path))
        _ = try await MigrationRunner(database: cockpit.database).migrate()
        let account = try await cockpit.accounts.create(
            NewAccount(name: "Bench", domain: "bench.test", adminEmail: "admin@bench.test")
        ).account.id
        let org = try await cockpit.directory.createOrganization(account: account, domain: .console, name: "Bench org")
        let team = try await cockpit.directory.createTeam(
            account: account, domain: .console, orgID: org.id, name: "Bench team")
        let user = try await cockpit.directory.upsertUser(
            account: account, domain: .console,
            UserInput(email: "user@bench.test", displayName: "Bench user", teamIDs: [team.id])
        ).user
        _ = try await cockpit.access.addModelGrant(
            account: account, domain: .console, modelName: "bench-model", scope: .team(team.id),
            effect: .allow)
        let limits = NewKey(
            maxBudget: 1_000_000, budgetDuration: "1mo", rpmLimit: 100_000_000, tpmLimit: 1_000_000_000_000,
            maxParallelRequests: 100_000)
        let accountKey = try await cockpit.keys.generate(account: account, limits).secret
        var owned = limits
        (owned.domain, owned.userID, owned.teamID) = (.console, user.id, team.id)
        let userKey = try await cockpit.keys.generate(account: account, owned).secret

        let authenticator = Authenticator(cockpit: cockpit, sessions: try SessionTokens(secret: KeyGenerator.newKey()))
        let config = try GatewayConfig.parse(
            "model_list:\n  - model_name: bench-model\n    litellm_params: {model: mock/bench}\n")
        let spill = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "bench-spill-\(UUID().uuidString).jsonl")
        let runtime = try GatewayRuntime(
            cockpit: cockpit, authenticator: authenticator, config: config, spillPath: spill)
        try await runtime.start()
        let gateway = runtime.gateway
        let body = Array(
            #"{"model":"bench-model","messages":[{"role":"user","content":"Say hello to the benchmark."}]}"#.utf8)
        let request = try GatewayRequest.parse(.chat, body: body)
        // A customer (the request's `user`) with a named budget: one more budget level and its spend.
        let budget = try await cockpit.namedBudgets.create(account: account, id: "bench-budget") {
            ($0.maxBudget, $0.budgetDuration) = (1_000_000, "1mo")
        }
        _ = try await cockpit.customers.create(
            account: account, userID: "bench-customer", budgetID: budget.budgetID, budget: nil
        ) { _ in }
        let customerRequest = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"bench-model","user":"bench-customer","messages":[{"role":"user","content":"Say hello to the benchmark."}]}"#
                    .utf8))

        let copilotKey = try await copilotKey(cockpit, account: account, limits: limits)
        let (guardedKey, unguardedKey) = try await guardedKeys(cockpit, account: account, limits: limits)
        let prose = String(repeating: "The quarterly review covers revenue, hiring and the roadmap. ", count: 17)
        let kilobyte = try GatewayRequest.parse(
            .chat,
            body: Array(
                #"{"model":"bench-model","messages":[{"role":"user","content":"\#(prose.prefix(1_000))"}]}"#.utf8))

        print(
            "in process, \(iterations) requests each after a warm-up (\(ProcessInfo.processInfo.activeProcessorCount) cores):"
        )
        for (label, credential, request) in [
            ("an account's key", accountKey, request), ("a console user's key (grants resolved)", userKey, request),
            ("an account's key for a customer with a named budget", accountKey, customerRequest),
            (
                "a copilot user's key (credits of its user, team, org and account in a 1,000-scope plan)", copilotKey,
                request
            ),
            ("a copilot user's key, no guardrails, 1 KB prompt", unguardedKey, kilobyte),
            ("a copilot user's key under 3 presets of 20 patterns, 1 KB prompt", guardedKey, kilobyte),
        ] {
            print("  \(label):")
            print(
                "    authentication: \(try await time { _ = try await gateway.caller(credential: credential) }.microseconds)"
            )
            let admission = try await time {
                try await gateway.checkAdmission(request, caller: try await gateway.caller(credential: credential))
            }
            print("    authentication + policy + limits + budget: \(admission.microseconds)")
            let whole = try await time {
                _ = try await gateway.complete(request, caller: try await gateway.caller(credential: credential))
            }
            print("    the whole request on the mock provider (+ answer, price, spend row): \(whole.microseconds)")
        }
        // Phases minutes apart differ by more than guardrails cost (caches, the spend writer, the machine): the
        // fair figure alternates the two keys request by request and takes the difference within each pair.
        print("  the two 1 KB-prompt keys alternating, admission (\(iterations) pairs):")
        let pairs = try await paired(
            { try await gateway.checkAdmission(kilobyte, caller: try await gateway.caller(credential: unguardedKey)) },
            { try await gateway.checkAdmission(kilobyte, caller: try await gateway.caller(credential: guardedKey)) })
        print("    no guardrails: \(pairs.first.microseconds)")
        print("    3 presets of 20 patterns: \(pairs.second.microseconds)")
        print("    guardrails' extra within a pair: \(pairs.difference.microseconds)")
        await runtime.shutdown()
        await cockpit.database.close()
        try? FileManager.default.removeItem(atPath: spill)
    }

    /// Two copilot users in teams of their own (outside the credit plan's scopes) with the model granted, the
    /// first's team under three presets of twenty keyword patterns each (none of which match the benchmark's
    /// prose): their keys.
    private func guardedKeys(
        _ cockpit: Cockpit, account: UUID, limits: NewKey
    ) async throws -> (guarded: String, unguarded: String) {
        let org = try await cockpit.directory.createOrganization(account: account, domain: .copilot, name: "Guard org")
        var secrets: [String] = []
        for name in ["Guarded", "Unguarded"] {
            let team = try await cockpit.directory.createTeam(
                account: account, domain: .copilot, orgID: org.id, name: name)
            let user = try await cockpit.directory.upsertUser(
                account: account, domain: .copilot,
                UserInput(email: "\(name.lowercased())@bench.test", displayName: name, teamIDs: [team.id])
            ).user
            _ = try await cockpit.access.addModelGrant(
                account: account, domain: .copilot, modelName: "bench-model", scope: .team(team.id), effect: .allow)
            if name == "Guarded" {
                for preset in 0..<3 {
                    let patterns: [JSONValue] = (0..<20).map { i in
                        [
                            "pattern_name": .string("word-\(i)"),
                            "pattern_regex": .string("(?i)forbidden\(preset)x\(i)"),
                            "pattern_type": .string(i % 2 == 0 ? "block" : "detect"), "action": .string("mask"),
                        ]
                    }
                    let stored = try await cockpit.guardrails.upsertPreset(
                        account: account, code: "bench-\(preset)", name: "Bench \(preset)",
                        presetJSON: ["config": [:], "custom_patterns": .array(patterns)])
                    _ = try await cockpit.guardrails.assign(
                        account: account, presetID: stored.id.lowercased, scopeType: "team", scopeID: team.id.lowercased
                    )
                }
            }
            var owned = limits
            (owned.domain, owned.userID, owned.teamID) = (.copilot, user.id, team.id)
            secrets.append(try await cockpit.keys.generate(account: account, owned).secret)
        }
        return (secrets[0], secrets[1])
    }

    /// A copilot tree of 1 organization, 100 teams and 899 users, a plan allocating credits to each of those 1,000
    /// scopes, and the key of a user in a team: its requests check four credit scopes and write a ledger row.
    private func copilotKey(_ cockpit: Cockpit, account: UUID, limits: NewKey) async throws -> String {
        let org = try await cockpit.directory.createOrganization(
            account: account, domain: .copilot, name: "Copilot org")
        var teams: [UUID] = []
        for i in 0..<100 {
            teams.append(
                try await cockpit.directory.createTeam(account: account, domain: .copilot, orgID: org.id, name: "T\(i)")
                    .id)
        }
        var users: [UUID] = []
        for i in 0..<899 {
            users.append(
                try await cockpit.directory.upsertUser(
                    account: account, domain: .copilot,
                    UserInput(email: "u\(i)@bench.test", displayName: "U\(i)", teamIDs: [teams[i % teams.count]])
                ).user.id)
        }
        _ = try await cockpit.access.addModelGrant(
            account: account, domain: .copilot, modelName: "bench-model", scope: .account, effect: .allow)
        _ = try await cockpit.credits.setAccountAllocation(
            account: account, monthlyCredits: 1_000_000_000, overflowLimit: 0, creditFactor: 1.25)
        let plan = try await cockpit.credits.createPlan(account: account, name: "Bench", cycle: nil).id.lowercased
        for (type, ids) in [("org", [org.id]), ("team", teams), ("user", users)] {
            _ = try await cockpit.credits.distributeEqually(
                account: account, planID: plan, scopeType: type, scopeIDs: ids.map(\.lowercased),
                totalCredits: 1_000_000 * Double(ids.count), overflowCap: nil)
        }
        var owned = limits
        (owned.domain, owned.userID) = (.copilot, users[0])
        return try await cockpit.keys.generate(account: account, owned).secret
    }

    /// Samples of `body`, after a tenth as many unmeasured runs.
    /// `first` and `second` timed alternately, and `second − first` within each pair.
    private func paired(
        _ first: () async throws -> Void, _ second: () async throws -> Void
    ) async throws -> (first: Samples, second: Samples, difference: Samples) {
        for _ in 0..<(iterations / 10) {
            try await first()
            try await second()
        }
        var (a, b, d) = (Samples(), Samples(), Samples())
        for _ in 0..<iterations {
            let (_, ta) = try await measure(first)
            let (_, tb) = try await measure(second)
            a.add(ta)
            b.add(tb)
            d.add(tb - ta)
        }
        return (a, b, d)
    }

    private func time(_ body: () async throws -> Void) async throws -> Samples {
        for _ in 0..<(iterations / 10) { try await body() }
        var samples = Samples()
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            samples.add(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return samples
    }
}
