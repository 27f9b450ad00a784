import Foundation

/// What a demo seed created.
public struct DemoSummary: Sendable, Equatable, Codable {
    public var accounts = 0, organizations = 0, teams = 0, users = 0, memberships = 0, keys = 0, models = 0,
        spendRows = 0, creditPlans = 0, agents = 0, connections = 0, listings = 0
}

/// Creates, or refreshes, realistic demo data in a store: three accounts with both trees, admins, keys,
/// models, grants, budgets, four weeks of spend, and copilot credits (an allocation, a past cycle, an active plan
/// with allocations at every alert level, the copilot spend on its ledger), and the copilot catalog (guardrail presets,
/// agents, connections with sealed dummy secrets, a marketplace). Everything goes through the core's services (so the
/// audit log is populated as it would be by real use). Refreshing replaces only accounts marked as demo.
public struct DemoSeeder: Sendable {
    let cockpit: Cockpit
    let days: Int

    /// Seeds as the demo seeder, a system principal (audited as `demo-seeder`), whoever opened `cockpit`.
    public init(cockpit: Cockpit, days: Int = 28) {
        var seeder = Principal.system
        seeder.name = "demo-seeder"
        self.cockpit = cockpit.acting(as: seeder)
        self.days = days
    }

    /// True when the store already holds the demo accounts.
    public func isSeeded() async throws -> Bool {
        let page = try await cockpit.accounts.list(includeDeleted: true, page: PageRequest(limit: PageRequest.maxLimit))
        return DemoData.companies.allSatisfy { c in
            page.items.contains { $0.name == c.name && $0.metadata["demo"] == .bool(true) }
        }
    }

    /// Removes earlier demo accounts and seeds them anew. Refuses to touch an account of the same name that is not demo data.
    @discardableResult
    public func seed() async throws -> DemoSummary {
        var summary = DemoSummary()
        try await seedModels(&summary)
        for (index, company) in DemoData.companies.enumerated() {
            if let existing = try? await cockpit.accounts.resolve(company.name) {
                guard existing.metadata["demo"] == .bool(true) else {
                    throw CockpitError.conflict(
                        "an account named \"\(company.name)\" exists and is not demo data; not replacing it")
                }
                try await cockpit.accounts.hardDelete(existing.id, confirmName: existing.name)
            }
            var rng = SeededRandom(seed: UInt64(index + 1) * 7919)
            try await seedCompany(company, index: index, &rng, &summary)
        }
        return summary
    }

    private func seedModels(_ summary: inout DemoSummary) async throws {
        let now = Date.storeNow
        summary.models = try await cockpit.database.write(.superAdmin) { tx in
            let repo = ModelDeploymentRepository(tx)
            let existing = try repo.list(globalsOnly: true, page: PageRequest(limit: PageRequest.maxLimit)).items
            var created = 0
            for model in DemoData.models where !existing.contains(where: { $0.modelName == model.name }) {
                let info: JSONValue = [
                    "input_cost_per_token": .number(model.input / 1_000_000),
                    "output_cost_per_token": .number(model.output / 1_000_000),
                    "mode": model.name.contains("embedding") ? "embedding" : "chat",
                ]
                try repo.insert(
                    ModelDeployment(
                        id: UUID(), accountID: nil, modelName: model.name, providerModel: model.route, apiBase: nil,
                        apiVersion: nil, hasCredentials: false, params: ["rpm": 600], modelInfo: info,
                        visibleToAll: true, createdAt: now, updatedAt: now), encryptedCredentials: nil)
                created += 1
            }
            return created
        }
    }

