@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Connection grants (the original's order: scope type → scope → connection; an upsert keeping the id) and who may use
/// a connection: grants on the user, their teams, their teams' organizations, organizations they belong to, and the
/// account, in one query.
@Suite struct ConnectionGrantTests {
    typealias T = ConnectionTesting

    @Test(arguments: StoreKind.available)
    func grantsUpsertInTheOriginalsOrderAndGoWithTheirConnection(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!.id.lowercased
            let c = try await service.create(account: a, type: "mcp", ConnectionInput(name: "M"))
            let id = c.id.lowercased
            await #expect(throws: CockpitError.badRequest("scope_type must be one of: org,team,user")) {
                try await service.grant(
                    account: a, connectionID: "none", scopeType: "group", scopeID: team, canManage: false)
            }
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await service.grant(
                    account: a, connectionID: "none", scopeType: "team", scopeID: "nope", canManage: false)
            }
            // A console team is not a copilot one.
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await service.grant(
                    account: a, connectionID: id, scopeType: "team", scopeID: f.teams[.console]!.id.lowercased,
                    canManage: false)
            }
            await #expect(throws: CockpitError.notFound("Connection")) {
                try await service.grant(
                    account: a, connectionID: "none", scopeType: "team", scopeID: team, canManage: false)
            }
            let first = try await service.grant(
                account: a, connectionID: id, scopeType: "team", scopeID: team.uppercased(), canManage: false)
            #expect(first.scope == CatalogScope(type: .team, id: team) && !first.canManage)
            let again = try await service.grant(
                account: a, connectionID: id, scopeType: "team", scopeID: team, canManage: true)
            #expect(again.id == first.id && again.canManage && again.createdAt == first.createdAt)
            let account = try await service.grant(
                account: a, connectionID: id, scopeType: "account", scopeID: a.lowercased, canManage: false)
            #expect(account.scope.type == .account)
            await #expect(throws: CockpitError.badRequest("account scope_id must match current account_id")) {
                try await service.grant(
                    account: a, connectionID: id, scopeType: "account", scopeID: "other", canManage: false)
            }
            #expect(try await service.grants(account: a, connectionID: id).map(\.id) == [first.id, account.id])

            // Removal (cockpit's addition): scope type first, then the connection.
            await #expect(throws: CockpitError.badRequest("scope_type must be one of: org,team,user")) {
                try await service.revoke(account: a, connectionID: "none", scopeType: "pool", scopeID: "x")
            }
            await #expect(throws: CockpitError.notFound("Connection")) {
                try await service.revoke(account: a, connectionID: "none", scopeType: "team", scopeID: team)
            }
            #expect(try await service.revoke(account: a, connectionID: id, scopeType: "account", scopeID: a.lowercased))
            #expect(
                try await !service.revoke(account: a, connectionID: id, scopeType: "account", scopeID: a.lowercased))
            #expect(try await service.grants(account: a, connectionID: id).map(\.id) == [first.id])

            #expect(try await service.delete(account: a, id: id))
            let left = try await db.read(.account(a)) {
                try $0.queryOne("SELECT COUNT(*) AS n FROM copilot_connection_grants")?.int("n")
            }
            #expect(left == 0, "a connection's grants go with it")
        }
    }

    @Test(arguments: StoreKind.available)
    func aUserSeesWhatReachesThemThroughEveryScope(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections, directory = cockpit.directory
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, org = f.orgs[.copilot]!, team = f.teams[.copilot]!, user = f.users[.copilot]!
            // A second organization the user belongs to directly, a team they are not in, and an outsider.
            let memberOrg = try await directory.createOrganization(account: a, domain: .copilot, name: "Member org")
            _ = try await directory.setOrganizationMembers(
                account: a, domain: .copilot, orgID: memberOrg.id, [(user.id, .internalUser)])
            let otherTeam = try await directory.createTeam(account: a, domain: .copilot, orgID: org.id, name: "Other")
            let outsider = try await directory.upsertUser(
                account: a, domain: .copilot, UserInput(email: "out@acme.test", teamIDs: [otherTeam.id])
            ).user
            var made: [String: Connection] = [:]
            for name in ["user", "team", "org", "memberOrg", "account", "otherTeam", "none", "twice"] {
                made[name] = try await service.create(account: a, type: "openapi", ConnectionInput(name: name))
            }
            func grant(_ name: String, _ type: String, _ id: String) async throws {
                _ = try await service.grant(
                    account: a, connectionID: made[name]!.id.lowercased, scopeType: type, scopeID: id, canManage: false)
            }
            try await grant("user", "user", user.id.lowercased)
            try await grant("team", "team", team.id.lowercased)
            try await grant("org", "org", org.id.lowercased)
            try await grant("memberOrg", "org", memberOrg.id.lowercased)
            try await grant("account", "account", a.lowercased)
            try await grant("otherTeam", "team", otherTeam.id.lowercased)
            try await grant("twice", "team", team.id.lowercased)
            try await grant("twice", "user", user.id.lowercased)

            let seen = try await service.effective(account: a, userID: user.id.uuidString)
            #expect(seen.map(\.connection.name) == ["twice", "account", "memberOrg", "org", "team", "user"])
            #expect(seen.first?.grantedVia.map(\.type) == [.team, .user])
            #expect(
                seen.first { $0.connection.name == "memberOrg" }?.grantedVia == [
                    CatalogScope(type: .org, id: memberOrg.id.lowercased)
                ])
            // The outsider's team lies in the same organization: they see the org, account and their team's grants.
            let theirs = try await service.effective(account: a, userID: outsider.id.lowercased)
            #expect(theirs.map(\.connection.name) == ["otherTeam", "account", "org"])
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await service.effective(account: a, userID: f.users[.console]!.id.lowercased)
            }
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await service.effective(account: a, userID: "someone")
            }
            // Another account's user is unknown here, and this account's grants never reach them.
            let b = try await TenantFixture.make(cockpit, name: "Beta")
            await #expect(throws: CockpitError.notFound("copilot user")) {
                try await service.effective(account: a, userID: b.users[.copilot]!.id.lowercased)
            }
            #expect(
                try await service.effective(account: b.account.id, userID: b.users[.copilot]!.id.lowercased).isEmpty)
        }
    }
}
