@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// One repository suite, run unchanged against SQLite and PostgreSQL: what is written reads back equal,
/// lists paginate without gaps or repeats, and deletes cascade as the schema says.
@Suite struct RepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_750_399.123456)

    static func account(_ tx: Transaction, name: String = "Acme") throws -> Account {
        let a = Account(
            id: UUID(), name: name, alias: "A", domain: "\(name.lowercased()).io", status: .active, deletedAt: nil,
            metadata: ["production": true, "theme": "light"], maxBudget: 12.5, spend: 0, createdAt: now, updatedAt: now,
            createdBy: "t", updatedBy: "t")
        try AccountRepository(tx).insert(a)
        return a
    }

    @Test(arguments: StoreKind.available)
    func accountsRoundTripAndPaginate(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            try await db.write(.superAdmin) { (tx: Transaction) throws -> Void in
                var a = try Self.account(tx)
                #expect(try AccountRepository(tx).get(a.id) == a)
                #expect(try AccountRepository(tx).find(name: "ACME")?.id == a.id)
                #expect(try AccountRepository(tx).find(domain: "Acme.IO")?.id == a.id)
                a.status = .suspended
                a.deletedAt = Self.now
                a.alias = nil
                a.maxBudget = nil
                try AccountRepository(tx).update(a)
                #expect(try AccountRepository(tx).get(a.id) == a)
                #expect(try AccountRepository(tx).list().items.isEmpty)
                #expect(try AccountRepository(tx).list(includeDeleted: true).items == [a])
                for i in 0..<23 { _ = try Self.account(tx, name: String(format: "Tenant%02d", i)) }
                var seen: [String] = [], cursor: String?
                repeat {
                    let page = try AccountRepository(tx).list(
                        status: .active, page: PageRequest(limit: 10, cursor: cursor))
                    seen += page.items.map(\.name)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen == (0..<23).map { String(format: "Tenant%02d", $0) })
                #expect(throws: CockpitError.self) {
                    try AccountRepository(tx).list(page: PageRequest(cursor: "not a cursor"))
                }
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func treesRoundTripAndCascade(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let a = try await db.write(.superAdmin) { try Self.account($0) }
            try await db.write(.account(a.id)) { (tx: Transaction) throws -> Void in
                let org = Organization(
                    id: UUID(), accountID: a.id, domain: .console, name: "Platform", metadata: ["k": 1], maxBudget: 3,
                    createdAt: Self.now, updatedAt: Self.now)
                try OrganizationRepository(tx).insert(org)
                #expect(try OrganizationRepository(tx).get(org.id, domain: .console) == org)
                #expect(try OrganizationRepository(tx).get(org.id, domain: .copilot) == nil)
                #expect(try OrganizationRepository(tx).find(name: "platform", domain: .console) == org)
                var teams: [Team] = []
                for i in 0..<12 {
                    let t = Team(
                        id: UUID(), accountID: a.id, domain: .console, orgID: org.id, name: "Team \(i)",
                        metadata: .emptyObject,
                        maxBudget: nil, createdAt: Self.now, updatedAt: Self.now)
                    try TeamRepository(tx).insert(t)
                    teams.append(t)
                }
                #expect(try TeamRepository(tx).counts(orgIDs: [org.id]) == [org.id: 12])
                let first = try TeamRepository(tx).list(domain: .console, orgID: org.id, page: PageRequest(limit: 5))
                let rest = try TeamRepository(tx).list(
                    domain: .console, orgID: org.id, page: PageRequest(limit: 50, cursor: first.nextCursor))
                #expect(Set((first.items + rest.items).map(\.id)) == Set(teams.map(\.id)))
                #expect(rest.nextCursor == nil)
                let user = User(
                    id: UUID(), accountID: a.id, domain: .console, email: "zoë@acme.io",
                    identityUserID: "305924551714316751",
                    displayName: "Zoë 李", role: "end_user", metadata: .emptyObject, maxBudget: nil, createdAt: Self.now,
                    updatedAt: Self.now)
                try UserRepository(tx).insert(user)
                #expect(try UserRepository(tx).get(user.id, domain: .console) == user)
                #expect(try UserRepository(tx).find(identityUserID: "305924551714316751", domain: .console) == user)
                try MembershipRepository(tx).upsert(
                    TeamMembership(
                        accountID: a.id, domain: .console, teamID: teams[0].id, userID: user.id,
                        role: .member, createdAt: Self.now))
                #expect(
                    try MembershipRepository(tx).upsert(
                        TeamMembership(
                            accountID: a.id, domain: .console, teamID: teams[0].id, userID: user.id,
                            role: .admin, createdAt: Self.now)) == .member)
                let members = try UserRepository(tx).members(teamID: teams[0].id, domain: .console)
                #expect(members.items.map(\.user) == [user])
                #expect(members.items.map(\.role) == [.admin])
                try ModelGrantRepository(tx).insert(
                    ModelGrant(
                        id: UUID(), accountID: a.id, domain: .console, modelName: "gpt-4o",
                        scope: .team(teams[0].id), effect: .deny, createdAt: Self.now))
                try OrganizationRepository(tx).delete(org.id, domain: .console)
                #expect(try TeamRepository(tx).list(domain: .console).items.isEmpty)
                #expect(try MembershipRepository(tx).list(userID: user.id, domain: .console).isEmpty)
                #expect(try ModelGrantRepository(tx).list(domain: .console).isEmpty)
                #expect(try UserRepository(tx).get(user.id, domain: .console) == user)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func theSchemaRefusesLinksAcrossDomains(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let a = try await db.write(.superAdmin) { try Self.account($0) }
            let (org, user) = try await db.write(.account(a.id)) { tx in
                let org = Organization(
                    id: UUID(), accountID: a.id, domain: .console, name: "C", metadata: .emptyObject, maxBudget: nil,
                    createdAt: Self.now, updatedAt: Self.now)
                try OrganizationRepository(tx).insert(org)
                let user = User(
                    id: UUID(), accountID: a.id, domain: .copilot, email: "u@acme.io", identityUserID: nil,
                    displayName: "U",
                    role: "end_user", metadata: .emptyObject, maxBudget: nil, createdAt: Self.now, updatedAt: Self.now)
                try UserRepository(tx).insert(user)
                return (org, user)
            }
            // A copilot team under a console organization: the composite key refuses it, whatever the code says.
            await #expect(throws: StorageError.self) {
                try await db.write(.account(a.id)) { tx in
                    try tx.execute(
                        "INSERT INTO teams (id, account_id, domain, org_id, name, created_at, updated_at) VALUES ($1, $2, 'copilot', $3, 'x', $4, $4)",
                        [.uuid(UUID()), .uuid(a.id), .uuid(org.id), .timestamp(Self.now)])
                }
            }
            let team = try await db.write(.account(a.id)) { tx in
                let team = Team(
                    id: UUID(), accountID: a.id, domain: .console, orgID: org.id, name: "T", metadata: .emptyObject,
                    maxBudget: nil,
                    createdAt: Self.now, updatedAt: Self.now)
                try TeamRepository(tx).insert(team)
                return team
            }
            // A console team with a copilot user.
            await #expect(throws: StorageError.self) {
                try await db.write(.account(a.id)) { tx in
                    try tx.execute(
                        "INSERT INTO team_memberships (account_id, domain, team_id, user_id, role, created_at) VALUES ($1, 'console', $2, $3, 'member', $4)",
                        [.uuid(a.id), .uuid(team.id), .uuid(user.id), .timestamp(Self.now)])
                }
            }
            // A grant whose scope kind and columns disagree.
            await #expect(throws: StorageError.self) {
                try await db.write(.account(a.id)) { tx in
                    try tx.execute(
                        "INSERT INTO model_grants (id, account_id, domain, model_name, scope, team_id, effect, created_at) VALUES ($1, $2, 'console', 'm', 'org', $3, 'allow', $4)",
                        [.uuid(UUID()), .uuid(a.id), .uuid(team.id), .timestamp(Self.now)])
                }
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func keysModelsBudgetsSpendAndAuditRoundTrip(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let a = try await db.write(.superAdmin) { try Self.account($0) }
            try await db.write(.account(a.id)) { (tx: Transaction) throws -> Void in
                var key = VirtualKey(
                    id: UUID(), accountID: a.id, keyHash: KeyGenerator.hash("sk-test"), keyAlias: "ci",
                    maskedKey: "sk-...test",
                    domain: nil, orgID: nil, teamID: nil, userID: nil, models: ["gpt-4o", "claude-*"], maxBudget: 10,
                    softBudget: 8,
                    budgetDuration: "1mo", budgetResetAt: Self.now, spend: 0, tpmLimit: 1000, rpmLimit: 60,
                    maxParallelRequests: 4,
                    modelMaxBudget: ["gpt-4o": 5], allowedRoutes: ["/v1/chat/completions"], metadata: ["env": "ci"],
                    expiresAt: Self.now.addingTimeInterval(86_400), blocked: false, createdAt: Self.now,
                    updatedAt: Self.now, createdBy: "t")
                try VirtualKeyRepository(tx).insert(key)
                #expect(try VirtualKeyRepository(tx).get(key.id) == key)
                #expect(try VirtualKeyRepository(tx).get(hash: key.keyHash) == key)
                key.blocked = true
                key.models = []
                try VirtualKeyRepository(tx).update(key)
                #expect(try VirtualKeyRepository(tx).get(key.id) == key)

                let model = ModelDeployment(
                    id: UUID(), accountID: a.id, modelName: "gpt-4o", providerModel: "azure/acme", apiBase: "https://x",
                    apiVersion: "2024-10-21", hasCredentials: true, params: ["rpm": 100], modelInfo: ["mode": "chat"],
                    visibleToAll: false, createdAt: Self.now, updatedAt: Self.now)
                try ModelDeploymentRepository(tx).insert(model, encryptedCredentials: "enc:v1:abc")
                #expect(try ModelDeploymentRepository(tx).get(model.id) == model)
                #expect(try ModelDeploymentRepository(tx).encryptedCredentials(model.id) == "enc:v1:abc")

                let budget = try BudgetRepository(tx).upsert(
                    Budget(
                        id: UUID(), accountID: a.id, subject: .key, subjectID: key.id.lowercased,
                        modelName: "", maxBudget: 1, softBudget: nil, budgetDuration: "7d", tpmLimit: nil,
                        rpmLimit: 10, maxParallelRequests: nil, createdAt: Self.now, updatedAt: Self.now))
                var changed = budget
                changed.id = UUID()
                changed.maxBudget = 2
                #expect(try BudgetRepository(tx).upsert(changed).id == budget.id)
                #expect(try BudgetRepository(tx).list().map(\.maxBudget) == [2])
            }
            // The schema refuses credentials that are not sealed.
            await #expect(throws: StorageError.self) {
                try await db.write(.account(a.id)) { tx in
                    try ModelDeploymentRepository(tx).insert(
                        ModelDeployment(
                            id: UUID(), accountID: a.id, modelName: "m", providerModel: "openai/m", apiBase: nil,
                            apiVersion: nil, hasCredentials: true,
                            params: .emptyObject, modelInfo: .emptyObject, visibleToAll: false, createdAt: Self.now,
                            updatedAt: Self.now),
                        encryptedCredentials: "sk-plaintext")
                }
            }
            let log = SpendLog(
                requestID: "r1", accountID: a.id, keyHash: KeyGenerator.hash("sk-test"), userID: "u", teamID: "t",
                orgID: "o",
                domain: "console", model: "gpt-4o", modelGroup: "gpt-4o", deploymentID: "d", promptTokens: 100,
                completionTokens: 50,
                cost: 0.25, startTime: Self.now, endTime: Self.now.addingTimeInterval(1),
                firstTokenTime: Self.now.addingTimeInterval(0.2),
                status: "success", cacheHit: false)
            var claude = log
            claude.requestID = "r2"
            claude.cost = 0.5
            claude.model = "claude"
            let second = claude
            // Recording the same request twice (a replay from the spill file) counts it once.
            #expect(try await db.write(.account(a.id)) { try SpendRepository($0).record([log, second, log]) } == 2)
            #expect(try await db.write(.superAdmin) { try SpendRepository($0).record([log]) } == 0)
            try await db.read(.account(a.id)) { (tx: Transaction) throws -> Void in
                let spend = SpendRepository(tx)
                #expect(try spend.totals().rows == 2)
                #expect(try spend.totals().cost == 0.75)
                #expect(
                    try spend.logs(from: .distantPast, to: .distantFuture).map(\.requestID).sorted() == ["r1", "r2"])
                #expect(try spend.logs(from: .distantPast, to: .distantFuture).first { $0.requestID == "r1" } == log)
                let byModel = try spend.breakdown(by: .model, fromDay: "2026-11-27", toDay: "2026-11-27")
                #expect(byModel.map(\.group) == ["claude", "gpt-4o"])
                #expect(byModel.map(\.cost) == [0.5, 0.25])
                #expect(
                    try spend.breakdown(by: .day, fromDay: "2026-11-01", toDay: "2026-11-30").map(\.group) == [
                        "2026-11-27"
                    ])
                #expect(try spend.breakdown(by: .team, fromDay: "2026-11-28", toDay: "2026-11-30").isEmpty)
                #expect(try AccountRepository(tx).get(a.id)?.spend == 0.75)
                #expect(try VirtualKeyRepository(tx).get(hash: KeyGenerator.hash("sk-test"))?.spend == 0.75)
            }
            // Statements of a few rows each (the background writer on PostgreSQL) record the same: each new row once.
            let more = (3...7).map { i -> SpendLog in
                var l = log
                l.requestID = "r\(i)"
                l.cost = 0.01
                return l
            }
            #expect(
                try await db.write(.superAdmin) {
                    try SpendRepository($0).record([log] + more + [more[0]], rowsPerStatement: 2)
                } == 5)
            let totals = try await db.read(.account(a.id)) { try SpendRepository($0).totals() }
            #expect(totals.rows == 7 && abs(totals.cost - 0.8) < 1e-9)
            try await db.write(.account(a.id)) { tx in
                for i in 0..<7 {
                    try AuditRepository(tx).record(
                        account: a.id, actor: Actor(name: "t", authMethod: "test", requestID: "req-\(i)"),
                        domain: .console,
                        action: "org.create", objectType: "organization", objectID: "\(i)",
                        after: ["i": .number(Double(i))])
                }
            }
            let page1 = try await db.read(.account(a.id)) { try AuditRepository($0).list(page: PageRequest(limit: 4)) }
            let page2 = try await db.read(.account(a.id)) {
                try AuditRepository($0).list(page: PageRequest(limit: 4, cursor: page1.nextCursor))
            }
            #expect((page1.items + page2.items).map(\.objectID) == ["6", "5", "4", "3", "2", "1", "0"])
            #expect(page1.items.first?.after == ["i": 6])
            #expect(page1.items.first?.requestID == "req-6")
            #expect(page2.nextCursor == nil)
        }
    }
}
