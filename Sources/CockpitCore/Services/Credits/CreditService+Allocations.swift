import Foundation

extension CreditService {
    /// Sets a scope's allocation in a plan (the original's checks in its order: scope type, negative credits,
    /// negative cap, plan, scope). The row's id is kept across updates.
    public func upsertAllocation(
        account: UUID, planID: String, scopeType: String, scopeID: String, allocatedCredits: Double,
        overflowCap: Double?, source: String?
    ) async throws -> CreditAllocation {
        let actor = try context.changing(.manageCredits, in: account)
        let type = try CreditScopeType.parse(scopeType)
        let credits = try Micros.amount(allocatedCredits, field: "allocated_credits")
        let cap = try overflowCap.map { try Micros.amount($0, field: "overflow_cap") }
        let source = try Self.text(source ?? "manual", field: "source", max: 50)
        let now = context.now()
        let caller = context.caller
        return try await write(account) { tx in
            let plan = try Self.plan(tx, planID, account)
            let scope = try Self.scope(tx, type, scopeID, caller: caller)
            let repo = CreditAllocationRepository(tx)
            let before = try repo.allocation(plan: plan.id, scope: scope)
            let stored = try repo.upsert(
                CreditAllocation(
                    id: UUID(), accountID: account, planID: plan.id, scope: scope, allocatedCredits: credits,
                    overflowCap: cap, source: source, createdBy: actor.name, createdAt: now, updatedAt: now))
            try CreditAudit(tx, account, actor, now).record(
                "credits.allocation_upsert", "credit_allocation", stored.id.lowercased,
                before: before.map(CreditAudit.values), after: CreditAudit.values(stored))
            return stored
        }
    }

    /// Removes a scope's allocation from a plan (the plan is not checked, as in the original); true when there was
    /// one.
    public func deleteAllocation(
        account: UUID, planID: String, scopeType: String, scopeID: String
    ) async throws
        -> Bool
    {
        let actor = try context.changing(.manageCredits, in: account)
        let type = try CreditScopeType.parse(scopeType)
        let now = context.now()
        let caller = context.caller
        return try await write(account) { tx in
            guard let plan = try CreditPlanRepository(tx).plan(planID, account: account) else { return false }
            let scope = CreditScope(type: type, id: Self.normalized(type, scopeID))
            try Self.requireAdministration(tx, scope, caller: caller)
            let repo = CreditAllocationRepository(tx)
            guard let before = try repo.allocation(plan: plan.id, scope: scope) else { return false }
            _ = try repo.delete(plan: plan.id, scope: scope)
            try CreditAudit(tx, account, actor, now).record(
                "credits.allocation_delete", "credit_allocation", before.id.lowercased,
                before: CreditAudit.values(before))
            return true
        }
    }

    /// Splits `totalCredits` equally over `scopeIDs` (total ÷ count; a repeated id counts each time), upserting each
    /// with `source: equal`, all in one transaction. Returns the share and the allocation ids in `scopeIDs` order.
    public func distributeEqually(
        account: UUID, planID: String, scopeType: String, scopeIDs: [String], totalCredits: Double,
        overflowCap: Double?
    ) async throws -> (perScope: Int64, allocationIDs: [UUID]) {
        let actor = try context.changing(.manageCredits, in: account)
        let type = try CreditScopeType.parse(scopeType)
        guard !scopeIDs.isEmpty else { throw CockpitError.badRequest("scope_ids cannot be empty") }
        guard scopeIDs.count <= 10_000 else {
            throw CockpitError.invalid(field: "scope_ids", reason: "must name at most 10000 scopes")
        }
        let total = try Micros.amount(totalCredits, field: "total_credits")
        let cap = try overflowCap.map { try Micros.amount($0, field: "overflow_cap") }
        let perScope = total / Int64(scopeIDs.count)
        let now = context.now()
        let caller = context.caller
        let ids = try await write(account) { tx in
            let plan = try Self.plan(tx, planID, account)
            let scopes = try scopeIDs.map { try Self.scope(tx, type, $0, caller: caller) }
            let repo = CreditAllocationRepository(tx)
            let audit = CreditAudit(tx, account, actor, now)
            return try scopes.enumerated().map { i, scope in
                let before = try repo.allocation(plan: plan.id, scope: scope)
                let stored = try repo.upsert(
                    CreditAllocation(
                        id: UUID(), accountID: account, planID: plan.id, scope: scope, allocatedCredits: perScope,
                        overflowCap: cap, source: "equal", createdBy: actor.name, createdAt: Self.nth(i, after: now),
                        updatedAt: now))
                try audit.record(
                    "credits.allocation_upsert", "credit_allocation", stored.id.lowercased,
                    before: before.map(CreditAudit.values), after: CreditAudit.values(stored))
                return stored.id
            }
        }
        return (perScope, ids)
    }

