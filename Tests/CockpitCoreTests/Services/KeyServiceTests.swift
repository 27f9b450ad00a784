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
                account: f.account.id, NewKey(alias: "ci", domain: .console, teamID: f.teams[.console]!.id, budgetDuration: "1MO"), actor: .cli)
            #expect(secret.hasPrefix("sk-") && key.keyHash == KeyGenerator.hash(secret) && key.maskedKey == "sk-..." + secret.suffix(4))
            #expect(key.budgetDuration == "1mo" && key.budgetResetAt.map { $0 > Date() } == true)
            let listed = try await cockpit.keys.list(account: f.account.id).items
            #expect(listed.map(\.id) == [key.id])
            let audit = try await db.read(.account(f.account.id)) { try AuditRepository($0).list(page: PageRequest(limit: 100)).items }
            #expect(!audit.contains { ($0.after?.encodedString ?? "").contains(secret) })
            await #expect(throws: CockpitError.invalid(field: "budget_duration", reason: "must look like 30s, 15m, 1h, 7d, 1w or 1mo")) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(budgetDuration: "1 year"), actor: .cli)
            }
            await #expect(throws: CockpitError.invalid(field: "domain", reason: "is required when the key belongs to an org, team or user")) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(teamID: f.teams[.console]!.id), actor: .cli)
            }
            await #expect(throws: CockpitError.notFound("team")) {
                try await cockpit.keys.generate(account: f.account.id, NewKey(domain: .copilot, teamID: f.teams[.console]!.id), actor: .cli)
            }
            #expect(try await cockpit.keys.list(account: f.account.id).items.count == 1)
        }
    }
}
