import Foundation

/// The scope checks every catalog grant goes through (V1_CONTRACT.md "Grant list"): the type, a non-blank id, the
/// scope's existence in the caller's copilot tree (404 `copilot <type> not found`), and, for a principal that is only
/// a copilot team admin, that it lies within the teams they administer. Guardrail assignments use the same checks for
/// either tree (`domain:`).
enum CatalogScopes {
    /// One requested grant as the wire sends it (strings, not yet checked).
    struct Requested: Sendable, Equatable {
        var scopeType: String
        var scopeID: String
    }

    /// Checks a grant list entry by entry in the original's order (type → blank id → duplicate dropped, first kept →
    /// existence); `blankMessage` is the family's 400 (`scope_id is required for agent grants`).
    static func resolveList(
        _ tx: Transaction, _ requested: [Requested], account: UUID, caller: Principal, allowingAccount: Bool,
        blankMessage: String
    ) throws -> [CatalogScope] {
        guard requested.count <= 1_000 else {
            throw CockpitError.invalid(field: "grants", reason: "must name at most 1000 scopes")
        }
        var seen = Set<CatalogScope>()
        var scopes: [CatalogScope] = []
        for entry in requested {
            let type = try CatalogScopeType.parse(entry.scopeType, allowingAccount: allowingAccount)
            let id = entry.scopeID.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !id.isEmpty else { throw CockpitError.badRequest(blankMessage) }
            let scope = CatalogScope(type: type, id: normalized(type, id))
            guard seen.insert(scope).inserted else { continue }
            scopes.append(try resolve(tx, scope, account: account, caller: caller))
        }
        return scopes
    }

    /// One scope, checked: it exists in `account`'s tree `domain` (the account scope: it names `account`, else the
    /// original's 400), and the caller may grant to it.
    static func resolve(
        _ tx: Transaction, _ scope: CatalogScope, account: UUID, caller: Principal, domain: ProductDomain = .copilot
    ) throws
        -> CatalogScope
    {
        let found: Bool
        switch scope.type {
        case .account:
            guard scope.id == account.lowercased else {
                throw CockpitError.badRequest("account scope_id must match current account_id")
            }
            found = true
        case .org, .team, .user: found = try treeObjectExists(tx, scope.type, scope.treeID, domain: domain)
        }
        guard found else { throw CockpitError.notFound("\(domain.rawValue) \(scope.type.rawValue)") }
        try requireAdministration(tx, scope, caller: caller, domain: domain)
        return scope
    }

    /// Whether the tree `domain` (the copilot one unless named) has the organization, team or user `id` (`.account`
    /// asks for a user, as the marketplace's discover does for its `user_id`); a missing id has none.
    static func treeObjectExists(
        _ tx: Transaction, _ type: CatalogScopeType, _ id: UUID?, domain: ProductDomain = .copilot
    ) throws -> Bool {
        guard let id else { return false }
        switch type {
        case .org: return try OrganizationRepository(tx).get(id, domain: domain) != nil
        case .team: return try TeamRepository(tx).get(id, domain: domain) != nil
        case .user, .account: return try UserRepository(tx).get(id, domain: domain) != nil
        }
    }

    /// A scope's id as stored: a tree object's UUID in lower case, other text as sent.
    static func normalized(_ type: CatalogScopeType, _ id: String) -> String {
        UUID.fast(id)?.lowercased ?? id
    }

    /// A principal that is only a copilot team admin grants to the teams they administer and those teams' members;
    /// organizations and the account are for organization and account admins.
    static func requireAdministration(
        _ tx: Transaction, _ scope: CatalogScope, caller: Principal, domain: ProductDomain = .copilot
    ) throws {
        try requireTeamReach(
            tx, type: scope.type, id: scope.treeID, caller: caller,
            refusal: "team admins grant only to the teams they administer and their members", domain: domain)
    }

    /// The one rule for copilot team admins (catalog grants and credits): a team they administer, or a user who is a
    /// member of one; anything else (an organization, the account, the pool, no tree object) is refused with
    /// `refusal`. Others pass.
    static func requireTeamReach(
        _ tx: Transaction, type: CatalogScopeType?, id: UUID?, caller: Principal, refusal message: String,
        domain: ProductDomain = .copilot
    ) throws {
        guard caller.isOnlyTeamAdmin(in: domain) else { return }
        let refusal = CockpitError.forbidden(message)
        guard let id else { throw refusal }
        switch type {
        case .team?: try DirectoryService.requireTeamAdministration(tx, caller, domain: domain, teamID: id)
        case .user?:
            let teams = try MembershipRepository(tx).list(userID: id, domain: domain).map(\.teamID)
            guard
                try teams.contains(where: { team in
                    (try? DirectoryService.requireTeamAdministration(tx, caller, domain: domain, teamID: team)) != nil
                })
            else { throw refusal }
        case .org?, .account?, nil: throw refusal
        }
    }
}
