import Foundation

/// The audit rows of credit changes, written in the change's transaction. Copilot budget tables are audited in the
/// `copilot` domain as the original did (its clients list them with `?domain=copilot`); the account allocation in
/// `billing`. Values are the rows as the wire shows them (credits as decimals).
struct CreditAudit {
    let tx: Transaction
    let account: UUID
    let actor: Actor
    let now: Date

    init(_ tx: Transaction, _ account: UUID, _ actor: Actor, _ now: Date) {
        (self.tx, self.account, self.actor, self.now) = (tx, account, actor, now)
    }

    func record(
        _ action: String, _ type: String, _ id: String, domain: AuditDomain = .copilot, before: JSONValue? = nil,
        after: JSONValue? = nil
    ) throws {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: domain, action: action, objectType: type, objectID: id,
            before: before, after: after, at: now)
    }

    static func credits(_ micros: Int64?) -> JSONValue { micros.map { .number(Micros.decimal($0)) } ?? .null }
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func time(_ date: Date) -> JSONValue { .string(Timestamp.format(date)) }

    static func values(_ a: AccountCreditAllocation) -> JSONValue {
        .object([
            "account_id": .string(a.accountID.lowercased), "monthly_credits": credits(a.monthlyCredits),
            "overflow_limit": credits(a.overflowLimit), "credit_factor": .number(a.creditFactor),
            "effective_from": time(a.effectiveFrom), "updated_at": time(a.updatedAt),
        ])
    }

    static func values(_ p: CreditPlan) -> JSONValue {
        .object([
            "id": .string(p.id.lowercased), "account_id": .string(p.accountID.lowercased), "name": .string(p.name),
            "cycle": .string(p.cycle), "status": .string(p.status.rawValue), "created_by": .string(p.createdBy),
            "created_at": time(p.createdAt), "updated_at": time(p.updatedAt),
        ])
    }

    static func values(_ a: CreditAllocation) -> JSONValue {
        .object([
            "id": .string(a.id.lowercased), "account_id": .string(a.accountID.lowercased),
            "plan_id": .string(a.planID.lowercased), "scope_type": .string(a.scope.type.rawValue),
            "scope_id": .string(a.scope.id), "allocated_credits": credits(a.allocatedCredits),
            "overflow_cap": credits(a.overflowCap), "source": .string(a.source), "created_by": .string(a.createdBy),
            "created_at": time(a.createdAt), "updated_at": time(a.updatedAt),
        ])
    }

    static func values(_ o: CreditOverride) -> JSONValue {
        .object([
            "id": .string(o.id.lowercased), "account_id": .string(o.accountID.lowercased),
            "plan_id": .string(o.planID.lowercased), "scope_type": .string(o.scope.type.rawValue),
            "scope_id": .string(o.scope.id), "override_credits": credits(o.overrideCredits), "reason": text(o.reason),
            "created_by": .string(o.createdBy), "created_at": time(o.createdAt),
        ])
    }

    static func values(_ e: CreditLedgerEntry) -> JSONValue {
        .object([
            "id": .string(e.id.lowercased), "account_id": .string(e.accountID.lowercased), "org_id": text(e.orgID),
            "team_id": text(e.teamID), "user_id": text(e.userID), "agent_id": text(e.agentID),
            "model_name": text(e.modelName), "connection_id": text(e.connectionID),
            "guardrail_code": text(e.guardrailCode), "raw_cost": credits(e.rawCost),
            "credit_factor": .number(e.creditFactor), "credits_incurred": credits(e.creditsIncurred),
            "metadata": e.metadata, "request_id": text(e.requestID), "created_at": time(e.createdAt),
        ])
    }
}
