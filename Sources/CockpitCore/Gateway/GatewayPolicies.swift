import Foundation

/// What the gateway needs to know about an account on every request, cached for a second (changes made by other
/// instances show within it; this instance's own changes evict at once): the account and its budgets, and which
/// models each tree-owned key may use.
final class GatewayPolicies: @unchecked Sendable {
    /// An account's state and budget rows.
    struct AccountPolicy: Sendable {
        var account: Account
        var budgets: [Budget]
    }

    let cockpit: Cockpit
    private let accounts: CredentialCache<AccountPolicy>
    private let access: CredentialCache<EffectiveAccess>
    private let owners: CredentialCache<[BudgetLimit]>
    private let customers: CredentialCache<CustomerPolicy>
    private let credits: CredentialCache<CreditPolicy>
    private let creditAdmissions: CredentialCache<CreditAdmission>
    let guardrailPolicies: KeyedCache<UUID, GuardrailPolicy>
    let callerGuardrails: KeyedCache<CallerGuardrails.Owner, CallerGuardrails>
    let scanners: GuardrailScannerCache
    /// config.yaml's `guardrails:`, applied to every request before the tree's presets.
    let configGuardrails: [GuardrailPreset]

    init(
        cockpit: Cockpit, ttl: TimeInterval = 1, configGuardrails: [GuardrailPreset] = [],
        scanners: GuardrailScannerCache = GuardrailScannerCache()
    ) {
        self.configGuardrails = configGuardrails
        self.cockpit = cockpit
        accounts = CredentialCache(ttl: ttl)
        access = CredentialCache(ttl: ttl)
        owners = CredentialCache(ttl: ttl)
        customers = CredentialCache(ttl: ttl)
        credits = CredentialCache(ttl: ttl)
        creditAdmissions = CredentialCache(ttl: ttl)
        guardrailPolicies = KeyedCache(ttl: ttl)
        callerGuardrails = KeyedCache(ttl: ttl)
        self.scanners = scanners
        let (guardrailPolicies, callerGuardrails) = (guardrailPolicies, callerGuardrails)
        let (accounts, access, owners, customers) = (accounts, access, owners, customers)
        let (credits, creditAdmissions) = (credits, creditAdmissions)
        cockpit.context.events.subscribe { event in
            switch event {
            case .accountChanged(let id), .accessChanged(let id):
                accounts.remove { key, _ in key == id.lowercased }
                access.remove { key, _ in key.hasPrefix(id.lowercased) }
                owners.remove { key, _ in key.hasPrefix(id.lowercased) }
                customers.remove { key, _ in key.hasPrefix(id.lowercased) }
                credits.remove { key, _ in key == id.lowercased }
                creditAdmissions.remove { key, _ in key.hasPrefix(id.lowercased) }
                guardrailPolicies.remove { key, _ in key == id }
                callerGuardrails.remove { key, _ in key.account == id }
            case .keyChanged, .adminChanged: break
            }
        }
    }

    /// A cached answer, or `load`'s (then cached); while the store is unreachable, the last answer known. Refusals
    /// of the core (`CockpitError`) are never covered up by an old answer.
    func cached<Key, T: Sendable>(
        _ cache: KeyedCache<Key, T>, _ key: Key, _ load: () async throws -> T
    ) async throws -> T {
        if let known = cache.get(key) { return known }
        do {
            let value = try await load()
            cache.set(key, value)
            return value
        } catch let error as CockpitError {
            throw error
        } catch {
            guard let known = cache.stale(key) else { throw error }
            return known
        }
    }

    /// The account and its budgets; while the store is unreachable, the last known ones.
    func account(_ id: UUID) async throws -> AccountPolicy {
        try await cached(accounts, id.lowercased) {
            try await cockpit.database.read(.account(id)) { tx -> AccountPolicy in
                guard let account = try AccountRepository(tx).get(id) else { throw CockpitError.notFound("Account") }
                return AccountPolicy(account: account, budgets: try BudgetRepository(tx).list())
            }
        }
    }