    /// Adds an override (always a new row; the newest of a scope applies).
    public func addOverride(
        account: UUID, planID: String, scopeType: String, scopeID: String, overrideCredits: Double, reason: String?
    ) async throws -> CreditOverride {
        let actor = try context.changing(.manageCredits, in: account)
        let type = try CreditScopeType.parse(scopeType)
        let credits = try Micros.amount(overrideCredits, field: "override_credits")
        let reason = try reason.map { try Self.text($0, field: "reason", max: 2000) }
        let now = context.now()
        let caller = context.caller
        return try await write(account) { tx in
            let plan = try Self.plan(tx, planID, account)
            let scope = try Self.scope(tx, type, scopeID, caller: caller)
            let row = CreditOverride(
                id: UUID(), accountID: account, planID: plan.id, scope: scope, overrideCredits: credits,
                reason: reason, createdBy: actor.name, createdAt: now)
            try CreditAllocationRepository(tx).insert(row)
            try CreditAudit(tx, account, actor, now).record(
                "credits.override_create", "credit_override", row.id.lowercased, after: CreditAudit.values(row))
            return row
        }
    }

    /// A plan's overrides, oldest first (the newest of a scope is the one that applies). Cockpit's addition: the
    /// original had no route listing them.
    public func overrides(account: UUID, planID: String) async throws -> [CreditOverride] {
        try context.reading(.manageCredits, in: account)
        return try await context.read(.account(account)) { tx in
            try CreditAllocationRepository(tx).overrides(plan: try Self.plan(tx, planID, account).id)
        }
    }

    /// Removes an override (cockpit's addition: the original could only add them); the scope's previous override,
    /// else its base allocation, applies again. 404 `Budget override not found` for an unknown id.
    public func deleteOverride(account: UUID, id: String) async throws {
        let actor = try context.changing(.manageCredits, in: account)
        let now = context.now()
        let caller = context.caller
        try await write(account) { tx in
            let repo = CreditAllocationRepository(tx)
            guard let before = try repo.override(id) else { throw CockpitError.notFound("Budget override") }
            try Self.requireAdministration(tx, before.scope, caller: caller)
            try repo.deleteOverride(before.id)
            try CreditAudit(tx, account, actor, now).record(
                "credits.override_delete", "credit_override", before.id.lowercased, before: CreditAudit.values(before))
        }
    }

    /// A plan of the account, else the original's 404 `Budget plan not found`.
    static func plan(_ tx: Transaction, _ id: String, _ account: UUID) throws -> CreditPlan {
        guard let plan = try CreditPlanRepository(tx).plan(id, account: account) else {
            throw CockpitError.notFound("Budget plan")
        }
        return plan
    }

    /// A scope's id as stored: a tree object's UUID in lower case, the pool's text as sent.
    static func normalized(_ type: CreditScopeType, _ id: String) -> String {
        type == .pool ? id : (UUID.fast(id)?.lowercased ?? id)
    }

    /// The scope a request names, checked: an organization, team or user of this account's copilot tree (else 404
    /// `copilot <type> not found`), or the pool (free text of 1 to 200 characters); and within the caller's reach.
    static func scope(
        _ tx: Transaction, _ type: CreditScopeType, _ rawID: String, caller: Principal
    ) throws
        -> CreditScope
    {
        let scope = CreditScope(type: type, id: normalized(type, rawID))
        let found: Bool
        switch type {
        case .pool:
            guard (1...200).contains(rawID.count) else {
                throw CockpitError.invalid(field: "scope_id", reason: "of the pool must be 1 to 200 characters")
            }
            found = true
        case .org: found = try scope.treeID.flatMap { try OrganizationRepository(tx).get($0, domain: .copilot) } != nil
        case .team: found = try scope.treeID.flatMap { try TeamRepository(tx).get($0, domain: .copilot) } != nil
        case .user: found = try scope.treeID.flatMap { try UserRepository(tx).get($0, domain: .copilot) } != nil
        }
        guard found else { throw CockpitError.notFound("copilot \(type.rawValue)") }
        try requireAdministration(tx, scope, caller: caller)
        return scope
    }

    /// A copilot team admin (by role only) changes the credits of the teams they administer and of those teams'
    /// members; organizations and the pool are for organization and account admins.
    static func requireAdministration(_ tx: Transaction, _ scope: CreditScope, caller: Principal) throws {
        try CatalogScopes.requireTeamReach(
            tx, type: scope.type == .pool ? nil : CatalogScopeType(rawValue: scope.type.rawValue), id: scope.treeID,
            caller: caller, refusal: "team admins manage only the credits of the teams they administer")
    }
}
