@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

@Suite struct DirectoryServiceTests {
    @Test(arguments: StoreKind.available)
    func bothTreesGrowSeparately(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), dir = cockpit.directory
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            for domain in ProductDomain.allCases {
                let org = try await dir.createOrganization(account: a, domain: domain, name: "Research")
                let team = try await dir.createTeam(account: a, domain: domain, orgID: org.id, name: "ML")
                let (user, created) = try await dir.upsertUser(
                    account: a, domain: domain,
                    UserInput(email: "Alice@Acme.test", displayName: "Alice", teamIDs: [team.id]))
                #expect(created && user.email == "alice@acme.test")
                let again = try await dir.upsertUser(
                    account: a, domain: domain,
                    UserInput(
                        email: "alice@acme.test", identityUserID: "z-1",
                        teamIDs: [team.id]))
                #expect(
                    !again.created && again.user.id == user.id && again.user.identityUserID == "z-1"
                        && again.user.displayName == "Alice")
                let members = try await dir.members(account: a, domain: domain, teamID: team.id)
                #expect(members.items.map(\.user.id) == [user.id])
                #expect(
                    try await dir.addMember(account: a, domain: domain, teamID: team.id, userID: user.id, role: .admin)
                        .role == .admin)
                #expect(try await dir.memberships(account: a, domain: domain, userID: user.id).map(\.role) == [.admin])
            }
            // The same email lives once in each tree; the trees never see each other's objects.
            let consoleOrg = try await dir.organizations(account: a, domain: .console).items.first {
                $0.name == "Research"
            }!
            await #expect(throws: CockpitError.notFound("copilot org")) {
                try await dir.createTeam(account: a, domain: .copilot, orgID: consoleOrg.id, name: "X")
            }
            let copilotUser = try await dir.users(account: a, domain: .copilot).items.first {
                $0.email == "alice@acme.test"
            }!
            let consoleTeam = try await dir.teams(account: a, domain: .console, orgID: consoleOrg.id).items[0]
            await #expect(throws: CockpitError.notFound("console user")) {
                try await dir.addMember(account: a, domain: .console, teamID: consoleTeam.id, userID: copilotUser.id)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func conflictsAndBadInput(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), dir = cockpit.directory
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, org = f.orgs[.console]!
            await #expect(
                throws: CockpitError.conflict("console org already exists")
            ) {
                try await dir.createOrganization(account: a, domain: .console, name: "ACME CONSOLE ORG")
            }
            // The same name in the other tree is fine.
            _ = try await dir.createOrganization(account: a, domain: .copilot, name: org.name)
            await #expect(
                throws: CockpitError.conflict("console team already exists")
            ) {
                try await dir.createTeam(account: a, domain: .console, orgID: org.id, name: "acme team")
            }
            await #expect(throws: CockpitError.invalid(field: "name", reason: "must not contain control characters")) {
                try await dir.createTeam(account: a, domain: .console, orgID: org.id, name: "bad\u{7}name")
            }
            await #expect(throws: CockpitError.badRequest("Either email or identity_user_id is required")) {
                try await dir.upsertUser(account: a, domain: .console, UserInput(displayName: "Nobody"))
            }
            await #expect(
                throws: CockpitError.invalid(
                    field: "role", reason: "must be one of end_user, console_org_admin, console_team_admin")
            ) {
                try await dir.upsertUser(
                    account: a, domain: .console, UserInput(email: "x@acme.test", role: "copilot_org_admin"))
            }
            let bob = try await dir.upsertUser(account: a, domain: .console, UserInput(email: "bob@acme.test")).user
            await #expect(
                throws: CockpitError.conflict("a user with email user@acme.test already exists in the console tree")
            ) {
                try await dir.updateUser(account: a, domain: .console, id: bob.id, UserInput(email: "user@acme.test"))
            }
            await #expect(throws: CockpitError.notFound("console team")) {
                try await dir.upsertUser(
                    account: a, domain: .console, UserInput(email: "new@acme.test", teamIDs: [UUID()]))
            }
            // Nothing from the refused calls was written, not even the user of the last one.
            #expect(
                try await dir.users(account: a, domain: .console).items.compactMap(\.email).sorted() == [
                    "bob@acme.test", "user@acme.test",
                ])
            #expect(try await dir.teams(account: a, domain: .console).items.count == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func anUpsertThatChangesNothingWritesNothing(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let count = {
                try await db.read(.account(f.account.id)) {
                    try AuditRepository($0).list(page: PageRequest(limit: 500)).items.count
                }
            }
            let before = try await count()
            let again = try await cockpit.directory.upsertUser(
                account: f.account.id, domain: .console,
                UserInput(email: "user@acme.test", displayName: "Acme user"))
            #expect(!again.created && again.user == f.users[.console])
            #expect(try await count() == before)
        }
    }

    @Test(arguments: StoreKind.available)
    func updatesAndDeletesAreAuditedWithBeforeAndAfter(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db), dir = cockpit.directory
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let a = f.account.id, team = f.teams[.copilot]!
            let renamed = try await dir.updateTeam(
                account: a, domain: .copilot, id: team.id, .init(name: "Support", maxBudget: .some(25)))
            #expect(renamed.name == "Support" && renamed.maxBudget == 25)
            try await dir.removeMember(account: a, domain: .copilot, teamID: team.id, userID: f.users[.copilot]!.id)
            try await dir.deleteUser(account: a, domain: .copilot, id: f.users[.copilot]!.id)
            try await dir.deleteTeam(account: a, domain: .copilot, id: team.id)
            let entries = try await db.read(.account(a)) {
                try AuditRepository($0).list(domain: .copilot, page: PageRequest(limit: 4)).items
            }
            #expect(entries.map(\.action) == ["team.delete", "user.delete", "team.member_remove", "team.update"])
            #expect(entries[3].before?["name"] == "Acme team" && entries[3].after?["name"] == "Support")
            #expect(entries.allSatisfy { $0.actor == Principal.operator.name && $0.domain == .copilot })
            await #expect(throws: CockpitError.notFound("copilot team")) {
                try await dir.team(account: a, domain: .copilot, id: team.id)
            }
        }
    }
}
