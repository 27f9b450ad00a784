@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

@Suite struct DirectoryImportTests {
    static func sample(users: Int) -> DirectoryImport {
        let teams = (0..<4).map { DirectoryImport.ImportedTeamRef(org: "Org \($0 % 2)", team: "Team \($0)") }
        return DirectoryImport(
            organizations: ["Org 0", "Org 1"], teams: teams,
            users: (0..<users).map {
                DirectoryImport.ImportedUser(
                    email: "u\($0)@acme.test", displayName: "User \($0)", teams: [teams[$0 % 4]])
            })
    }

    @Test(arguments: StoreKind.available)
    func importsATreeInBatchesWithOneAuditRow(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), dir = cockpit.directory
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            let result = try await dir.importTree(account: a, domain: .console, Self.sample(users: 1234))
            #expect(result == DirectoryImportResult(organizations: 2, teams: 4, users: 1234, memberships: 1234))
            #expect(try await dir.organizations(account: a, domain: .console).items.count == 3)
            let team = try await dir.teams(account: a, domain: .console).items.first { $0.name == "Team 3" }!
            var members = 0, cursor: String?
            repeat {
                let page = try await dir.members(
                    account: a, domain: .console, teamID: team.id, page: PageRequest(limit: 100, cursor: cursor))
                members += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            #expect(members == 1234 / 4)
            let audit = try await db.read(.account(a)) {
                try AuditRepository($0).list(domain: .console, page: PageRequest(limit: 1)).items[0]
            }
            #expect(audit.action == "directory.import" && audit.after?["users"] == 1234)
        }
    }

    @Test(arguments: StoreKind.available)
    func aBadImportChangesNothing(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), dir = cockpit.directory
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            var duplicate = Self.sample(users: 10)
            duplicate.users.append(.init(email: "U3@acme.test", displayName: "Again"))
            await #expect(throws: CockpitError.conflict("user u3@acme.test appears twice in the import")) {
                try await dir.importTree(account: f.account.id, domain: .console, duplicate)
            }
            var unknownTeam = Self.sample(users: 10)
            unknownTeam.users[0].teams = [.init(org: "Org 0", team: "Nope")]
            await #expect(throws: CockpitError.self) {
                try await dir.importTree(account: f.account.id, domain: .console, unknownTeam)
            }
            // Collides with a user that already exists: the store refuses, the transaction rolls back whole.
            var existing = Self.sample(users: 10)
            existing.users.append(.init(email: "user@acme.test", displayName: "Existing"))
            await #expect(throws: CockpitError.self) {
                try await dir.importTree(account: f.account.id, domain: .console, existing)
            }
            #expect(try await dir.organizations(account: f.account.id, domain: .console).items.count == 1)
            #expect(try await dir.users(account: f.account.id, domain: .console).items.count == 1)
        }
    }
}
