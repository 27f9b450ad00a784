@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

@Suite struct AccountServiceTests {
    static func acme(_ cockpit: Cockpit, password: String? = "correct horse battery") async throws -> AccountBundle {
        try await cockpit.accounts.create(
            NewAccount(
                name: "Acme Corp", alias: "Acme", domain: "Acme.IO", maxBudget: 100,
                metadata: ["production": true], adminEmail: "Admin@Acme.io", adminPassword: password))
    }

    static func auditActions(_ cockpit: Cockpit, _ account: UUID) async throws -> [String] {
        try await cockpit.database.read(.account(account)) {
            try AuditRepository($0).list(page: PageRequest(limit: 500)).items.map(\.action)
        }
    }

    @Test(arguments: StoreKind.available)
    func createMakesTheAdminTheGlobalOrgAndTheirAuditRows(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let bundle = try await Self.acme(cockpit)
            #expect(bundle.account.domain == "acme.io")
            #expect(bundle.account.status == .active)
            #expect(bundle.admins.map(\.email) == ["admin@acme.io"])
            #expect(bundle.admins.first?.hasPassword == true)
            let orgs = try await cockpit.directory.organizations(account: bundle.account.id, domain: .copilot).items
            #expect(orgs.map(\.name) == ["global"])
            #expect(
                try await cockpit.directory.organizations(account: bundle.account.id, domain: .console).items.isEmpty)
            #expect(
                Set(try await Self.auditActions(cockpit, bundle.account.id)) == [
                    "account.create", "admin.add", "org.create",
                ])
            #expect(
                try await cockpit.accounts.bundle(bundle.account.id).organizationCounts == [.console: 0, .copilot: 1])
            let login = try await cockpit.admins.authenticate(email: "ADMIN@acme.io", password: "correct horse battery")
            #expect(login?.accountID == bundle.account.id)
            #expect(try await cockpit.admins.authenticate(email: "admin@acme.io", password: "wrong password") == nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func duplicatesAndBadInputAreRefusedAndChangeNothing(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            _ = try await Self.acme(cockpit, password: nil)
            let bad: [(NewAccount, CockpitError)] = [
                (
                    NewAccount(name: "acme corp", domain: "other.io", adminEmail: "a@other.io"),
                    .conflict("Account already exists")
                ),
                (
                    NewAccount(name: "Other", domain: "ACME.io", adminEmail: "a@other.io"),
                    .conflict("Domain already assigned to another account")
                ),
                (
                    NewAccount(name: "  ", domain: "x.io", adminEmail: "a@x.io"),
                    .invalid(field: "name", reason: "must not be empty")
                ),
                (
                    NewAccount(name: String(repeating: "n", count: 201), domain: "x.io", adminEmail: "a@x.io"),
                    .invalid(field: "name", reason: "must be at most 200 characters")
                ),
                (
                    NewAccount(name: "X", domain: "x.io", adminEmail: "not-an-email"),
                    .invalid(field: "admin_email", reason: "is not a valid email address")
                ),
                (
                    NewAccount(name: "X", domain: "../etc/passwd", adminEmail: "a@x.io"),
                    .invalid(field: "domain", reason: "is not a valid domain name (e.g. acme.io)")
                ),
                (
                    NewAccount(name: "X", domain: "x.io", maxBudget: -1, adminEmail: "a@x.io"),
                    .invalid(field: "max_budget", reason: "must be >= 0")
                ),
                (
                    NewAccount(name: "X", domain: "x.io", maxBudget: .nan, adminEmail: "a@x.io"),
                    .invalid(field: "max_budget", reason: "must be >= 0")
                ),
                (
                    NewAccount(name: "X", domain: "x.io", metadata: [1, 2], adminEmail: "a@x.io"),
                    .invalid(field: "metadata", reason: "must be a JSON object")
                ),
                (
                    NewAccount(name: "X", domain: "x.io", adminEmail: "a@x.io", adminPassword: "short"),
                    .invalid(field: "password", reason: "must have at least 8 characters")
                ),
            ]
            for (input, expected) in bad {
                await #expect(throws: expected) { try await cockpit.accounts.create(input) }
            }
            #expect(try await cockpit.accounts.list(includeDeleted: true).items.map(\.name) == ["Acme Corp"])
            // Names with SQL and shell metacharacters are just names.
            let odd = try await cockpit.accounts.create(
                NewAccount(
                    name: "Robert'); DROP TABLE accounts;-- $(rm -rf /)", domain: "bobby.io",
                    adminEmail: "a@bobby.io"))
            #expect(
                try await cockpit.accounts.get(odd.account.id).name == "Robert'); DROP TABLE accounts;-- $(rm -rf /)")
        }
    }

    @Test(arguments: StoreKind.available)
    func lifecycleSuspendRestoreSoftAndHardDelete(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let id = try await Self.acme(cockpit).account.id
            let other = try await TenantFixture.make(cockpit, name: "Other")
            #expect(try await cockpit.accounts.setStatus(id, .suspended).status == .suspended)
            #expect(try await cockpit.accounts.list(status: .suspended).items.map(\.id) == [id])
            #expect(try await cockpit.accounts.setStatus(id, .active).isActive)
            let deleted = try await cockpit.accounts.softDelete(id)
            #expect(deleted.status == .suspended && deleted.deletedAt != nil)
            #expect(try await cockpit.accounts.list().items.map(\.name) == ["Other"])
            #expect(try await cockpit.accounts.setStatus(id, .active).deletedAt == nil)

            let renamed = try await cockpit.accounts.update(
                id, AccountPatch(name: "Acme Inc", alias: .some(nil), maxBudget: .some(nil)))
            #expect(renamed.name == "Acme Inc" && renamed.alias == nil && renamed.maxBudget == nil)
            await #expect(throws: CockpitError.conflict("Account already exists")) {
                try await cockpit.accounts.update(id, AccountPatch(name: "other"))
            }

            _ = try await cockpit.directory.createOrganization(account: id, domain: .console, name: "Platform")
            _ = try await cockpit.keys.generate(account: id, NewKey(alias: "k"))
            await #expect(
                throws: CockpitError.invalid(field: "confirm_name", reason: "must match account_name for hard delete")
            ) {
                try await cockpit.accounts.hardDelete(id, confirmName: "acme inc")
            }
            #expect(try await cockpit.accounts.get(id).name == "Acme Inc")
            try await cockpit.accounts.hardDelete(id, confirmName: "Acme Inc")
            await #expect(throws: CockpitError.notFound("Account")) { try await cockpit.accounts.get(id) }
            let leftovers = try await db.read(.superAdmin) { tx in
                try ["account_admins", "organizations", "teams", "users", "virtual_keys"].map { table in
                    try tx.queryOne("SELECT count(*) AS n FROM \(table) WHERE account_id = $1", [.uuid(id)])!.int("n")
                }
            }
            #expect(leftovers == [0, 0, 0, 0, 0])
            let trail = try await db.read(.superAdmin) { try AuditRepository($0).list(account: id).items.map(\.action) }
            #expect(trail.isEmpty, "nothing of the account's own trail is left")
            // The tombstone: outside the account, naming it, who did it and when.
            let tombstone = try await db.read(.superAdmin) {
                try AuditRepository($0).list().items.first { $0.action == "account.hard_delete" }
            }
            #expect(
                tombstone?.accountID == nil && tombstone?.objectID == id.lowercased
                    && tombstone?.actor == Principal.operator.name)
            #expect(tombstone?.before?["name"] == "Acme Inc")
            #expect(try await cockpit.accounts.get(other.account.id).isActive)
            await #expect(throws: CockpitError.notFound("Account")) {
                try await cockpit.accounts.setStatus(UUID(), .active)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func adminsAddChangeAndRemoveButNeverTheLast(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let id = try await Self.acme(cockpit).account.id
            let added = try await cockpit.admins.add(account: id, email: "Ops@Acme.io", password: "another password")
            #expect(added.email == "ops@acme.io" && added.hasPassword)
            await #expect(throws: CockpitError.conflict("ops@acme.io is already an admin of this account")) {
                try await cockpit.admins.add(account: id, email: "ops@acme.io", password: nil)
            }
            #expect(
                try await cockpit.admins.update(account: id, email: "ops@acme.io", password: nil, clearPassword: true)
                    .hasPassword == false)
            #expect(try await cockpit.admins.authenticate(email: "ops@acme.io", password: "another password") == nil)
            try await cockpit.admins.remove(account: id, email: "admin@acme.io")
            await #expect(
                throws: CockpitError.conflict("ops@acme.io is the last admin of this account; add another admin first")
            ) {
                try await cockpit.admins.remove(account: id, email: "ops@acme.io")
            }
            #expect(try await cockpit.admins.list(account: id).map(\.email) == ["ops@acme.io"])
            await #expect(throws: CockpitError.notFound("Account")) {
                try await cockpit.admins.add(account: UUID(), email: "x@acme.io", password: nil)
            }
        }
    }
}
