@testable import CockpitCore
import CockpitTesting
import Foundation

/// One object of every kind the tenant walker aims at, in one account, named after `prefix` so the leak check can
/// recognise them: per tree an organization, a team, a user in it (with a model grant and a feature entitlement);
/// budget rows for each of them and for the model; a virtual key owned by the console user; and a stored model on
/// the mock provider (no address, so nothing leaves the process); a named budget and a customer holding it; copilot
/// credits (an active plan with allocations, an override and a ledger row); a guardrail preset assigned to the copilot
/// team and an agent naming it, granted to the copilot tree and the account; a marketplace listing granted to the
/// copilot tree's organization, team and user, installed and rated by the user; an OpenAPI connection with a sealed
/// secret, granted to the copilot tree's organization, team, user and the account.
struct WalkerObjects {
    /// The reference of each kind (the account's admin email is added by the fixture).
    var refs: [IDKind: String]
    /// The key's secret (shown once at generation).
    var keySecret: String

    static func make(_ cockpit: Cockpit, account: UUID, prefix: String) async throws -> WalkerObjects {
        let modelName = "\(prefix)-model"
        let model = try await cockpit.modelCatalog.upsert(
            ModelInput(modelName: modelName, providerModel: "mock/x"), account: account)
        var refs: [IDKind: String] = [
            .account: account.lowercased, .modelID: model.id.lowercased, .modelName: modelName,
        ]
        var owners: (team: UUID, user: UUID)?
        for d in ProductDomain.allCases {
            let dir = cockpit.directory
            let org = try await dir.createOrganization(account: account, domain: d, name: "\(prefix)-org-\(d.rawValue)")
            let team = try await dir.createTeam(
                account: account, domain: d, orgID: org.id, name: "\(prefix)-team-\(d.rawValue)")
            let email = "\(prefix)-user-\(d.rawValue)@\(prefix).test"
            let user = try await dir.upsertUser(
                account: account, domain: d,
                UserInput(
                    email: email, displayName: "\(prefix) user \(d.rawValue)",
                    teamIDs: [team.id])
            ).user
            // The key owned by the user may call the model only with a grant in its tree.
            let grant = try await cockpit.access.addModelGrant(
                account: account, domain: d, modelName: modelName, scope: .user(user.id),
                effect: .allow)
            let entitlement = try await cockpit.access.setEntitlement(
                account: account, domain: d, featureCode: "\(prefix)-feature", scope: .team(team.id),
                enabled: true)
            for (subject, id) in [(BudgetSubject.org, org.id), (.team, team.id), (.user, user.id)] {
                try await cockpit.budgets.set(account: account, subject: subject, subjectID: id.lowercased) {
                    $0.maxBudget = 1000
                }
            }
            refs[.org(d)] = org.id.lowercased
            refs[.team(d)] = team.id.lowercased
            refs[.user(d)] = user.id.lowercased
            refs[.email(d)] = email
            refs[.grant(d)] = grant.id.lowercased
            refs[.entitlement(d)] = entitlement.id.lowercased
            if d == .console { owners = (team.id, user.id) }
        }
        try await cockpit.budgets.set(account: account, subject: .model, subjectID: modelName) { $0.maxBudget = 1000 }
        let (key, secret) = try await cockpit.keys.generate(
            account: account,
            NewKey(
                alias: "\(prefix)-key", teamID: owners?.team,
                userID: owners?.user))
        refs[.keyID] = key.id.lowercased
        refs[.keyHash] = key.keyHash
        refs[.keyAlias] = "\(prefix)-key"
        let budget = try await cockpit.namedBudgets.create(account: account, id: "\(prefix)-budget") {
            $0.maxBudget = 1000
        }
        _ = try await cockpit.customers.create(
            account: account, userID: "\(prefix)-customer", budgetID: budget.budgetID, budget: nil
        ) { $0.alias = "\(prefix) customer" }
        refs[.customerID] = "\(prefix)-customer"
        refs[.budgetID] = budget.budgetID
        (refs[.plan], refs[.creditOverride]) = try await credits(cockpit, account: account, prefix: prefix, refs: refs)
        (refs[.guardrailPreset(.copilot)], refs[.agent]) = try await agent(
            cockpit, account: account, prefix: prefix, refs: refs)
        for domain in ProductDomain.allCases {
            if domain == .console {
                refs[.guardrailPreset(domain)] = try await GuardrailWalkerRequests.preset(
                    cockpit, domain, account: account, prefix: prefix, team: refs[.team(domain)]!)
            }
            refs[.guardrailCode(domain)] = "\(prefix)-preset"
            refs[.guardrailPattern(domain)] = try await GuardrailWalkerRequests.pattern(
                cockpit, domain, account: account, prefix: prefix)
            refs[.guardrailAssignment(domain)] = try await cockpit.guardrails(domain).assign(
                account: account, presetID: refs[.guardrailPreset(domain)]!, scopeType: "user",
                scopeID: refs[.user(domain)]!
            ).id.lowercased
        }
        refs[.marketplaceListing] = try await marketplace(cockpit, account: account, prefix: prefix, refs: refs)
        refs[.connection] = try await connection(cockpit, account: account, prefix: prefix, refs: refs)
        return WalkerObjects(refs: refs, keySecret: secret)
    }