    private func seedCompany(
        _ c: DemoData.Company, index: Int, _ rng: inout SeededRandom, _ s: inout DemoSummary
    ) async throws {
        let bundle = try await cockpit.accounts.create(
            NewAccount(
                name: c.name, alias: c.name.components(separatedBy: " ").first, domain: c.domain, maxBudget: c.budget,
                metadata: ["demo": true, "production": .bool(c.production)], adminEmail: "admin@\(c.domain)",
                adminPassword: DemoData.password))
        let account = bundle.account.id
        s.accounts += 1
        s.organizations += 1
        let dir = cockpit.directory
        var owners: [(domain: ProductDomain, org: UUID, team: UUID, user: UUID)] = []
        for domain in ProductDomain.allCases {
            let orgs = domain == .console ? c.consoleOrgs : c.copilotOrgs
            for org in orgs {
                let orgID: UUID
                if domain == .copilot, org.name == AccountService.defaultCopilotOrganization {
                    orgID = try await dir.organizations(account: account, domain: .copilot).items.first {
                        $0.name == org.name
                    }!.id
                } else {
                    orgID = try await dir.createOrganization(account: account, domain: domain, name: org.name).id
                    s.organizations += 1
                }
                for teamName in org.teams {
                    let team = try await dir.createTeam(account: account, domain: domain, orgID: orgID, name: teamName)
                    s.teams += 1
                    for n in 0..<Int.random(in: 3...7, using: &rng) {
                        let first = DemoData.firstNames.randomElement(using: &rng)!,
                            last = DemoData.lastNames.randomElement(using: &rng)!
                        let email = "\(Self.slug(first)).\(Self.slug(last))\(n)@\(c.domain)"
                        let user = try await dir.upsertUser(
                            account: account, domain: domain,
                            UserInput(email: email, displayName: "\(first) \(last)", teamIDs: [team.id]))
                        if user.created { s.users += 1 }
                        s.memberships += 1
                        if n == 0 {
                            _ = try await dir.addMember(
                                account: account, domain: domain, teamID: team.id, userID: user.user.id, role: .admin)
                        }
                        owners.append((domain, orgID, team.id, user.user.id))
                    }
                }
            }
        }
        try await seedGrants(account: account, owners: owners)
        let copilot = owners.filter { $0.domain == .copilot }.map {
            CopilotOwner(org: $0.org, team: $0.team, user: $0.user)
        }
        let presets = try await seedGuardrails(
            account: account, copilotOrg: copilot.first?.org,
            consoleTeam: owners.first { $0.domain == .console }?.team)
        let catalog = try await seedCatalog(account: account, owners: copilot, presets: presets)
        (s.agents, s.connections, s.listings) =
            (s.agents + catalog.agents, s.connections + catalog.connections, s.listings + catalog.listings)
        let charge = try await openCredits(account: account, index: index, owners: copilot)
        s.creditPlans += 2
        let logs = try await seedKeysAndSpend(account: account, owners: owners, charge: charge, &rng, &s)
        if let plan = charge.planID { try await allocateCredits(account: account, plan: plan, logs: logs) }
    }

    /// A few grants and entitlements per tree, so the effective answers have something to resolve.
    private func seedGrants(
        account: UUID, owners: [(domain: ProductDomain, org: UUID, team: UUID, user: UUID)]
    ) async throws {
        let access = cockpit.access
        for model in ["gpt-4o-mini", "demo-chat", "text-embedding-3-small"] {
            _ = try await access.addModelGrant(
                account: account, domain: .console, modelName: model, scope: .account, effect: .allow)
        }
        if let first = owners.first(where: { $0.domain == .console }) {
            _ = try await access.addModelGrant(
                account: account, domain: .console, modelName: "claude-3-5-sonnet", scope: .team(first.team),
                effect: .allow)
            _ = try await access.addModelGrant(
                account: account, domain: .console, modelName: "gpt-4o", scope: .org(first.org), effect: .deny)
        }
        _ = try await access.addModelGrant(
            account: account, domain: .copilot, modelName: "*", scope: .account, effect: .allow)
        _ = try await access.setEntitlement(
            account: account, domain: .copilot, featureCode: "agents", scope: .account, enabled: true)
        _ = try await access.setEntitlement(
            account: account, domain: .console, featureCode: "playground", scope: .account, enabled: true,
            config: ["max_tokens": 4096])
    }