    /// The lifetime budgets (`max_budget`) of the user, team and organization that own a key.
    func ownerBudgets(_ key: VirtualKey) async throws -> [BudgetLimit] {
        guard let domain = key.domain, key.userID != nil || key.teamID != nil || key.orgID != nil else { return [] }
        return try await cached(owners, "\(key.accountID.lowercased):\(key.id.lowercased)") {
            try await cockpit.database.read(.account(key.accountID)) { tx -> [BudgetLimit] in
                var limits: [BudgetLimit] = []
                if let id = key.userID, let max = try UserRepository(tx).get(id, domain: domain)?.maxBudget {
                    limits.append(BudgetLimit(subject: .user, subjectID: id.lowercased, maxBudget: max, period: nil))
                }
                if let id = key.teamID, let max = try TeamRepository(tx).get(id, domain: domain)?.maxBudget {
                    limits.append(BudgetLimit(subject: .team, subjectID: id.lowercased, maxBudget: max, period: nil))
                }
                if let id = key.orgID, let max = try OrganizationRepository(tx).get(id, domain: domain)?.maxBudget {
                    limits.append(BudgetLimit(subject: .org, subjectID: id.lowercased, maxBudget: max, period: nil))
                }
                return limits
            }
        }
    }

    /// The customer a request names with `user` (cached like the owners' budgets; an unknown one as not blocked and
    /// without budget).
    func customer(account: UUID, _ userID: String) async throws -> CustomerPolicy {
        try await cached(customers, "\(account.lowercased):\(userID)") {
            try await cockpit.database.read(.account(account)) { tx -> CustomerPolicy in
                guard let customer = try CustomerRepository(tx).get(userID) else { return .unknown }
                return CustomerPolicy(customer, try customer.budgetID.flatMap { try NamedBudgetRepository(tx).get($0) })
            }
        }
    }

    /// Whether a key owned in a tree may use a model: the grants from its user up to the account (and the console
    /// model policy), as the control plane resolves them.
    func modelAccess(key: VirtualKey, domain: ProductDomain, model: String) async throws -> EffectiveAccess {
        try await cached(access, "\(key.accountID.lowercased):\(key.id.lowercased):\(model)") {
            try await cockpit.access.effectiveModel(
                account: key.accountID, domain: domain, modelName: model, orgID: key.orgID,
                teamID: key.teamID, userID: key.userID)
        }
    }

    /// The copilot credit policy of an account (its active plan, factor and scope limits).
    func credits(_ account: UUID) async throws -> CreditPolicy {
        try await cached(credits, account.lowercased) {
            try await cockpit.database.read(.account(account)) { try CreditPolicy.load($0, account: account) }
        }
    }

    /// What admission adds for a copilot-owned key, built once per cache period: the credit budgets of its chain in
    /// the active plan and the charge its requests carry (the request's own metadata tags are added per request).
    func creditAdmission(_ key: VirtualKey) async throws -> CreditAdmission {
        try await cached(creditAdmissions, "\(key.accountID.lowercased):\(key.id.lowercased)") {
            let policy = try await credits(key.accountID)
            let chain = try await loadCreditChain(key)
            return CreditAdmission(
                limits: policy.limits(account: key.accountID, chain: chain),
                charge: CreditCharge(
                    planID: policy.planID, creditFactor: policy.creditFactor,
                    attribution: CreditAttribution(orgID: chain.orgID, teamID: chain.teamID, userID: chain.userID)))
        }
    }

    /// The copilot scopes a key's requests are charged to. Read with the key's credit admission, which caches both.
    private func loadCreditChain(_ key: VirtualKey) async throws -> CreditChain {
        guard key.domain == .copilot else { return CreditChain() }
        return try await loadTreeChain(key)
    }

    /// The tree scopes a key owned in a tree acts for, from its user up: its user; its team, else the user's first
    /// team; its organization, else that team's (empty for a key owned in no tree).
    func loadTreeChain(_ key: VirtualKey) async throws -> CreditChain {
        guard let domain = key.domain else { return CreditChain() }
        return try await cockpit.database.read(.account(key.accountID)) { tx -> CreditChain in
            var team = key.teamID
            if team == nil, let user = key.userID {
                team = try MembershipRepository(tx).list(userID: user, domain: domain)
                    .min { ($0.createdAt, $0.teamID.lowercased) < ($1.createdAt, $1.teamID.lowercased) }?.teamID
            }
            var org = key.orgID
            if org == nil, let team { org = try TeamRepository(tx).get(team, domain: domain)?.orgID }
            return CreditChain(
                userID: key.userID?.lowercased, teamID: team?.lowercased, orgID: org?.lowercased)
        }
    }
}

/// The copilot scopes a key's requests are charged to and checked against (ids in lower case; nil: none).
struct CreditChain: Sendable, Equatable {
    var userID: String?
    var teamID: String?
    var orgID: String?

    /// `(type, id)` from the user up.
    var links: [(type: String, id: String)] {
        [("user", userID), ("team", teamID), ("org", orgID)].compactMap { type, id in id.map { (type, $0) } }
    }
}

/// A copilot key's credit budgets and the charge its requests carry.
struct CreditAdmission: Sendable {
    var limits: [BudgetLimit]
    var charge: CreditCharge
}
