import Foundation

/// What an admitted request holds until it ends: its id, its parallel slots, the token counters to raise, its
/// budget reservation, and the rate-limit headers to send.
public struct Admission: Sendable {
    public var requestID: String
    public var caller: GatewayCaller
    public var started: Date
    /// Parallel-request slots, freed when the request ends.
    var releaseKeys: [String] = []
    /// Requests-per-minute counters raised for this request.
    var requestCounters: [String] = []
    /// Tokens-per-minute counters to raise by the tokens used.
    var tokenCounters: [String] = []
    var reservation: BudgetLedger.Reservation?
    /// For a key owned in the copilot tree, what the request is charged in credits.
    var credit: CreditCharge?
    /// `x-ratelimit-*` headers for the key's own limits.
    public var rateHeaders: [(String, String)] = []
    /// The guardrails the request runs under (none for the master key and keys nothing is assigned to).
    var guardrails = CallerGuardrails.none
    /// Where its guardrail hits gather (nil when it has no guardrails).
    var guardrailHits: GuardrailHitLog?
}

extension Gateway {
    /// Checks everything that must hold before an upstream call, in order: the key's routes and model list (403),
    /// the model's existence for this caller (404), the tree's grants (403), the customer named by `user` not blocked
    /// (400), rate limits (429), budgets (429, `budget_exceeded`; the customer's and, for a copilot-owned key, the credits
    /// of its user, team, organization and account in the active plan among them). The master key skips
    /// limits and budgets (and customers). Nothing is held when this throws.
    func admit(_ request: GatewayRequest, caller: GatewayCaller, group: [Deployment]) async throws -> Admission {
        let started = Date()
        var admission = Admission(requestID: RandomUUID.make().lowercased, caller: caller, started: started)
        guard let key = caller.key else {
            guard !group.isEmpty else { throw GatewayError.unknownModel(request.model) }
            admission.guardrails = try await policies.guardrails(nil, agentID: nil)
            if !admission.guardrails.isEmpty { admission.guardrailHits = GuardrailHitLog() }
            return admission
        }
        if !key.allowedRoutes.isEmpty {
            let names = [
                "/v1/\(request.endpoint.rawValue)", "/\(request.endpoint.rawValue)", "llm_api_routes", "openai_routes",
            ]
            guard key.allowedRoutes.contains(where: names.contains) else {
                throw GatewayError.forbidden("this key may not call /v1/\(request.endpoint.rawValue)")
            }
        }
        guard Self.allowsEveryModel(key) || key.models.contains(request.model) else {
            throw GatewayError.forbidden(
                "this key may not use model '\(request.model)'; it may use: \(key.models.joined(separator: ", "))")
        }
        guard !group.isEmpty else { throw GatewayError.unknownModel(request.model) }
        if let domain = key.domain {
            let access = try await policies.modelAccess(key: key, domain: domain, model: request.model)
            guard access.allowed else {
                throw GatewayError.forbidden(
                    "model '\(request.model)' is not granted to this key's \(domain.rawValue) owner (decided by \(access.decidedBy))"
                )
            }
        }
        let policy = try await policies.account(key.accountID)
        guard policy.account.isActive else { throw GatewayError.unauthorized("the key's account is suspended") }
        admission.guardrails = try await policies.guardrails(key, agentID: request.creditTags.agentID)
        if !admission.guardrails.isEmpty { admission.guardrailHits = GuardrailHitLog() }
        var budgets = policy.budgets.filter { applies($0, key: key, model: request.model) }
        if let endUser = request.user {
            let customer = try await policies.customer(account: key.accountID, endUser)
            // LiteLLM's status and words for a blocked end user.
            guard !customer.blocked else {
                throw GatewayError.invalid("User blocked from making LLM API Calls. User=\(endUser)")
            }
            budgets += customer.budgets.filter { $0.modelName.isEmpty || $0.modelName == request.model }
        }
        try await acquireLimits(key: key, budgets: budgets, into: &admission)
        do {
            let estimate = estimateCost(request, group: group)
            var limits =
                try budgetLimits(key, budgets, policy.account, request.model) + (try await policies.ownerBudgets(key))
            if key.domain == .copilot {
                let credits = try await policies.creditAdmission(key)
                limits += credits.limits
                var charge = credits.charge
                let tags = request.creditTags
                (charge.attribution.agentID, charge.attribution.connectionID, charge.attribution.guardrailCode) = (
                    tags.agentID, tags.connectionID, tags.guardrailCode
                )
                admission.credit = charge
            }
            admission.reservation = try await ledger.reserve(account: key.accountID, limits: limits, estimate: estimate)
        } catch {
            // Refused by a budget: the request counted against no limit.
            await counters.release(admission.releaseKeys + admission.requestCounters)
            throw GatewayError.from(error)
        }
        return admission
    }

