@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// For every repository: account A's scope can neither read nor change account B's rows, on both stores.
/// Each check ends by reading B's data back under B's own scope, unchanged.
@Suite struct TenantIsolationTests {
    struct World {
        let cockpit: Cockpit
        let a: TenantFixture
        let b: TenantFixture
        let bKey: VirtualKey
        let bModel: UUID
        var db: Database { cockpit.database }
        var scopeA: AccountScope { .account(a.account.id) }
    }

    static func world(_ db: Database) async throws -> World {
        let cockpit = Cockpit.forTesting(db)
        let a = try await TenantFixture.make(cockpit, name: "Alpha")
        let b = try await TenantFixture.make(cockpit, name: "Bravo")
        let key = try await cockpit.keys.generate(
            account: b.account.id, NewKey(alias: "b-key", domain: .console, teamID: b.teams[.console]!.id)
        ).key
        let model = UUID()
        let bID = b.account.id
        let bUser = b.users[.console]!.id
        try await db.write(.account(bID)) { tx in
            let now = Date.storeNow
            try ModelDeploymentRepository(tx).insert(
                ModelDeployment(
                    id: model, accountID: bID, modelName: "b-private", providerModel: "openai/gpt-4o", apiBase: nil,
                    apiVersion: nil,
                    hasCredentials: false, params: .emptyObject, modelInfo: .emptyObject, visibleToAll: false,
                    createdAt: now, updatedAt: now),
                encryptedCredentials: nil)
            try ModelGrantRepository(tx).insert(
                ModelGrant(
                    id: UUID(), accountID: bID, domain: .console, modelName: "gpt-4o",
                    scope: .user(bUser), effect: .allow, createdAt: now))
            try EntitlementRepository(tx).upsert(
                FeatureEntitlement(
                    id: UUID(), accountID: bID, domain: .copilot, featureCode: "agents",
                    scope: .account, enabled: true, config: .emptyObject, createdAt: now, updatedAt: now))
            try BudgetRepository(tx).upsert(
                Budget(
                    id: UUID(), accountID: bID, subject: .team, subjectID: "t", modelName: "", maxBudget: 10,
                    softBudget: nil, budgetDuration: "1mo", tpmLimit: nil, rpmLimit: 5, maxParallelRequests: nil,
                    createdAt: now, updatedAt: now))
            try SpendRepository(tx).record([
                SpendLog(
                    requestID: "b-1", accountID: bID, keyHash: key.keyHash, userID: "", teamID: "", orgID: "",
                    domain: "console", model: "gpt-4o",
                    modelGroup: "gpt-4o", deploymentID: "", promptTokens: 10, completionTokens: 5, cost: 0.5,
                    startTime: now, endTime: now,
                    firstTokenTime: nil, status: "success", cacheHit: false)
            ])
        }
        return World(cockpit: cockpit, a: a, b: b, bKey: key, bModel: model)
    }

    /// A snapshot of everything B owns, read under B's scope.
    static func snapshotOfB(_ w: World) async throws -> String {
        let b = w.b.account.id
        return try await w.db.read(.account(b)) { tx in
            var parts: [String] = []
            parts.append("\(try AccountRepository(tx).get(b)!)")
            parts.append("\(try AdminRepository(tx).list(account: b))")
            for d in ProductDomain.allCases {
                parts.append("\(try OrganizationRepository(tx).list(domain: d).items)")
                parts.append("\(try TeamRepository(tx).list(domain: d).items)")
                parts.append("\(try UserRepository(tx).list(domain: d).items)")
                parts.append("\(try MembershipRepository(tx).list(userID: w.b.users[d]!.id, domain: d))")
                parts.append("\(try ModelGrantRepository(tx).list(domain: d))")
                parts.append("\(try EntitlementRepository(tx).list(domain: d))")
            }
            parts.append("\(try VirtualKeyRepository(tx).list().items)")
            parts.append("\(try ModelDeploymentRepository(tx).list().items)")
            parts.append("\(try BudgetRepository(tx).list())")
            parts.append("\(try SpendRepository(tx).totals())")
            return parts.joined(separator: "\n")
        }
    }

