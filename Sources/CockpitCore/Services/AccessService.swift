import Foundation

/// Model grants and feature entitlements of both trees, and their effective answers.
public struct AccessService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// Checks that the object a scope names exists in this account and tree (`.notFound` otherwise).
    static func checkScope(_ tx: Transaction, _ scope: GrantScope, _ domain: ProductDomain) throws {
        switch scope {
        case .account: return
        case .org(let id):
            if try OrganizationRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("\(domain.rawValue) org")
            }
        case .team(let id):
            if try TeamRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("\(domain.rawValue) team")
            }
        case .user(let id):
            if try UserRepository(tx).get(id, domain: domain) == nil {
                throw CockpitError.notFound("\(domain.rawValue) user")
            }
        }
    }

    /// The organization of a team, so that "effective" can walk from a team to its organization.
    static func organization(ofTeam teamID: UUID?, _ tx: Transaction, _ domain: ProductDomain) throws -> UUID? {
        guard let teamID else { return nil }
        guard let team = try TeamRepository(tx).get(teamID, domain: domain) else {
            throw CockpitError.notFound("\(domain.rawValue) team")
        }
        return team.orgID
    }

    func audit(
        _ tx: Transaction, _ account: UUID, _ domain: ProductDomain, _ actor: Actor, _ action: String, _ type: String,
        _ id: UUID,
        before: JSONValue? = nil, after: JSONValue? = nil
    ) throws {
        try AuditRepository(tx).record(
            account: account, actor: actor, domain: AuditDomain(domain), action: action, objectType: type,
            objectID: id.lowercased, before: before, after: after, at: context.now())
    }
}
