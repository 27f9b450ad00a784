import Foundation

extension CreditService {
    /// Records usage a client reports (`POST /v1/budgets/copilot/usage/record`): credits = raw cost × the account's
    /// credit factor (1 without an allocation), charged to the active plan. With a `requestID` already recorded, the
    /// row recorded then is returned and nothing new is written.
    public func recordUsage(
        account: UUID, rawCost: Double, attribution: CreditAttribution, metadata: JSONValue?, requestID: String?
    ) async throws -> CreditLedgerEntry {
        let actor = try context.changing(.manageCredits, in: account)
        let raw = try Micros.amount(rawCost, field: "raw_cost")
        let attribution = try Self.checked(attribution)
        let metadata = try Validation.metadata(metadata, field: "metadata")
        let requestID = try requestID.map { try Self.text($0, field: "request_id", max: 200) }
        let now = context.now()
        return try await write(account) { tx in
            let ledger = CreditLedgerRepository(tx)
            if let requestID, let earlier = try ledger.entry(requestID: requestID, account: account) { return earlier }
            let factor = try CreditPlanRepository(tx).allocation(account)?.creditFactor ?? 1
            guard let credits = Micros.credits(raw: raw, factor: factor) else {
                throw CockpitError.invalid(field: "raw_cost", reason: "times the credit factor is more than 1000000000")
            }
            let entry = CreditLedgerEntry(
                id: UUID(), accountID: account, planID: try CreditPlanRepository(tx).activePlan(account: account)?.id,
                attribution: attribution, rawCost: raw, creditFactor: factor, creditsIncurred: credits,
                metadata: metadata, requestID: requestID, createdAt: now)
            guard try ledger.append(entry) else {
                // The same request id was recorded in between: that row is the answer, as for a repeat.
                return try requestID.flatMap { try ledger.entry(requestID: $0, account: account) } ?? entry
            }
            try CreditAudit(tx, account, actor, now).record(
                "credits.usage_add", "credit_ledger", entry.id.lowercased, after: CreditAudit.values(entry))
            return entry
        }
    }

    /// The attribution's ids as stored: at most 200 characters each; an id that is a UUID in lower case, so that a
    /// row counts for the allocation of the scope it names whatever case the client wrote.
    static func checked(_ a: CreditAttribution) throws -> CreditAttribution {
        func id(_ value: String?, _ field: String) throws -> String? {
            guard let value else { return nil }
            let text = try Self.text(value, field: field, max: 200)
            return UUID.fast(text)?.lowercased ?? text
        }
        return CreditAttribution(
            orgID: try id(a.orgID, "org_id"), teamID: try id(a.teamID, "team_id"), userID: try id(a.userID, "user_id"),
            agentID: try id(a.agentID, "agent_id"),
            modelName: try a.modelName.map { try Self.text($0, field: "model_name", max: 200) },
            connectionID: try id(a.connectionID, "connection_id"),
            guardrailCode: try a.guardrailCode.map { try Self.text($0, field: "guardrail_code", max: 200) })
    }
}
