import CockpitCore
import Foundation

/// Ready-made tenants for tests: accounts with an organization, a team and a user in each tree.
public struct TenantFixture: Sendable {
    public let account: Account
    public let orgs: [ProductDomain: Organization]
    public let teams: [ProductDomain: Team]
    public let users: [ProductDomain: User]

    /// The actor tests write as.
    public static let actor = Actor(name: "test@local", authMethod: "test")

    /// Creates an account named `name` (domain `<slug>.test`) with one org, team and user per tree, the user in the team.
    public static func make(_ cockpit: Cockpit, name: String) async throws -> TenantFixture {
        let slug = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let bundle = try await cockpit.accounts.create(
            NewAccount(name: name, domain: "\(slug).test", adminEmail: "admin@\(slug).test"))
        let id = bundle.account.id
        var orgs: [ProductDomain: Organization] = [:], teams: [ProductDomain: Team] = [:],
            users: [ProductDomain: User] = [:]
        for domain in ProductDomain.allCases {
            let org = try await cockpit.directory.createOrganization(
                account: id, domain: domain, name: "\(name) \(domain) org")
            let team = try await cockpit.directory.createTeam(
                account: id, domain: domain, orgID: org.id, name: "\(name) team")
            let user = try await cockpit.directory.upsertUser(
                account: id, domain: domain,
                UserInput(email: "user@\(slug).test", displayName: "\(name) user", teamIDs: [team.id]))
            orgs[domain] = org
            teams[domain] = team
            users[domain] = user.user
        }
        return TenantFixture(account: bundle.account, orgs: orgs, teams: teams, users: users)
    }
}

extension Cockpit {
    /// A core over a test store, with settings that read nothing from the machine.
    package static func forTesting(_ database: Database) -> Cockpit {
        Cockpit(settings: Settings(environment: [:], dotenvPath: nil), database: database)
    }
}