    /// Copilot credits: the account's allocation, an active plan with an allocation for each of the copilot tree's
    /// organization, team and user, an override of the team's, and a ledger row naming all three. Returns the plan's and
    /// the override's ids.
    static func credits(
        _ cockpit: Cockpit, account: UUID, prefix: String, refs: [IDKind: String]
    ) async throws -> (plan: String, override: String) {
        let credits = cockpit.credits
        _ = try await credits.setAccountAllocation(
            account: account, monthlyCredits: 1000, overflowLimit: 100, creditFactor: 1.5)
        let plan = try await credits.createPlan(account: account, name: "\(prefix)-plan", cycle: "monthly")
        for (type, kind) in [("org", IDKind.org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot))] {
            _ = try await credits.upsertAllocation(
                account: account, planID: plan.id.lowercased, scopeType: type, scopeID: refs[kind]!,
                allocatedCredits: 100, overflowCap: 10, source: nil)
        }
        let override = try await credits.addOverride(
            account: account, planID: plan.id.lowercased, scopeType: "team", scopeID: refs[.team(.copilot)]!,
            overrideCredits: 150, reason: "\(prefix)-reason")
        _ = try await credits.recordUsage(
            account: account, rawCost: 20,
            attribution: CreditAttribution(
                orgID: refs[.org(.copilot)], teamID: refs[.team(.copilot)], userID: refs[.user(.copilot)],
                agentID: "\(prefix)-agent", modelName: refs[.modelName], connectionID: "\(prefix)-connection",
                guardrailCode: "\(prefix)-guardrail"), metadata: nil, requestID: "\(prefix)-request")
        return (plan.id.lowercased, override.id.lowercased)
    }

    /// A guardrail preset assigned to the copilot tree's team, and an agent with it as its mandatory preset, granted to
    /// the copilot tree's organization, team and user and to the account. Returns the preset's and the agent's ids.
    static func agent(
        _ cockpit: Cockpit, account: UUID, prefix: String, refs: [IDKind: String]
    ) async throws -> (preset: String, agent: String) {
        let preset = try await cockpit.guardrails.upsertPreset(
            account: account, code: "\(prefix)-preset", name: "\(prefix)-preset-name",
            presetJSON: ["config": .string("\(prefix)-preset-config")])
        _ = try await cockpit.guardrails.assign(
            account: account, presetID: preset.id.lowercased, scopeType: "team", scopeID: refs[.team(.copilot)]!)
        let grants = [
            ("org", refs[.org(.copilot)]!), ("team", refs[.team(.copilot)]!), ("user", refs[.user(.copilot)]!),
            ("account", account.lowercased),
        ].map { AgentGrantInput(scopeType: $0.0, scopeID: $0.1) }
        let agent = try await cockpit.agents.create(
            account: account,
            AgentInput(
                name: "\(prefix)-agent-name", description: "\(prefix)-agent-description",
                definitionJSON: ["prompt": .string("\(prefix)-agent-prompt")], grants: grants,
                guardrailPresetIDs: [preset.id.lowercased]))
        return (preset.id.lowercased, agent.agent.id.lowercased)
    }

    /// A copilot marketplace listing granted to the copilot tree's organization, team and user, installed and rated by
    /// the user. Returns its id.
    static func marketplace(
        _ cockpit: Cockpit, account: UUID, prefix: String, refs: [IDKind: String]
    ) async throws -> String {
        var post = MarketplacePost(
            entityType: "agent", entityID: "\(prefix)-agent", title: "\(prefix)-listing",
            description: "\(prefix)-description")
        post.author = "\(prefix)-author"
        post.grants = [("org", IDKind.org(.copilot)), ("team", .team(.copilot)), ("user", .user(.copilot))].map {
            MarketplaceGrantInput(scopeType: $0.0, scopeID: refs[$0.1]!)
        }
        let listing = try await cockpit.marketplace.post(account: account, post).item.listing
        let user = refs[.user(.copilot)]!
        _ = try await cockpit.marketplace.install(account: account, listingID: listing.id.lowercased, userID: user)
        _ = try await cockpit.marketplace.rate(
            account: account, listingID: listing.id.lowercased, userID: user, rating: 4)
        return listing.id.lowercased
    }

    /// An OpenAPI connection with a sealed secret, granted to the copilot tree's organization, team and user and to
    /// the account. Its config names a base URL but no spec, so testing it makes no request. Returns its id.
    static func connection(
        _ cockpit: Cockpit, account: UUID, prefix: String, refs: [IDKind: String]
    ) async throws -> String {
        let connection = try await cockpit.connections.create(
            account: account, type: "openapi",
            ConnectionInput(
                name: "\(prefix)-connection", description: "\(prefix)-connection-description",
                config: .object(["base_url": .string("https://93.184.216.34/\(prefix)/api")]),
                secret: .object(["token": .string("\(prefix)-connection-secret")])))
        let id = connection.id.lowercased
        for (type, scope) in [
            ("org", refs[.org(.copilot)]!), ("team", refs[.team(.copilot)]!),
            ("user", refs[.user(.copilot)]!), ("account", account.lowercased),
        ] {
            _ = try await cockpit.connections.grant(
                account: account, connectionID: id, scopeType: type, scopeID: scope, canManage: type == "team")
        }
        return id
    }
}