    /// Runs `attempt` in A's scope and expects it to fail; the transaction rolls back.
    static func refused(_ w: World, _ what: Comment, _ attempt: @escaping @Sendable (Transaction) throws -> Void) async
    {
        await #expect(throws: (any Error).self, what) { try await w.db.write(w.scopeA, attempt) }
    }

    @Test(arguments: StoreKind.available)
    func accountAScopeCannotReadAccountB(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let w = try await Self.world(db)
            let b = w.b
            try await db.read(w.scopeA) { (tx: Transaction) throws -> Void in
                #expect(try AccountRepository(tx).get(b.account.id) == nil)
                #expect(try AccountRepository(tx).find(name: b.account.name) == nil)
                #expect(try AccountRepository(tx).find(domain: b.account.domain) == nil)
                #expect(try AccountRepository(tx).list().items.map(\.name) == ["Alpha"])
                #expect(try AdminRepository(tx).list(account: b.account.id).isEmpty)
                #expect(try AdminRepository(tx).get(account: b.account.id, email: "admin@bravo.test") == nil)
                #expect(try AdminRepository(tx).accounts(forEmail: "admin@bravo.test").isEmpty)
                for d in ProductDomain.allCases {
                    #expect(try OrganizationRepository(tx).get(b.orgs[d]!.id, domain: d) == nil)
                    #expect(
                        try OrganizationRepository(tx).list(domain: d).items.allSatisfy {
                            $0.accountID == w.a.account.id
                        })
                    #expect(try TeamRepository(tx).get(b.teams[d]!.id, domain: d) == nil)
                    #expect(try TeamRepository(tx).find(name: b.teams[d]!.name, orgID: b.orgs[d]!.id) == nil)
                    #expect(try TeamRepository(tx).list(domain: d, orgID: b.orgs[d]!.id).items.isEmpty)
                    #expect(try TeamRepository(tx).counts(orgIDs: [b.orgs[d]!.id]).isEmpty)
                    #expect(try UserRepository(tx).get(b.users[d]!.id, domain: d) == nil)
                    #expect(try UserRepository(tx).find(email: "user@bravo.test", domain: d) == nil)
                    #expect(try UserRepository(tx).members(teamID: b.teams[d]!.id, domain: d).items.isEmpty)
                    #expect(
                        try MembershipRepository(tx).get(teamID: b.teams[d]!.id, userID: b.users[d]!.id, domain: d)
                            == nil)
                    #expect(try MembershipRepository(tx).list(userID: b.users[d]!.id, domain: d).isEmpty)
                    #expect(try MembershipRepository(tx).counts(teamIDs: [b.teams[d]!.id]).isEmpty)
                    #expect(try ModelGrantRepository(tx).list(domain: d).isEmpty)
                    #expect(try EntitlementRepository(tx).list(domain: d).isEmpty)
                }
                #expect(try VirtualKeyRepository(tx).get(w.bKey.id) == nil)
                #expect(try VirtualKeyRepository(tx).get(hash: w.bKey.keyHash) == nil)
                #expect(try VirtualKeyRepository(tx).list().items.isEmpty)
                #expect(try ModelDeploymentRepository(tx).get(w.bModel) == nil)
                #expect(try ModelDeploymentRepository(tx).encryptedCredentials(w.bModel) == nil)
                #expect(try ModelDeploymentRepository(tx).list().items.isEmpty)
                #expect(try BudgetRepository(tx).list().isEmpty)
                #expect(try BudgetRepository(tx).find(subject: .team, subjectID: "t") == nil)
                #expect(try SpendRepository(tx).totals().rows == 0)
                #expect(try SpendRepository(tx).logs(from: .distantPast, to: .distantFuture).isEmpty)
                #expect(
                    try SpendRepository(tx).breakdown(by: .model, fromDay: "2000-01-01", toDay: "2999-01-01").isEmpty)
                #expect(try AuditRepository(tx).list(account: b.account.id).items.isEmpty)
                #expect(try AuditRepository(tx).list().items.allSatisfy { $0.accountID == w.a.account.id })
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func accountAScopeCannotChangeAccountB(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let w = try await Self.world(db)
            let before = try await Self.snapshotOfB(w)
            let b = w.b, bID = w.b.account.id, now = Date.storeNow
            await Self.refused(w, "account update") { try AccountRepository($0).update(b.account) }
            await Self.refused(w, "account delete") { try AccountRepository($0).delete(bID) }
            await Self.refused(w, "account insert for another id") { tx in
                var copy = b.account
                copy.id = UUID()
                try AccountRepository(tx).insert(copy)
            }
            await Self.refused(w, "admin delete") { try AdminRepository($0).delete(email: "admin@bravo.test") }
            await Self.refused(w, "admin update") {
                try AdminRepository($0).update(
                    email: "admin@bravo.test", role: "account_admin", passwordHash: .some(nil), at: now)
            }
            for d in ProductDomain.allCases {
                await Self.refused(w, "org update") { try OrganizationRepository($0).update(b.orgs[d]!) }
                await Self.refused(w, "org delete") { try OrganizationRepository($0).delete(b.orgs[d]!.id, domain: d) }
                await Self.refused(w, "org insert into B") { tx in
                    var org = b.orgs[d]!
                    org.id = UUID()
                    org.name = "stolen"
                    try OrganizationRepository(tx).insert(org)
                }
                await Self.refused(w, "team update") { try TeamRepository($0).update(b.teams[d]!) }
                await Self.refused(w, "team delete") { try TeamRepository($0).delete(b.teams[d]!.id, domain: d) }
                await Self.refused(w, "team in A under B's org") { tx in
                    try TeamRepository(tx).insert(
                        Team(
                            id: UUID(), accountID: w.a.account.id, domain: d, orgID: b.orgs[d]!.id, name: "x",
                            metadata: .emptyObject, maxBudget: nil, createdAt: now, updatedAt: now))
                }
                await Self.refused(w, "user update") { try UserRepository($0).update(b.users[d]!) }
                await Self.refused(w, "user delete") { try UserRepository($0).delete(b.users[d]!.id, domain: d) }
                await Self.refused(w, "membership delete") {
                    try MembershipRepository($0).delete(teamID: b.teams[d]!.id, userID: b.users[d]!.id, domain: d)
                }
                await Self.refused(w, "membership in B") { tx in
                    try MembershipRepository(tx).upsert(
                        TeamMembership(
                            accountID: bID, domain: d, teamID: b.teams[d]!.id, userID: b.users[d]!.id,
                            role: .admin, createdAt: now))
                }
                await Self.refused(w, "A's team with B's user") { tx in
                    try MembershipRepository(tx).upsert(
                        TeamMembership(
                            accountID: w.a.account.id, domain: d, teamID: w.a.teams[d]!.id,
                            userID: b.users[d]!.id, role: .member, createdAt: now))
                }
                await Self.refused(w, "grant in A scoped to B's team") { tx in
                    try ModelGrantRepository(tx).insert(
                        ModelGrant(
                            id: UUID(), accountID: w.a.account.id, domain: d, modelName: "m",
                            scope: .team(b.teams[d]!.id), effect: .allow, createdAt: now))
                }
                await Self.refused(w, "entitlement in A scoped to B's user") { tx in
                    try EntitlementRepository(tx).upsert(
                        FeatureEntitlement(
                            id: UUID(), accountID: w.a.account.id, domain: d, featureCode: "f",
                            scope: .user(b.users[d]!.id), enabled: true, config: .emptyObject,
                            createdAt: now, updatedAt: now))
                }
            }
            let bGrant = try await db.read(.account(bID)) {
                try ModelGrantRepository($0).list(domain: .console).first!.id
            }
            let bEntitlement = try await db.read(.account(bID)) {
                try EntitlementRepository($0).list(domain: .copilot).first!.id
            }
            let bBudget = try await db.read(.account(bID)) { try BudgetRepository($0).list().first!.id }
            await Self.refused(w, "grant delete") { try ModelGrantRepository($0).delete(bGrant) }
            await Self.refused(w, "entitlement delete") { try EntitlementRepository($0).delete(bEntitlement) }
            await Self.refused(w, "key update") { try VirtualKeyRepository($0).update(w.bKey) }
            await Self.refused(w, "key delete") { try VirtualKeyRepository($0).delete(w.bKey.id) }
            await Self.refused(w, "model delete") { try ModelDeploymentRepository($0).delete(w.bModel) }
            await Self.refused(w, "budget delete") { try BudgetRepository($0).delete(bBudget) }
            await Self.refused(w, "spend for B") { tx in
                try SpendRepository(tx).record([
                    SpendLog(
                        requestID: "x", accountID: bID, keyHash: "", userID: "", teamID: "", orgID: "", domain: "",
                        model: "m", modelGroup: "", deploymentID: "", promptTokens: 1, completionTokens: 1, cost: 1,
                        startTime: now, endTime: now, firstTokenTime: nil, status: "success", cacheHit: false)
                ])
            }
            await Self.refused(w, "audit for B") {
                try AuditRepository($0).record(
                    account: bID, actor: TenantFixture.actor, domain: .iam,
                    action: "x", objectType: "x", objectID: "x")
            }
            await Self.refused(w, "audit wipe of B") { try AuditRepository($0).deleteAll(account: bID) }
            _ = try await db.write(w.scopeA) {
                try VirtualKeyRepository($0).addSpend(hash: w.bKey.keyHash, amount: 100)
            }
            #expect(try await Self.snapshotOfB(w) == before)
        }
    }

    @Test(arguments: StoreKind.available)
    func servicesAnswerNotFoundForAnotherTenantsIDs(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let w = try await Self.world(db)
            let dir = w.cockpit.directory, a = w.a.account.id
            for d in ProductDomain.allCases {
                await #expect(throws: CockpitError.notFound("\(d.rawValue) org")) {
                    try await dir.organization(account: a, domain: d, id: w.b.orgs[d]!.id)
                }
                await #expect(throws: CockpitError.notFound("\(d.rawValue) team")) {
                    try await dir.team(account: a, domain: d, id: w.b.teams[d]!.id)
                }
                await #expect(throws: CockpitError.notFound("\(d.rawValue) user")) {
                    try await dir.user(account: a, domain: d, id: w.b.users[d]!.id)
                }
                await #expect(throws: CockpitError.notFound("\(d.rawValue) org")) {
                    try await dir.createTeam(account: a, domain: d, orgID: w.b.orgs[d]!.id, name: "x")
                }
                await #expect(throws: CockpitError.notFound("\(d.rawValue) team")) {
                    try await dir.addMember(account: a, domain: d, teamID: w.b.teams[d]!.id, userID: w.a.users[d]!.id)
                }
                await #expect(throws: CockpitError.notFound("\(d.rawValue) org")) {
                    try await dir.deleteOrganization(account: a, domain: d, id: w.b.orgs[d]!.id)
                }
            }
            await #expect(throws: CockpitError.notFound("key")) {
                try await w.cockpit.keys.delete(account: a, id: w.bKey.id)
            }
        }
    }

    @Test(.enabled(if: StoreKind.available.contains(.postgres)))
    func postgresRowLevelSecurityStopsRawSQLThatForgetsTheTenantFilter() async throws {
        try await TestStores.withPostgres { db in
            let w = try await Self.world(db)
            let bOrg = w.b.orgs[.console]!.id
            try await db.read(w.scopeA) { (tx: Transaction) throws -> Void in
                let orgs = try tx.query("SELECT account_id FROM organizations")
                #expect(!orgs.isEmpty)
                #expect(try orgs.allSatisfy { try $0.uuid("account_id") == w.a.account.id })
                #expect(try tx.query("SELECT id FROM accounts").count == 1)
                #expect(try tx.query("SELECT 1 FROM spend_logs").isEmpty)
                #expect(try tx.query("SELECT 1 FROM virtual_keys").isEmpty)
            }
            let changed = try await db.write(w.scopeA) {
                try $0.execute("UPDATE organizations SET name = 'pwned' WHERE id = $1", [.uuid(bOrg)])
            }
            #expect(changed == 0)
            await #expect(throws: StorageError.self) {
                try await db.write(w.scopeA) { tx in
                    try tx.execute(
                        "INSERT INTO organizations (id, account_id, domain, name, created_at, updated_at) VALUES ($1, $2, 'console', 'x', now(), now())",
                        [.uuid(UUID()), .uuid(w.b.account.id)])
                }
            }
            // With no scope settings at all (a connection outside any transaction of ours) nothing is visible.
            let unscoped = try await db.withSystemConnection {
                try $0.query("SELECT count(*) AS n FROM organizations", [])
            }
            #expect(try unscoped.first?.int("n") == 0)
        }
    }
}
