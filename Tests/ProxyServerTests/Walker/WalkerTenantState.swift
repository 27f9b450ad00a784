@testable import CockpitCore
import CockpitTesting
import Foundation

/// Everything an account holds, read under its own scope: the rows (to prove they did not change) and every id and
/// name among them (what no answer to another account may contain).
struct WalkerTenantState: Equatable, Sendable {
    /// One description per kind of row, by label.
    var rows: [String: String] = [:]
    /// Ids and names, lower-cased.
    var strings: Set<String> = []

    /// Names every account has (the copilot tree's default organization, the built-in guardrail presets' codes) are
    /// not B's to leak.
    static let shared: Set<String> = ["global", "pii", "toxic", "jailbreak"]

    /// Reads account `id` (after writing the gateway's waiting spend rows).
    static func read(_ s: ServerHarness, _ id: UUID) async throws -> WalkerTenantState {
        await s.gateway.spend.flush()
        let all = PageRequest(limit: PageRequest.maxLimit)
        return try await s.cockpit.database.read(.account(id)) { tx in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys  // the same rows give the same text (dictionaries have no order)
            var state = WalkerTenantState()
            func add(_ label: String, _ value: some Encodable, _ names: [String?]) {
                state.rows[label] =
                    (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable"
                for case let name? in names { state.strings.insert(name.lowercased()) }
            }
            let account = try AccountRepository(tx).get(id)
            add(
                "account", account,
                [
                    account?.id.lowercased, account?.name, account?.alias, account?.domain,
                    account?.metadata["zitadel"]?["organization_id"]?.stringValue,
                ])
            let admins = try AdminRepository(tx).list(account: id)
            add("admins", admins, admins.map(\.email))
            for d in ProductDomain.allCases {
                let orgs = try OrganizationRepository(tx).list(domain: d, page: all).items
                add("\(d) orgs", orgs, orgs.flatMap { [$0.id.lowercased, $0.name] })
                let teams = try TeamRepository(tx).list(domain: d, page: all).items
                add("\(d) teams", teams, teams.flatMap { [$0.id.lowercased, $0.name] })
                let users = try UserRepository(tx).list(domain: d, page: all).items
                add(
                    "\(d) users", users,
                    users.flatMap { [$0.id.lowercased, $0.email, $0.displayName, $0.identityUserID] })
                add(
                    "\(d) memberships", try users.map { try MembershipRepository(tx).list(userID: $0.id, domain: d) },
                    [])
                let grants = try ModelGrantRepository(tx).list(domain: d)
                add("\(d) grants", grants, grants.flatMap { [$0.id.lowercased, $0.modelName] })
                let entitlements = try EntitlementRepository(tx).list(domain: d)
                add("\(d) entitlements", entitlements, entitlements.flatMap { [$0.id.lowercased, $0.featureCode] })
            }
            let keys = try VirtualKeyRepository(tx).list(page: all).items
            add("keys", keys, keys.flatMap { [$0.id.lowercased, $0.keyHash, $0.keyAlias] })
            let models = try ModelDeploymentRepository(tx).list(page: all).items.filter { $0.accountID == id }
            add("models", models, models.flatMap { [$0.id.lowercased, $0.modelName] })
            let budgets = try BudgetRepository(tx).list()
            add("budgets", budgets, budgets.map { $0.id.lowercased })
            let spend = try SpendRepository(tx).logs(from: .distantPast, to: .distantFuture, limit: 1000)
            add("spend", spend, spend.map(\.requestID))
            let totals = try SpendRepository(tx).totals()
            add("spend totals", [Double(totals.rows), totals.cost], [])
            add("audit rows", try AuditRepository(tx).list(page: all).items.count, [])
            add("credit allocation", try CreditPlanRepository(tx).allocation(id), [])
            let plan = try CreditPlanRepository(tx).activePlan(account: id)
            add("credit plan", plan, [plan?.id.lowercased, plan?.name])
            let allocations = try plan.map { try CreditAllocationRepository(tx).allocations(plan: $0.id) } ?? []
            add("credit allocations", allocations, allocations.map { $0.id.lowercased })
            let overrides = try plan.map { try CreditAllocationRepository(tx).overrides(plan: $0.id) } ?? []
            add("credit overrides", overrides, overrides.flatMap { [$0.id.lowercased, $0.reason] })
            add("credit usage", try CreditLedgerRepository(tx).usage(account: id), [])
            let ledger = try CreditLedgerRepository(tx).breakdown(account: id, orgID: nil, teamID: nil, userID: nil)
            add(
                "credit ledger", ledger.map { "\($0.attribution) \($0.rawCost) \($0.creditsIncurred)" },
                ledger.flatMap { [$0.attribution.agentID, $0.attribution.connectionID, $0.attribution.guardrailCode] })
            let cycles = try CreditCycleRepository(tx).list(account: id, limit: 1000, offset: 0)
            add("credit cycles", cycles, cycles.map { $0.id.lowercased })
            let listings = try MarketplaceRepository(tx).listings(
                try MarketplaceRepository(tx).candidates(account: id, publishedOnly: false, entityType: nil).map(\.id),
                account: id)
            add(
                "marketplace listings", listings,
                listings.flatMap { [$0.id.lowercased, $0.title, $0.entityID, $0.description, $0.author] })
            let marketplaceGrants = try listings.flatMap { try MarketplaceGrantRepository(tx).grants(listing: $0.id) }
            add("marketplace grants", marketplaceGrants, marketplaceGrants.map { $0.id.lowercased })
            let activity = try MarketplaceActivityRepository(tx).snapshot()
            add("marketplace installs and ratings", [activity.installs, activity.ratings], [])
            let connections = try ConnectionRepository(tx).list(account: id)
            add(
                "connections", connections.map { "\($0) \($0.config.encodedString) \($0.secret?.sealed ?? "-")" },
                connections.flatMap {
                    [$0.id.lowercased, $0.name, $0.description, $0.config["base_url"]?.stringValue]
                })
            let connectionGrants = try connections.flatMap { try ConnectionRepository(tx).grants(connection: $0.id) }
            add("connection grants", connectionGrants, connectionGrants.map { $0.id.lowercased })
            let presets = try GuardrailRepository(tx, domain: nil).presets(account: id)
            add("guardrail presets", presets, presets.flatMap { [$0.id.lowercased, $0.code, $0.name] })
            let patterns = presets.flatMap { $0.presetJSON["custom_patterns"]?.arrayValue ?? [] }
            add(
                "guardrail patterns", patterns,
                patterns.flatMap { [$0["id"]?.stringValue, $0["pattern_name"]?.stringValue] })
            let assignments = try GuardrailRepository(tx, domain: nil).assignments(account: id)
            add("guardrail assignments", assignments, assignments.map { $0.id.lowercased })
            let agentRows = try AgentRepository(tx).agents(account: id)
            let agents = try AgentRepository(tx).details(agentRows, account: id, grants: true)
            add("agents", agents, agentRows.flatMap { [$0.id.lowercased, $0.name, $0.description] })
            let agentGrants = try AgentRepository(tx).grants(account: id)
            add("agent grants", agentGrants, agentGrants.map { $0.id.lowercased })
            state.strings.subtract(Self.shared)
            return state
        }
    }

    /// The labels whose rows differ from `other`'s.
    func changes(from other: WalkerTenantState) -> [String] {
        Set(rows.keys).union(other.rows.keys).filter { rows[$0] != other.rows[$0] }.sorted()
    }
}