    /// Runs a request's checks (`admit`: key, model, grants, limits, budgets; then its input guardrails) and gives
    /// back what they held, with no upstream call and no spend row: the in-process admission path that
    /// `cockpit-bench admission` measures.
    public func checkAdmission(_ request: GatewayRequest, caller: GatewayCaller) async throws {
        let admission = try await admit(
            request, caller: caller, group: registry.group(request.model, account: caller.accountID))
        let guarded = Result { try guardInput(request, admission) }
        if let reservation = admission.reservation {
            ledger.settle(reservation, cost: 0, requestID: admission.requestID)
        }
        await counters.release(admission.releaseKeys)
        _ = try guarded.get()
    }

    /// True when a budget row concerns this key's request.
    private func applies(_ b: Budget, key: VirtualKey, model: String) -> Bool {
        guard b.modelName.isEmpty || b.modelName == model else { return false }
        switch b.subject {
        case .account: return true
        case .org: return b.subjectID == key.orgID?.lowercased
        case .team: return b.subjectID == key.teamID?.lowercased
        case .user: return b.subjectID == key.userID?.lowercased
        case .key: return b.subjectID == key.id.lowercased || b.subjectID == key.keyHash
        case .teamMember:
            guard let team = key.teamID, let user = key.userID else { return false }
            return b.subjectID == "\(team.lowercased):\(user.lowercased)"
        case .model: return b.subjectID == model
        case .customer, .credits: return false
        }
    }

    /// Raises the request's rpm and parallel counters and checks its tpm counters, for the key and every budget
    /// row that sets a limit; throws 429 naming the limit that is full.
    private func acquireLimits(key: VirtualKey, budgets: [Budget], into admission: inout Admission) async throws {
        enum Kind { case requests, tokens, parallel }
        let minute = Int(admission.started.timeIntervalSince1970 / 60)
        let prefix = "cockpit:\(key.accountID.lowercased)"
        var checks: [LimitCheck] = []
        var kinds: [(kind: Kind, ownKey: Bool)] = []
        func add(_ who: String, _ label: String, own: Bool, rpm: Int64?, tpm: Int64?, parallel: Int64?) {
            if let rpm {
                checks.append(
                    LimitCheck(
                        key: "\(prefix):rpm:\(who):\(minute)", limit: Int(rpm), amount: 1, ttl: 120,
                        label: "\(label) rpm"))
                kinds.append((.requests, own))
            }
            if let tpm {
                checks.append(
                    LimitCheck(
                        key: "\(prefix):tpm:\(who):\(minute)", limit: Int(tpm), amount: 0, ttl: 120,
                        label: "\(label) tpm"))
                kinds.append((.tokens, own))
            }
            if let parallel {
                checks.append(
                    LimitCheck(
                        key: "\(prefix):par:\(who)", limit: Int(parallel), amount: 1, ttl: 600,
                        label: "\(label) parallel requests"))
                kinds.append((.parallel, own))
            }
        }
        add(
            "key:\(key.keyHash)", "key", own: true, rpm: key.rpmLimit, tpm: key.tpmLimit,
            parallel: key.maxParallelRequests)
        for b in budgets {
            add(
                "\(b.subject.rawValue):\(b.subjectID):\(b.modelName)", "\(b.subject.rawValue) \(b.subjectID)",
                own: false,
                rpm: b.rpmLimit, tpm: b.tpmLimit, parallel: b.maxParallelRequests)
        }
        guard !checks.isEmpty else { return }
        switch await counters.acquire(checks) {
        case .refused(let i):
            let c = checks[i]
            throw GatewayError.rateLimited(
                "rate limit reached for \(c.label): limit \(c.limit)\(kinds[i].kind == .parallel ? "" : " per minute")")
        case .admitted(let values):
            for i in checks.indices {
                let (c, value) = (checks[i], values[i])
                switch kinds[i].kind {
                case .parallel: admission.releaseKeys.append(c.key)
                case .tokens: admission.tokenCounters.append(c.key)
                case .requests: admission.requestCounters.append(c.key)
                }
                guard kinds[i].ownKey, kinds[i].kind != .parallel else { continue }
                let unit = kinds[i].kind == .requests ? "requests" : "tokens"
                admission.rateHeaders += [
                    ("x-ratelimit-limit-\(unit)", String(c.limit)),
                    ("x-ratelimit-remaining-\(unit)", String(max(0, c.limit - value))),
                ]
            }
        }
    }

