import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Copilot credits in the original's shapes (V1_CONTRACT.md "Copilot budgets"): the account allocation
/// (`/v1/budgets/account-allocation`, super-admin; `/v1/budgets/copilot/account-allocation`, the caller's), plans,
/// allocations, overrides, the effective view, usage, alerts, cost breakdowns, usage records and cycle renewal. The
/// credit service checks who may do what; the routes read the wire and answer it.
enum CreditRoutes {
    static let base = "/v1/budgets/copilot"

    static func register(_ table: RouteTable) {
        registerAccountAllocation(table)
        registerPlans(table)
        registerReports(table)
        registerCockpitAdditions(table)
        table.add(.post, "\(base)/usage/record") { request, context, c in
            let body = try await WireJSON.decode(UsageRecord.self, from: request, context)
            let entry = try await c.credits.recordUsage(
                account: try c.callerAccount(), rawCost: body.rawCost, attribution: body.attribution,
                metadata: body.metadata, requestID: body.requestID)
            return WireJSON.item(LedgerView(entry))
        }
        table.add(.post, "\(base)/cycles/renew") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(CycleRenew.self, from: request, context)
            switch try body.renewal() {
            case .failure(let malformed): throw APIError(.unprocessableContent, malformed.message)
            case .success(let renewal):
                let (cycleID, plan, summary) = try await c.credits.renew(account: account, renewal)
                return WireJSON.response(RenewalAnswer(cycleID: cycleID, plan: plan, summary: summary))
            }
        }
        table.add(.get, "\(base)/cycles/history") { request, _, c in
            let account = try c.callerAccount()
            let (limit, offset) = (try count(request, "limit", 50), try count(request, "offset", 0))
            let cycles = try await c.credits.cycleHistory(account: account, limit: limit, offset: offset)
            return WireJSON.response(ItemList(cycles.map(CycleView.init)))
        }
    }

    /// The super-admin's view of every account's allocation and the caller's own.
    static func registerAccountAllocation(_ table: RouteTable) {
        table.add(.post, "/v1/budgets/account-allocation") { request, context, c in
            let body = try await superAdminFirst(c) {
                try await WireJSON.decode(AccountAllocationSet.self, from: request, context)
            }
            _ = try await c.credits.setAccountAllocation(
                account: body.account, monthlyCredits: body.monthlyCredits ?? 0, overflowLimit: body.overflowLimit ?? 0,
                creditFactor: body.creditFactor ?? 1)
            return WireJSON.ok()
        }
        table.add(.get, "/v1/budgets/account-allocation") { request, _, c in
            guard let text = request.query("account_id") else {
                return WireJSON.response(
                    ItemList(try await c.credits.accountAllocations().map(AccountAllocationView.init)))
            }
            // The account is not checked: an id that names none, or a text that is no id, answers null.
            let row = try await c.credits.accountAllocation(of: UUID(uuidString: text) ?? .unmatched)
            return WireJSON.item(row.map(AccountAllocationView.init))
        }
        table.add(.get, "\(base)/account-allocation") { _, _, c in
            WireJSON.response(CopilotAllocationView(try await c.credits.allocation(account: try c.callerAccount())))
        }
    }

    /// Plans, allocations, equal distribution and overrides.
    static func registerPlans(_ table: RouteTable) {
        table.add(.post, "\(base)/plans") { request, context, c in
            let account = try c.callerAccount()
            let body = try await WireJSON.decode(PlanCreate.self, from: request, context)
            return WireJSON.item(
                PlanView(try await c.credits.createPlan(account: account, name: body.name, cycle: body.cycle)))
        }
        table.add(.get, "\(base)/plans/active") { _, _, c in
            WireJSON.item(try await c.credits.activePlan(account: try c.callerAccount()).map(PlanView.init))
        }
        table.add(.patch, "\(base)/plans/{plan_id}") { request, context, c in
            let account = try c.callerAccount()
            let id = context.parameters.get("plan_id") ?? ""
            let body = try await WireJSON.decode(PlanRename.self, from: request, context)
            return WireJSON.item(
                PlanView(try await c.credits.renamePlan(account: account, planID: id, name: body.name)))
        }
        table.add(.post, "\(base)/allocations/upsert") { request, context, c in
            let account = try c.callerAccount()
            let b = try await WireJSON.decode(AllocationUpsert.self, from: request, context)
            let row = try await c.credits.upsertAllocation(
                account: account, planID: b.planID, scopeType: b.scopeType, scopeID: b.scopeID,
                allocatedCredits: b.allocatedCredits, overflowCap: b.overflowCap, source: b.source)
            return WireJSON.item(AllocationView(row))
        }
        table.add(.delete, "\(base)/allocations") { request, _, c in
            let account = try c.callerAccount()
            let (plan, type, scope) = (
                try AccessRoutes.required(request, "plan_id"), try AccessRoutes.required(request, "scope_type"),
                try AccessRoutes.required(request, "scope_id")
            )
            let deleted = try await c.credits.deleteAllocation(
                account: account, planID: plan, scopeType: type, scopeID: scope)
            return WireJSON.response(DeletedAnswer(deleted))
        }
        table.add(.post, "\(base)/distribute/equal") { request, context, c in
            let account = try c.callerAccount()
            let b = try await WireJSON.decode(EqualDistribution.self, from: request, context)
            let (perScope, ids) = try await c.credits.distributeEqually(
                account: account, planID: b.planID, scopeType: b.scopeType, scopeIDs: b.scopeIds,
                totalCredits: b.totalCredits, overflowCap: b.overflowCap)
            return WireJSON.response(DistributionAnswer(perScope: perScope, allocationIds: ids))
        }
        table.add(.post, "\(base)/overrides") { request, context, c in
            let account = try c.callerAccount()
            let b = try await WireJSON.decode(OverrideCreate.self, from: request, context)
            let row = try await c.credits.addOverride(
                account: account, planID: b.planID, scopeType: b.scopeType, scopeID: b.scopeID,
                overrideCredits: b.overrideCredits, reason: b.reason)
            return WireJSON.item(OverrideView(row))
        }
    }

    /// The effective view, usage by scope, alerts and the cost breakdown.
    static func registerReports(_ table: RouteTable) {
        table.add(.get, "\(base)/effective-allocation") { request, _, c in
            let account = try c.callerAccount()
            let plan = try AccessRoutes.required(request, "plan_id")
            return WireJSON.response(
                EffectiveAllocationView(try await c.credits.effectiveAllocation(account: account, planID: plan)))
        }
        table.add(.get, "\(base)/usage-by-scope") { request, _, c in
            let (plan, items) = try await c.credits.usageByScope(
                account: try c.callerAccount(), planID: request.query("plan_id"))
            return WireJSON.response(UsageByScopeView(planID: plan, items: items))
        }
        table.add(.get, "\(base)/alerts") { request, _, c in
            let account = try c.callerAccount()
            var threshold = 80.0
            if let text = request.query("threshold") {
                guard let value = Double(text), value.isFinite, (0...1000).contains(value) else {
                    throw APIError(.unprocessableContent, "threshold must be a number from 0 to 1000")
                }
                threshold = value
            }
            let alerts = try await c.credits.alerts(account: account, threshold: threshold)
            return WireJSON.response(ItemList(alerts.map(AlertView.init)))
        }
        table.add(.get, "\(base)/cost-breakdown") { request, _, c in
            let account = try c.callerAccount()
            let name = request.query("by") ?? "agent"
            guard let by = CreditDimension(rawValue: name) else {
                // The original's guard runs before this check: a caller without copilot credits is refused first.
                _ = try await c.credits.allocation(account: account)
                throw APIError(
                    .badRequest, "by must be one of: " + CreditDimension.allCases.map(\.rawValue).joined(separator: ",")
                )
            }
            let groups = try await c.credits.costBreakdown(account: account, by: by)
            return WireJSON.response(CostBreakdownView(by: by, groups: groups))
        }
    }

    /// `GET /v1/costs/breakdown` as the original answers it (without cockpit's `by` and `days`): the copilot ledger by
    /// model, agent, connection and guardrail for `domain` (`copilot` by default; anything but `console` or `copilot`
    /// is 422), optionally only the rows naming an organization, team or user (exact text; an id in lower case).
    static func ledgerBreakdown(_ request: Request, _ c: Cockpit) async throws -> Response {
        let name = request.query("domain") ?? ProductDomain.copilot.rawValue
        guard let domain = ProductDomain(rawValue: name) else {
            throw APIError(.unprocessableContent, "domain must be console or copilot")
        }
        func id(_ key: String) -> String? { request.query(key).map { UUID.fast($0)?.lowercased ?? $0 } }
        let groups = try await c.credits.ledgerBreakdown(
            account: try c.callerAccount(), domain: domain, orgID: id("org_id"), teamID: id("team_id"),
            userID: id("user_id"))
        return WireJSON.response(LedgerBreakdownView(domain: domain, groups: groups))
    }

    /// The original checks the super-admin guard before it validates the body: a body the route cannot read answers
    /// 403 to anyone else (the core's super-admin read decides), 422 to a super-admin.
    static func superAdminFirst<T>(_ c: Cockpit, _ decode: () async throws -> T) async throws -> T {
        do {
            return try await decode()
        } catch let error as APIError where error.status == .unprocessableContent {
            _ = try await c.credits.accountAllocation(of: .unmatched)
            throw error
        }
    }

    /// A paging number of the query (`limit`, `offset`): a whole number of at least 0, else 422.
    static func count(_ request: Request, _ name: String, _ fallback: Int) throws -> Int {
        guard let text = request.query(name) else { return fallback }
        guard let n = Int(text), n >= 0 else {
            throw APIError(.unprocessableContent, "\(name) must be a whole number of at least 0")
        }
        return n
    }
}
