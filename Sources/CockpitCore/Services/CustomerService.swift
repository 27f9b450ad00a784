import Foundation

/// Customers (end users) of an account, LiteLLM's `/customer/*`: the account admin creates, changes, blocks and
/// deletes them; the gateway also creates one the first time a request charges it. Every change is audited and heard
/// by the gateway at once.
public struct CustomerService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// One customer with its budget; `.notFound` when the account has none of that id.
    public func customer(account: UUID, userID: String) async throws -> CustomerWithBudget {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { tx in
            guard let found = try CustomerRepository(tx).get(userID) else {
                throw CockpitError.notFound("End User Id=\(userID)")
            }
            return try Self.withBudgets(tx, [found])[0]
        }
    }

    /// Every customer of the account with its budget, in id order.
    public func customers(account: UUID) async throws -> [CustomerWithBudget] {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { tx in
            try Self.withBudgets(tx, try CustomerRepository(tx).list())
        }
    }

    /// Creates a customer. With `budget` (the call gave budget fields) a budget of a new id is created for it, as
    /// LiteLLM does; otherwise `budgetID` names an existing budget of the account. A taken id is a 400.
    public func create(
        account: UUID, userID: String, budgetID: String?,
        budget: (@Sendable (inout NamedBudget) throws -> Void)?,
        _ change: @escaping @Sendable (inout Customer) throws -> Void
    ) async throws -> CustomerWithBudget {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let userID = try Customer.checkID(userID, field: "user_id")
        let created = try await context.write(.account(account)) { tx -> CustomerWithBudget in
            let repo = CustomerRepository(tx)
            if try repo.get(userID) != nil {
                throw CockpitError.badRequest(
                    "Customer already exists, passed user_id=\(userID). Please pass a new user_id.")
            }
            var customer = Customer(accountID: account, userID: userID, createdAt: now, updatedAt: now)
            try change(&customer)
            customer.budgetID = try Self.budgetID(
                tx, account: account, named: budgetID, budget: budget, existing: nil, actor: actor, at: now)
            try Self.check(&customer)
            try repo.insert(customer)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .billing, action: "customer.create", objectType: "customer",
                objectID: userID, after: try .snapshot(customer), at: now)
            return try Self.withBudgets(tx, [customer])[0]
        }
        context.events.post(.accessChanged(account))
        return created
    }

    /// Changes a customer (`.notFound` when missing). Budget fields change the customer's budget (created when it
    /// has none, as LiteLLM does); `budgetID` links another existing budget.
    public func update(
        account: UUID, userID: String, budgetID: String?,
        budget: (@Sendable (inout NamedBudget) throws -> Void)?,
        _ change: @escaping @Sendable (inout Customer) throws -> Void
    ) async throws -> CustomerWithBudget {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let updated = try await context.write(.account(account)) { tx -> CustomerWithBudget in
            let repo = CustomerRepository(tx)
            guard let before = try repo.get(userID) else { throw CockpitError.notFound("End User Id=\(userID)") }
            var after = before
            try change(&after)
            after.accountID = account
            after.userID = userID
            after.spend = before.spend
            after.updatedAt = now
            after.budgetID = try Self.budgetID(
                tx, account: account, named: budgetID ?? before.budgetID, budget: budget, existing: before.budgetID,
                actor: actor, at: now)
            try Self.check(&after)
            try repo.update(after)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .billing, action: "customer.update", objectType: "customer",
                objectID: userID, before: try .snapshot(before), after: try .snapshot(after), at: now)
            return try Self.withBudgets(tx, [after])[0]
        }
        context.events.post(.accessChanged(account))
        return updated
    }

    /// Deletes customers; every id must exist, else `.notFound` naming the missing ones and nothing is deleted.
    /// Their spend rows stay.
    public func delete(account: UUID, userIDs: [String]) async throws -> Int {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let ids = Array(Set(userIDs)).sorted()
        let n = try await context.write(.account(account)) { tx -> Int in
            let repo = CustomerRepository(tx)
            let found = try repo.find(ids)
            let missing = Set(ids).subtracting(found.map(\.userID)).sorted()
            guard missing.isEmpty else {
                throw CockpitError.notFound("End User Id(s)=\(missing.joined(separator: ", "))")
            }
            for c in found {
                try AuditRepository(tx).record(
                    account: account, actor: actor, domain: .billing, action: "customer.delete",
                    objectType: "customer", objectID: c.userID, before: try .snapshot(c), at: now)
            }
            return try repo.delete(ids)
        }
        context.events.post(.accessChanged(account))
        return n
    }

    /// Blocks (creating customers not seen yet, as LiteLLM does) or unblocks end users (every id must exist, else
    /// `.notFound` naming the missing ones and nothing changes); returns them.
    public func setBlocked(account: UUID, userIDs: [String], blocked: Bool) async throws -> [CustomerWithBudget] {
        let actor = try context.changing(.manageKeys, in: account)
        let now = context.now()
        let ids = try Array(Set(userIDs)).sorted().map { try Customer.checkID($0, field: "user_ids") }
        let changed = try await context.write(.account(account)) { tx -> [CustomerWithBudget] in
            let repo = CustomerRepository(tx)
            var existing: [String: Customer] = [:]
            for c in try repo.find(ids) { existing[c.userID] = c }
            let missing = ids.filter { existing[$0] == nil }
            guard blocked || missing.isEmpty else {
                throw CockpitError.notFound("End User Id(s)=\(missing.joined(separator: ", "))")
            }
            var result: [Customer] = []
            for id in ids {
                var c = existing[id] ?? Customer(accountID: account, userID: id, createdAt: now, updatedAt: now)
                let before = existing[id]
                c.blocked = blocked
                c.updatedAt = now
                if before == nil { try repo.insert(c) } else { try repo.update(c) }
                try AuditRepository(tx).record(
                    account: account, actor: actor, domain: .billing,
                    action: blocked ? "customer.block" : "customer.unblock", objectType: "customer", objectID: id,
                    before: try before.map { try .snapshot($0) }, after: try .snapshot(c), at: now)
                result.append(c)
            }
            return try Self.withBudgets(tx, result)
        }
        context.events.post(.accessChanged(account))
        return changed
    }

    /// The budget a customer ends up with: a new or changed budget when the call gave budget fields, else the named one
    /// (which must exist).
    static func budgetID(
        _ tx: Transaction, account: UUID, named: String?, budget: ((inout NamedBudget) throws -> Void)?,
        existing: String?, actor: Actor, at now: Date
    ) throws -> String? {
        if budget != nil, named != nil, named != existing {
            throw CockpitError.invalid(
                field: "budget_id", reason: "cannot be given with budget fields (give one or the other)")
        }
        if let budget {
            if let existing {
                return try NamedBudgetService.change(tx, account: account, id: existing, actor: actor, at: now, budget)
                    .budgetID
            }
            return try NamedBudgetService.insert(
                tx, account: account, id: RandomUUID.make().lowercased, actor: actor, at: now, budget
            ).budgetID
        }
        guard let named else { return nil }
        guard try NamedBudgetRepository(tx).get(named) != nil else { throw CockpitError.notFound("budget") }
        return named
    }

    /// The rules of a customer's own fields.
    static func check(_ c: inout Customer) throws {
        c.alias = try Validation.optionalName(c.alias, field: "alias")
        c.metadata = try Validation.metadata(c.metadata)
    }

    /// Customers with their budgets, read in one statement.
    static func withBudgets(_ tx: Transaction, _ customers: [Customer]) throws -> [CustomerWithBudget] {
        let ids = Array(Set(customers.compactMap(\.budgetID))).sorted()
        var budgets: [String: NamedBudget] = [:]
        for b in try NamedBudgetRepository(tx).find(ids) { budgets[b.budgetID] = b }
        return customers.map { CustomerWithBudget(customer: $0, budget: $0.budgetID.flatMap { budgets[$0] }) }
    }
}
