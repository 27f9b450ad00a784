import Foundation

extension AccessService {
    /// Model grants of one tree, newest first, optionally at one scope and for one model.
    public func modelGrants(
        account: UUID, domain: ProductDomain, scope: GrantScope? = nil, modelName: String? = nil
    ) async throws -> [ModelGrant] {
        try context.reading(.manageGrants(domain), in: account)
        return try await context.read(.account(account)) {
            try ModelGrantRepository($0).list(domain: domain, scopes: scope.map { [$0] }, modelName: modelName)
        }
    }

    /// Allows or denies a model (`*` for every model) at a scope. Each call adds a row, as the original's did: at the
    /// deciding scope a deny beats an allow, so a deny stays until it is deleted.
    public func addModelGrant(
        account: UUID, domain: ProductDomain, modelName raw: String, scope: GrantScope, effect: GrantEffect
    ) async throws -> ModelGrant {
        let actor = try context.changing(.manageGrants(domain), in: account)
        let model = try Validation.name(raw, field: "model_name")
        let grant = ModelGrant(
            id: UUID(), accountID: account, domain: domain, modelName: model, scope: scope, effect: effect,
            createdAt: context.now(), createdBy: actor.name)
        let stored = try await context.write(.account(account)) { tx in
            guard try AccountRepository(tx).get(account) != nil else { throw CockpitError.notFound("Account") }
            try Self.checkScope(tx, scope, domain)
            let stored = try ModelGrantRepository(tx).insert(grant)
            try audit(
                tx, account, domain, actor, "model_grant.create", "model_grant", stored.id, after: .snapshot(stored))
            return stored
        }
        context.events.post(.accessChanged(account))
        return stored
    }

    /// Removes a model grant.
    public func deleteModelGrant(account: UUID, domain: ProductDomain, id: UUID) async throws {
        let actor = try context.changing(.manageGrants(domain), in: account)
        try await context.write(.account(account)) { tx in
            let repo = ModelGrantRepository(tx)
            guard let before = try repo.get(id), before.domain == domain else {
                throw CockpitError.notFound("model grant")
            }
            try repo.delete(id)
            try audit(tx, account, domain, actor, "model_grant.delete", "model_grant", id, before: .snapshot(before))
        }
        context.events.post(.accessChanged(account))
    }

    /// Whether `model` is allowed at a point of the tree: the console model policy first (console tree), then the
    /// grants from user to account; with no grant anywhere the answer is deny.
    public func effectiveModel(
        account: UUID, domain: ProductDomain, modelName: String, orgID: UUID? = nil, teamID: UUID? = nil,
        userID: UUID? = nil
    ) async throws -> EffectiveAccess {
        try context.reading(.manageGrants(domain), in: account)
        let model = try Validation.name(modelName, field: "model_name")
        return try await context.read(.account(account)) { tx in
            guard let acc = try AccountRepository(tx).get(account) else { throw CockpitError.notFound("Account") }
            if let userID { try Self.checkScope(tx, .user(userID), domain) }
            if let orgID { try Self.checkScope(tx, .org(orgID), domain) }
            let org = try orgID ?? Self.organization(ofTeam: teamID, tx, domain)
            let path = AccessResolution.path(orgID: org, teamID: teamID, userID: userID)
            if domain == .console, !AccountService.policy(from: acc.metadata).permits(model) {
                return EffectiveAccess(allowed: false, decidedBy: "account_policy", scopeID: nil, resolutionOrder: path)
            }
            let rows = try ModelGrantRepository(tx).list(domain: domain, scopes: path)
                .filter { $0.modelName == model || $0.modelName == "*" }
                .map {
                    AccessCandidate(id: $0.id, allowed: $0.effect == .allow, scope: $0.scope, createdAt: $0.createdAt)
                }
            return AccessResolution.resolve(path: path, rows: rows, fallback: false)
        }
    }
}
