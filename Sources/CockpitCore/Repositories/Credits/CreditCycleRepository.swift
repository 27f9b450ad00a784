import Foundation

/// The record of renewals.
package struct CreditCycleRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, source_plan_id, new_plan_id, cycle_start, cycle_end, rollover_credits, "
        + "overflow_charge_credits, summary_json, created_by, created_at"

    /// Records a renewal.
    package func insert(_ c: CreditCycle) throws {
        guard try tx.writeAccount() == c.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO credit_cycles (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            [
                .uuid(c.id), .uuid(c.accountID), .uuid(c.sourcePlanID), .uuid(c.newPlanID), .timestamp(c.cycleStart),
                .timestamp(c.cycleEnd), .int(c.rolloverCredits), .int(c.overflowChargeCredits), .json(c.summary.json),
                .text(c.createdBy), .timestamp(c.createdAt),
            ])
    }

    /// The account's renewals, newest first.
    package func list(account: UUID, limit: Int, offset: Int) throws -> [CreditCycle] {
        var p: [SQLValue] = [.uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM credit_cycles WHERE account_id = $1 AND \(cond) ORDER BY created_at DESC, id DESC LIMIT \(max(0, limit)) OFFSET \(max(0, offset))",
            p
        ).map(Self.decode)
    }

    static func decode(_ r: SQLRow) throws -> CreditCycle {
        let stored = try r.json("summary_json")
        let summary = CycleSummary(
            sourcePlanID: try r.uuid("source_plan_id"), newPlanID: try r.uuid("new_plan_id"),
            usedCredits: Micros.from(stored["used_credits"]?.doubleValue ?? 0) ?? 0,
            monthlyCredits: Micros.from(stored["monthly_credits"]?.doubleValue ?? 0) ?? 0,
            overflowChargeCredits: try r.int("overflow_charge_credits"), rolloverCredits: try r.int("rollover_credits"))
        return CreditCycle(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), cycleStart: try r.date("cycle_start"),
            cycleEnd: try r.date("cycle_end"), summary: summary, createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"))
    }
}