    /// Keys for a third of the users and four weeks of their spend; the copilot rows carry `charge` (their ledger
    /// rows). Returns the rows.
    private func seedKeysAndSpend(
        account: UUID, owners: [(domain: ProductDomain, org: UUID, team: UUID, user: UUID)], charge: CreditCharge,
        _ rng: inout SeededRandom, _ s: inout DemoSummary
    ) async throws -> [SpendLog] {
        var keys: [(key: VirtualKey, owner: (domain: ProductDomain, org: UUID, team: UUID, user: UUID))] = []
        for (i, owner) in owners.enumerated() where i % 3 == 0 {
            let made = try await cockpit.keys.generate(
                account: account,
                NewKey(
                    alias: "key-\(i)", domain: owner.domain, orgID: owner.org, teamID: owner.team, userID: owner.user,
                    maxBudget: 100, budgetDuration: "1mo", rpmLimit: 120))
            keys.append((made.key, owner))
        }
        s.keys += keys.count
        let today = Calendar(identifier: .gregorian).startOfDay(for: Date())
        var logs: [SpendLog] = []
        for day in 0..<days {
            let dayStart = today.addingTimeInterval(Double(-day) * 86_400)
            for _ in 0..<Int.random(in: 40...120, using: &rng) {
                guard let (key, owner) = keys.randomElement(using: &rng) else { break }
                let guarded = Self.demoHits(logs.count + 1, domain: owner.domain)
                let model = DemoData.models.randomElement(using: &rng)!
                let prompt = Int64.random(in: 200...12_000, using: &rng)
                let completion = model.output == 0 ? 0 : Int64.random(in: 50...3000, using: &rng)
                let start = dayStart.addingTimeInterval(Double.random(in: 0..<86_000, using: &rng))
                    .roundedToMicroseconds
                let cost =
                    guarded?.refused == true
                    ? 0 : (Double(prompt) * model.input + Double(completion) * model.output) / 1_000_000
                var log =
                    SpendLog(
                        requestID: "demo-\(UUID().uuidString.lowercased())", accountID: account, keyHash: key.keyHash,
                        userID: owner.user.lowercased,
                        teamID: owner.team.lowercased, orgID: owner.org.lowercased, domain: owner.domain.rawValue,
                        model: model.name,
                        modelGroup: model.name, deploymentID: "", promptTokens: prompt, completionTokens: completion,
                        cost: cost,
                        startTime: start,
                        endTime: start.addingTimeInterval(Double.random(in: 0.2...9, using: &rng))
                            .roundedToMicroseconds,
                        firstTokenTime: nil, status: Int.random(in: 0..<50, using: &rng) == 0 ? "failure" : "success",
                        cacheHit: false, credit: owner.domain == .copilot ? Self.charged(charge, owner) : nil)
                if let guarded {
                    log.guardrailHits = guarded.hits
                    if guarded.refused { (log.status, log.completionTokens) = ("failure", 0) }
                }
                logs.append(log)
            }
        }
        let batch = logs
        s.spendRows += try await cockpit.database.write(.account(account)) { try SpendRepository($0).record(batch) }
        return logs
    }

    /// The charge of a copilot owner's request: the plan and factor, attributed to its user, team and organization.
    private static func charged(
        _ charge: CreditCharge, _ owner: (domain: ProductDomain, org: UUID, team: UUID, user: UUID)
    ) -> CreditCharge {
        var charged = charge
        charged.attribution = CreditAttribution(
            orgID: owner.org.lowercased, teamID: owner.team.lowercased, userID: owner.user.lowercased,
            agentID: ["research-assistant", "support-triage", nil][Int(owner.user.uuid.0) % 3],
            connectionID: owner.user.uuid.1 % 2 == 0 ? "salesforce" : nil,
            guardrailCode: owner.user.uuid.2 % 4 == 0 ? "pii" : nil)
        return charged
    }

    private static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let ascii = folded.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return ascii.isEmpty ? "user" : ascii
    }
}
