import Foundation

extension DemoSeeder {
    /// The copilot tree of a demo account, as `seedCredits` needs it.
    struct CopilotOwner {
        var org: UUID
        var team: UUID
        var user: UUID
    }

    /// Opens the account's credits before its spend is seeded: an account allocation (the third demo account
    /// allocates more than it has, so the cockpit shows over-allocation), a first plan split equally across its
    /// copilot organizations and renewed once four weeks ago (the past cycle, with a rollover into the pool). Returns
    /// the active plan and the factor the spend rows are charged at.
    func openCredits(account: UUID, index: Int, owners: [CopilotOwner]) async throws -> CreditCharge {
        let credits = cockpit.credits
        let factor = [1.2, 1.0, 1.5][index % 3]
        _ = try await credits.setAccountAllocation(
            account: account, monthlyCredits: [400, 150, 40][index % 3], overflowLimit: 25, creditFactor: factor)
        let first = try await credits.createPlan(account: account, name: "Copilot credits", cycle: "monthly")
        let orgs = Array(Set(owners.map(\.org))).map(\.lowercased).sorted()
        if !orgs.isEmpty {
            _ = try await credits.distributeEqually(
                account: account, planID: first.id.lowercased, scopeType: "org", scopeIDs: orgs, totalCredits: 100,
                overflowCap: 10)
        }
        let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let end = today.addingTimeInterval(-Double(days) * 86_400)
        let renewed = try await credits.renew(
            account: account,
            CycleRenewal(
                cycleStart: end.addingTimeInterval(-30 * 86_400), cycleEnd: end, newPlanName: nil, rolloverCap: 60,
                copyOverrides: false, cycleEndDate: String(Timestamp.format(end).prefix(10))))
        return CreditCharge(planID: renewed.plan.id, creditFactor: factor, attribution: CreditAttribution())
    }

    /// After the spend (whose copilot rows were charged to the active plan): allocations sized from what each team
    /// and some users used, so that the plan shows scopes at every alert level (33 % to 112 %), and an override.
    func allocateCredits(account: UUID, plan: UUID, logs: [SpendLog]) async throws {
        var used: [String: Int64] = [:]
        for log in logs {
            guard let charge = log.credit, let raw = Micros.from(log.cost),
                let credits = Micros.credits(raw: raw, factor: charge.creditFactor)
            else { continue }
            for key in ["team:\(log.teamID)", "user:\(log.userID)", "org:\(log.orgID)"] {
                used[key, default: 0] += credits
            }
        }
        let credits = cockpit.credits, planID = plan.lowercased
        let levels = [0.95, 1.12, 0.82, 0.33]  // used ÷ allocated: critical, exceeded, warning, fine
        let teams = used.keys.filter { $0.hasPrefix("team:") }.sorted()
        for (i, key) in teams.enumerated() {
            let amount = Micros.decimal(used[key]!) / levels[i % levels.count]
            _ = try await credits.upsertAllocation(
                account: account, planID: planID, scopeType: "team", scopeID: String(key.dropFirst(5)),
                allocatedCredits: (amount * 1000).rounded(.up) / 1000, overflowCap: 1, source: "manual")
        }
        for (i, key) in used.keys.filter({ $0.hasPrefix("user:") }).sorted().prefix(6).enumerated() {
            let amount = Micros.decimal(used[key]!) / [0.85, 2.0][i % 2]
            _ = try await credits.upsertAllocation(
                account: account, planID: planID, scopeType: "user", scopeID: String(key.dropFirst(5)),
                allocatedCredits: (amount * 1000).rounded(.up) / 1000, overflowCap: nil, source: "manual")
        }
        if let team = teams.first {
            _ = try await credits.addOverride(
                account: account, planID: planID, scopeType: "team", scopeID: String(team.dropFirst(5)),
                overrideCredits: Micros.decimal(used[team]!) * 1.25, reason: "launch week")
        }
    }
}
