@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

@Suite struct KeyServiceTests {
    @Test(arguments: StoreKind.available)
    func keysAreShownOnceStoredHashedAndValidated(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Acme")
            let (key, secret) = try await cockpit.keys.generate(
                account: f.account.id,
                NewKey(alias: "ci", domain: .console, teamID: f.teams[.console]!.id, budgetDuration: "1MO"))
            #expect(
                secret.hasPrefix("sk-") && key.keyHash == KeyGenerator.hash(secret)
                    && key.maskedKey == "sk-..." + secret.suffix(4))
            #expect(key.budgetDuration == "1mo" && key.budgetResetAt.map { $0 > Date() } == true)
            let listed = try await cockpit.keys.list(account: f.account.id).items
            #expect(listed.map(\.id) == [key.id])
            let audit = try await db.read(.account(f.account.id)) {
                try AuditRepository($0).list(page: PageRequest(limit: 100)).items
            }
            #expect(!audit.contains { ($0.after?.encodedString ?? "").contains(secret) })
            await #expect(
                throws: CockpitError.invalid(
                    field: "budget_duration", reason: "must look like 30s, 15m, 1h, 7d, 1w or 1mo")
            ) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(budgetDuration: "1 year"))
            }
            // The tree is found from the owner when not named.
            let inferred = try await cockpit.keys.generate(account: f.account.id, NewKey(teamID: f.teams[.console]!.id))
                .key
            #expect(inferred.domain == .console)
            await #expect(throws: CockpitError.notFound("team")) {
                try await cockpit.keys.generate(
                    account: f.account.id, NewKey(domain: .copilot, teamID: f.teams[.console]!.id))
            }
            #expect(try await cockpit.keys.list(account: f.account.id).items.count == 2)
        }
    }

    @Test(arguments: StoreKind.available)
    func keysAreUpdatedRegeneratedAndFoundByAnyReference(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = Cockpit.forTesting(db)
            let f = try await TenantFixture.make(cockpit, name: "Keys")
            let (key, secret) = try await cockpit.keys.generate(account: f.account.id, NewKey(alias: "ci", rpmLimit: 5))
            for reference in [secret, key.keyHash, key.id.lowercased] {
                #expect(try await cockpit.keys.find(account: f.account.id, reference).id == key.id)
            }
            let updated = try await cockpit.keys.update(account: f.account.id, secret) { k in
                k.models = ["gpt-4o-mini"]
                k.maxParallelRequests = 2
                k.modelMaxBudget = ["gpt-4o-mini": ["budget_limit": 1.5, "time_period": "1d"]]
                k.spend = 99  // not the caller's to set
            }
            #expect(
                updated.models == ["gpt-4o-mini"] && updated.maxParallelRequests == 2 && updated.spend == 0
                    && updated.rpmLimit == 5)
            await #expect(throws: CockpitError.invalid(field: "max_parallel_requests", reason: "must be at least 0")) {
                try await cockpit.keys.update(account: f.account.id, secret) { $0.maxParallelRequests = -1 }
            }
            #expect(try await cockpit.keys.find(account: f.account.id, secret).maxParallelRequests == 2)
            let (regenerated, newSecret) = try await cockpit.keys.regenerate(account: f.account.id, key.keyHash)
            #expect(regenerated.id == key.id && newSecret != secret)
            await #expect(throws: CockpitError.notFound("key")) {
                try await cockpit.keys.find(account: f.account.id, secret)
            }
            #expect(try await cockpit.keys.find(account: f.account.id, newSecret).keyAlias == "ci")
            await #expect(throws: CockpitError.conflict("a key with this secret already exists")) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(secret: newSecret))
            }
            await #expect(
                throws: CockpitError.invalid(
                    field: "key", reason: "must start with sk- and hold 20 to 256 characters without spaces")
            ) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(secret: "short"))
            }
        }
    }
}