    /// Every budget the request falls under: the key's (and its per-model budgets), the budget rows of its owners,
    /// and the account's.
    private func budgetLimits(
        _ key: VirtualKey, _ budgets: [Budget], _ account: Account, _ model: String
    ) throws -> [BudgetLimit] {
        var limits: [BudgetLimit] = []
        if let max = key.maxBudget {
            limits.append(
                BudgetLimit(
                    subject: .key, subjectID: key.keyHash, maxBudget: max,
                    period: try key.budgetDuration.map { try BudgetPeriod($0) }))
        }
        if let perModel = try key.modelBudget(model) { limits.append(perModel) }
        for b in budgets {
            guard let max = b.maxBudget else { continue }
            let subjectID = b.subject == .key ? key.keyHash : b.subjectID
            limits.append(
                BudgetLimit(
                    subject: b.subject, subjectID: subjectID, model: b.modelName, maxBudget: max,
                    period: try b.budgetDuration.map { try BudgetPeriod($0) }))
        }
        if let max = account.maxBudget {
            limits.append(BudgetLimit(subject: .account, subjectID: account.id.lowercased, maxBudget: max, period: nil))
        }
        return limits
    }

    /// The most tokens a request is likely to use: its prompt at four bytes a token, plus for each of its `n`
    /// choices `max_tokens` (256 when unset), clamped to what the model can produce (`model_info.max_output_tokens`
    /// or `max_tokens`, when the deployment says). A request that sets `max_tokens` cannot overshoot its
    /// reservation by more than the prompt estimate's error; one that does not may, by at most `n` × (the model's
    /// output limit − 256) tokens (docs/SECURITY.md).
    func estimatedUsage(_ request: GatewayRequest, deployment: Deployment? = nil) -> TokenUsage {
        guard request.endpoint != .embeddings else {
            return TokenUsage(promptTokens: request.estimatedPromptTokens, completionTokens: 0)
        }
        let modelLimit = (deployment?.modelInfo["max_output_tokens"] ?? deployment?.modelInfo["max_tokens"])?
            .doubleValue
            .flatMap { CheckedNumber.count($0, max: TokenUsage.maxTokens) }
        let perChoice = min(request.maxTokens ?? 256, modelLimit ?? TokenUsage.maxTokens)
        return TokenUsage(
            promptTokens: request.estimatedPromptTokens,
            completionTokens: min(TokenUsage.maxTokens, perChoice * request.choices))
    }

    /// The most a request is likely to cost: `estimatedUsage` at the first deployment's prices.
    func estimateCost(_ request: GatewayRequest, group: [Deployment]) -> Double {
        guard let deployment = group.first else { return 0 }
        return prices.cost(estimatedUsage(request, deployment: deployment), deployment: deployment)
    }
}
