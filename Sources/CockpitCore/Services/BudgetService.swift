import Foundation

/// Budgets and rate limits of a subject (user, team, org, team member, account, model) beyond a key's own: one row
/// per subject and model, validated, audited, and heard by the gateway at once.
public struct BudgetService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// What reading or changing a subject's row needs: a tree object's rows belong to its tree (`domain`), the
    /// account's, its keys' and its models' rows to the account admin.
    static func permission(_ subject: BudgetSubject, _ domain: ProductDomain?, changes: Bool) -> Permission {
        switch (subject, domain) {
        case (.org, let d?), (.team, let d?), (.user, let d?), (.teamMember, let d?):
            changes ? .writeTree(d) : .readTree(d)
        default: .manageKeys
        }
    }

    /// The budget row of a subject, if any; `domain` names the tree of an organization, team, user or member.
    public func budget(
        account: UUID, domain: ProductDomain? = nil, subject: BudgetSubject, subjectID: String, model: String = ""
    ) async throws -> Budget? {
        try context.reading(Self.permission(subject, domain, changes: false), in: account)
        return try await context.read(.account(account)) { tx in
            try Self.requireSubject(tx, subject, subjectID, domain)
            return try BudgetRepository(tx).find(subject: subject, subjectID: subjectID, modelName: model)
        }
    }

    /// Refuses a tree subject that is not an organization, team or user of `domain` in this account (`.notFound`), so
    /// no budget row is read or written for another tree's or another account's object.
    static func requireSubject(
        _ tx: Transaction, _ subject: BudgetSubject, _ subjectID: String, _ domain: ProductDomain?
    ) throws {
        guard let domain, [.org, .team, .user].contains(subject) else { return }
        guard let id = UUID(uuidString: subjectID) else { throw CockpitError.notFound(subject.rawValue) }
        let found =
            switch subject {
            case .org: try OrganizationRepository(tx).get(id, domain: domain) != nil
            case .team: try TeamRepository(tx).get(id, domain: domain) != nil
            default: try UserRepository(tx).get(id, domain: domain) != nil
            }
        if !found { throw CockpitError.notFound(subject == .org ? "organization" : subject.rawValue) }
    }

    /// Every budget row of the account.
    public func budgets(account: UUID) async throws -> [Budget] {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { try BudgetRepository($0).list() }
    }

    /// Changes a subject's row (created when missing): `change` edits a copy that is then validated. A row left with
    /// no limit at all is removed.
    @discardableResult
    public func set(
        account: UUID, domain: ProductDomain? = nil, subject: BudgetSubject, subjectID: String, model: String = "",
        _ change: @escaping @Sendable (inout Budget) throws -> Void
    ) async throws -> Budget? {
        let actor = try context.changing(Self.permission(subject, domain, changes: true), in: account)
        let now = context.now()
        let result = try await context.write(.account(account)) { tx -> Budget? in
            try Self.requireSubject(tx, subject, subjectID, domain)
            let repo = BudgetRepository(tx)
            let before = try repo.find(subject: subject, subjectID: subjectID, modelName: model)
            var after =
                before
                ?? Budget(
                    id: UUID(), accountID: account, subject: subject, subjectID: subjectID, modelName: model,
                    maxBudget: nil,
                    softBudget: nil, budgetDuration: nil, tpmLimit: nil, rpmLimit: nil, maxParallelRequests: nil,
                    createdAt: now, updatedAt: now)
            try change(&after)
            after.maxBudget = try Validation.budget(after.maxBudget)
            after.softBudget = try Validation.budget(after.softBudget, field: "soft_budget")
            after.budgetDuration = try after.budgetDuration.map { try BudgetPeriod($0).description }
            for (value, field) in [
                (after.tpmLimit, "tpm_limit"), (after.rpmLimit, "rpm_limit"),
                (after.maxParallelRequests, "max_parallel_requests"),
            ]
            where (value ?? 0) < 0 {
                throw CockpitError.invalid(field: field, reason: "must be at least 0")
            }
            after.updatedAt = now
            let empty =
                after.maxBudget == nil && after.softBudget == nil && after.tpmLimit == nil && after.rpmLimit == nil
                && after.maxParallelRequests == nil
            if empty {
                guard let before else { return nil }
                try repo.delete(before.id)
            } else {
                after = try repo.upsert(after)
            }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: empty ? "budget.delete" : "budget.set",
                objectType: "budget", objectID: "\(subject.rawValue):\(subjectID)",
                before: before.map { try .snapshot($0) },
                after: empty ? nil : .snapshot(after), at: now)
            return empty ? nil : after
        }
        context.events.post(.accessChanged(account))
        return result
    }
}
