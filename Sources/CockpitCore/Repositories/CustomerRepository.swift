import Foundation

/// An account's customers (end users), keyed by the client's own id. Their `spend` is raised only by the spend
/// writer (`charge`), in the batch that records the spend rows.
package struct CustomerRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns = "account_id, user_id, alias, blocked, spend, budget_id, metadata, created_at, updated_at"

    /// One customer of the scope's account.
    package func get(_ userID: String) throws -> Customer? {
        var p: [SQLValue] = [.text(userID)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT \(Self.columns) FROM end_users WHERE user_id = $1 AND \(cond)", p)
            .map(Self.decode)
    }

    /// The customers among `userIDs` that exist.
    package func find(_ userIDs: [String]) throws -> [Customer] {
        guard !userIDs.isEmpty else { return [] }
        var p: [SQLValue] = []
        let list = userIDs.map { tx.bind(.text($0), &p) }.joined(separator: ", ")
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.columns) FROM end_users WHERE user_id IN (\(list)) AND \(cond) ORDER BY user_id", p
        ).map(Self.decode)
    }

    /// Every customer of the scope, in id order.
    package func list() throws -> [Customer] {
        var p: [SQLValue] = []
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query("SELECT \(Self.columns) FROM end_users WHERE \(cond) ORDER BY user_id", p).map(Self.decode)
    }

    /// Adds a customer; a taken id is the store's unique violation.
    package func insert(_ c: Customer) throws {
        guard try tx.writeAccount() == c.accountID else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "INSERT INTO end_users (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            [
                .uuid(c.accountID), .text(c.userID), .optional(c.alias), .bool(c.blocked), .double(c.spend),
                .optional(c.budgetID), .json(c.metadata), .timestamp(c.createdAt), .timestamp(c.updatedAt),
            ])
    }

    /// Stores what the management API changes (alias, blocked, budget, metadata); never the spend.
    package func update(_ c: Customer) throws {
        let account = try tx.writeAccount()
        let n = try tx.execute(
            """
            UPDATE end_users SET alias = $3, blocked = $4, budget_id = $5, metadata = $6, updated_at = $7
            WHERE account_id = $1 AND user_id = $2
            """,
            [
                .uuid(account), .text(c.userID), .optional(c.alias), .bool(c.blocked), .optional(c.budgetID),
                .json(c.metadata), .timestamp(c.updatedAt),
            ])
        guard n == 1 else { throw CockpitError.notFound("End User Id=\(c.userID)") }
    }

    /// Deletes customers; returns how many went.
    @discardableResult
    package func delete(_ userIDs: [String]) throws -> Int {
        guard !userIDs.isEmpty else { return 0 }
        var p: [SQLValue] = [.uuid(try tx.writeAccount())]
        let list = userIDs.map { tx.bind(.text($0), &p) }.joined(separator: ", ")
        return try tx.execute("DELETE FROM end_users WHERE account_id = $1 AND user_id IN (\(list))", p)
    }

    /// Unlinks every customer from a budget about to be deleted (LiteLLM's optional relation: set null).
    package func unlink(budget: String) throws {
        try tx.execute(
            "UPDATE end_users SET budget_id = NULL WHERE account_id = $1 AND budget_id = $2",
            [.uuid(try tx.writeAccount()), .text(budget)])
    }

    /// Adds spend to customers, creating those not seen before (as LiteLLM does on first use). The spend writer calls
    /// it with the super-admin scope for a batch that spans accounts.
    package func charge(_ amounts: [(account: UUID, userID: String, cost: Double)], at now: Date) throws {
        for chunk in SpendRepository.chunks(amounts, 500) {
            for a in chunk where !tx.scope.covers(a.account) { throw CockpitError.notFound("Account") }
            var p: [SQLValue] = [.timestamp(now)]
            let rows = chunk.map { a in
                "(\(tx.bind(.uuid(a.account), &p)), \(tx.bind(.text(a.userID), &p)), \(tx.bind(.double(a.cost), &p)), $1, $1)"
            }
            try tx.execute(
                """
                INSERT INTO end_users (account_id, user_id, spend, created_at, updated_at) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (account_id, user_id) DO UPDATE SET spend = end_users.spend + excluded.spend
                """, p)
        }
    }

    static func decode(_ r: SQLRow) throws -> Customer {
        Customer(
            accountID: try r.uuid("account_id"), userID: try r.string("user_id"), alias: r.optionalString("alias"),
            blocked: try r.bool("blocked"), spend: try r.double("spend"), budgetID: r.optionalString("budget_id"),
            metadata: try r.json("metadata"), createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
