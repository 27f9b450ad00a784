import CockpitCore
import Foundation

/// The credit reads and the renewal at size: one account whose copilot tree holds `users` users in `teams` teams
/// (10 organizations), a plan allocating credits to every organization, team and user (with 100 overrides), and
/// `rows` ledger rows spread over 30 days; then effective allocation, usage by scope, alerts (each timed `reads`
/// times through the service) and renewals (`renewals` times, each copying every allocation).
struct CreditBenchmark {
    let database: Database
    var users = 10_000
    var teams = 1_000
    var rows = 1_000_000
    var reads = 200
    var renewals = 5

    func run() async throws {
        let cockpit = Cockpit(settings: Settings(environment: [:], dotenvPath: nil), database: database)
        try await cockpit.migrations.migrate()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let account = try await cockpit.accounts.create(
            NewAccount(name: "Credits \(tag)", domain: "credits-\(tag).io", adminEmail: "admin@credits.io")
        ).account.id
        print("store: \(database.location)")
        let orgs = (0..<10).map { "Org \($0)" }
        let teamRefs = (0..<teams).map {
            DirectoryImport.ImportedTeamRef(org: orgs[$0 % orgs.count], team: "Team \($0)")
        }
        let imported = DirectoryImport(
            organizations: orgs, teams: teamRefs,
            users: (0..<users).map {
                DirectoryImport.ImportedUser(
                    email: "user\($0)@credits.io", displayName: "User \($0)", teams: [teamRefs[$0 % teams]])
            })
        let (_, importSeconds) = try await measure {
            try await cockpit.directory.importTree(account: account, domain: .copilot, imported)
        }
        let tree = try await database.read(.account(account)) { tx in
            try ["organizations", "teams", "users"].map { table in
                try tx.query("SELECT id FROM \(table) WHERE domain = 'copilot'").map { try $0.string("id") }
            }
        }
        let (orgIDs, teamIDs, userIDs) = (tree[0], tree[1], tree[2])
        let members = try await database.read(.account(account)) { tx in
            try tx.query("SELECT team_id, user_id FROM team_memberships WHERE domain = 'copilot'").map {
                (try $0.string("team_id"), try $0.string("user_id"))
            }
        }
        let teamOrg = try await database.read(.account(account)) { tx in
            Dictionary(
                uniqueKeysWithValues: try tx.query("SELECT id, org_id FROM teams WHERE domain = 'copilot'").map {
                    (try $0.string("id"), try $0.string("org_id"))
                })
        }
        print(
            String(
                format: "tree: %d orgs, %d teams, %d users imported in %.1f s", orgIDs.count, teamIDs.count,
                userIDs.count, importSeconds))

        let credits = cockpit.credits
        _ = try await credits.setAccountAllocation(
            account: account, monthlyCredits: 100_000_000, overflowLimit: 1_000_000, creditFactor: 1.25)
        let plan = try await credits.createPlan(account: account, name: "Bench", cycle: "monthly").id.lowercased
        let (_, allocateSeconds) = try await measure {
            for (type, ids, total) in [
                ("org", orgIDs, 50_000_000.0), ("team", teamIDs, 30_000_000), ("user", userIDs, 10_000_000),
            ] {
                _ = try await credits.distributeEqually(
                    account: account, planID: plan, scopeType: type, scopeIDs: ids, totalCredits: total,
                    overflowCap: 10)
            }
            for id in teamIDs.prefix(100) {
                _ = try await credits.addOverride(
                    account: account, planID: plan, scopeType: "team", scopeID: id, overrideCredits: 40_000,
                    reason: "bench")
            }
        }
        print(
            String(
                format: "plan: %d allocations and 100 overrides written in %.1f s",
                orgIDs.count + teamIDs.count + userIDs.count, allocateSeconds))

        let planID = UUID(uuidString: plan)!
        let start = Date().addingTimeInterval(-30 * 86_400)
        var rng = SeededRandom(seed: 7)
        let (_, ledgerSeconds) = try await measure {
            var written = 0
            while written < rows {
                let count = min(10_000, rows - written)
                let batch = (0..<count).map { i -> CreditLedgerEntry in
                    let (team, user) = members.randomElement(using: &rng)!
                    let raw = Int64.random(in: 100...50_000, using: &rng)
                    return CreditLedgerEntry(
                        id: UUID(), accountID: account, planID: planID,
                        attribution: CreditAttribution(
                            orgID: teamOrg[team], teamID: team, userID: user, agentID: "agent-\(i % 20)",
                            modelName: ["gpt-4o", "gpt-4o-mini", "claude"][i % 3]),
                        rawCost: raw, creditFactor: 1.25, creditsIncurred: Micros.credits(raw: raw, factor: 1.25)!,
                        createdAt: start.addingTimeInterval(Double(written + i) * 30 * 86_400 / Double(rows)))
                }
                try await database.write(.account(account)) { try CreditLedgerRepository($0).append(batch) }
                written += count
            }
        }
        print(
            String(
                format: "ledger: %d rows written in %.1f s (%.0f rows/s)", rows, ledgerSeconds,
                Double(rows) / ledgerSeconds))

        for (label, body) in [
            (
                "effective allocation (\(orgIDs.count + teamIDs.count + userIDs.count) allocations)",
                { () async throws -> Int in
                    try await credits.effectiveAllocation(account: account, planID: plan).items.count
                }
            ),
            ("usage by scope", { try await credits.usageByScope(account: account, planID: plan).items.count }),
            ("alerts at 80 %", { try await credits.alerts(account: account, threshold: 80).count }),
            ("alerts at 0 % (every scope named)", { try await credits.alerts(account: account, threshold: 0).count }),
        ] {
            var samples = Samples()
            for _ in 0..<reads {
                let (_, seconds) = try await measure { _ = try await body() }
                samples.add(seconds)
            }
            print("\(label): \(samples.summary)")
        }
        var renewalSamples = Samples()
        for i in 0..<renewals {
            let (_, seconds) = try await measure {
                try await credits.renew(
                    account: account,
                    CycleRenewal(
                        cycleStart: start, cycleEnd: start.addingTimeInterval(30 * 86_400), newPlanName: "Cycle \(i)",
                        rolloverCap: nil, copyOverrides: true, cycleEndDate: "bench"))
            }
            renewalSamples.add(seconds)
        }
        print("renewal (copies every allocation and override, sums the period's ledger): \(renewalSamples.summary)")
    }
}
