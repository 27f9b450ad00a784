@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `cockpit secrets rotate` in the core: every sealed value (connection secrets, provider credentials, SSO secrets)
/// re-sealed under the current key, in batches, resumable, with old ciphertexts readable meanwhile.
@Suite struct SecretRotationTests {
    static let oldKey = "old-salt-key-for-rotation"
    static let newKey = "new-salt-key-for-rotation"

    /// A core whose ring is `salt` plus `previous`, allowing account-owned models.
    static func cockpit(_ db: Database, salt: String, previous: [String] = []) -> Cockpit {
        Cockpit(
            settings: Settings(
                environment: [
                    "LITELLM_SALT_KEY": salt, "COCKPIT_PREVIOUS_SALT_KEYS": previous.joined(separator: ","),
                    "STORE_MODEL_IN_DB": "true",
                ], dotenvPath: nil), database: db)
    }

    /// Two accounts with sealed values in every place, sealed under `salt`.
    static func seeded(_ db: Database, salt: String, tag: String) async throws -> SealedSecretSeed {
        let core = cockpit(db, salt: salt)
        var accounts: [UUID] = []
        for n in 0..<2 {
            accounts.append(
                try await core.accounts.create(
                    NewAccount(name: "\(tag) \(n)", domain: "\(tag)\(n).test", adminEmail: "admin@\(tag)\(n).test")
                ).account.id)
        }
        return try await SealedSecretSeed.seed(core, accounts: accounts, tag: tag)
    }

    @Test(arguments: StoreKind.available)
    func aRunStoppedMidwayLeavesEverythingReadableAndTheNextRunFinishes(kind: StoreKind) async throws {
        try await TestStores.with(kind) { db in
            let seed = try await Self.seeded(db, salt: Self.oldKey, tag: "rot")
            #expect(seed.count(.connections) == 2 && seed.count(.providerCredentials) == 4 && seed.count(.sso) == 2)
            let core = Self.cockpit(db, salt: Self.newKey, previous: [Self.oldKey])
            let ring = try #require(core.context.secretBox)
            let old = try SecretBox(secret: Self.oldKey)

            let dry = try await core.secrets.rotate(dryRun: true)
            #expect(dry.dryRun && dry[.connections] == 2 && dry[.providerCredentials] == 4 && dry[.sso] == 2)
            #expect(dry.left == 8 && dry.unreadable.isEmpty && dry.keyID == ring.keyID)
            #expect(try await Self.current(db, seed, ring) == 0, "a dry run changes nothing")

            let partial = try await core.secrets.rotate(dryRun: false, batchSize: 1, stopAfter: 3)
            #expect(partial.total == 3 && partial.left == 5 && partial.unreadable.isEmpty)
            #expect(try await Self.current(db, seed, ring) == 3)
            for (place, id) in seed.rows {
                let sealed = try #require(try await SealedSecretSeed.sealed(db, place, id))
                #expect(try SealedSecretSeed.open(sealed, place, with: ring) == seed.plaintexts[place]?[id])
                if !ring.isCurrent(sealed) {
                    #expect(try SealedSecretSeed.open(sealed, place, with: old) == seed.plaintexts[place]?[id])
                }
            }

            let rest = try await core.secrets.rotate(batchSize: 1)
            #expect(rest.total == 5 && rest.left == 0 && rest.unreadable.isEmpty)
            for place in SealedSecretPlace.allCases {
                #expect(partial[place] + rest[place] == seed.count(place), "\(place)")
            }
            let newOnly = try SecretBox(secret: Self.newKey)
            for (place, id) in seed.rows {
                let sealed = try #require(try await SealedSecretSeed.sealed(db, place, id))
                #expect(ring.isCurrent(sealed))
                #expect(try SealedSecretSeed.open(sealed, place, with: newOnly) == seed.plaintexts[place]?[id])
                #expect(throws: CockpitError.self) { try old.open(sealed) }
            }
            let (keyIDs, ssoKeys) = try await db.read(.superAdmin) { tx in
                (
                    try tx.query("SELECT secret_key_id FROM copilot_connections").map {
                        try $0.string("secret_key_id")
                    },
                    try tx.query("SELECT sealed_settings FROM account_sso").map {
                        try JSONValue.parse(try $0.string("sealed_settings"))["keys"]
                    }
                )
            }
            #expect(keyIDs == [ring.keyID, ring.keyID], "a connection's key id follows its secret")
            #expect(ssoKeys == [["client_secret"], ["client_secret"]], "the SSO secrets' names stay beside them")

            let again = try await core.secrets.rotate()
            #expect(again.total == 0 && again.left == 0)
            #expect(again.summary == "re-sealed 0 connection secrets, 0 provider credentials, 0 SSO secrets; 0 left")

            // One audit row per run that could change the store (not the dry run), counts only, outside any account.
            let audits = try await db.read(.superAdmin) { tx in
                try AuditRepository(tx).list(domain: .iam).items.filter { $0.action == "secrets.rotate" }
            }
            #expect(audits.count == 3)
            #expect(audits.allSatisfy { $0.accountID == nil && $0.actor == "cli@local" && $0.objectID == ring.keyID })
            #expect(
                audits.map { $0.after?["resealed"]?["model_deployments"] } == [
                    0, .number(Double(rest[.providerCredentials])), .number(Double(partial[.providerCredentials])),
                ])
            let auditText = audits.compactMap { $0.after?.encodedString }.joined()
            for secret in seed.plaintexts.values.flatMap(\.values) + [Self.oldKey, Self.newKey] {
                #expect(!auditText.contains(secret))
            }

            // A connection whose key id column disagrees with its sealed text is sealed again and its id set right.
            try await db.write(.superAdmin) { tx in
                try tx.execute(
                    "UPDATE copilot_connections SET secret_key_id = 'stale0000000' WHERE id = $1",
                    [.uuid(try #require(seed.plaintexts[.connections]?.keys.first))])
            }
            #expect(try await core.secrets.rotate(dryRun: true).left == 1)
            let fixed = try await core.secrets.rotate()
            #expect(fixed[.connections] == 1 && fixed.total == 1 && fixed.left == 0)
        }
    }

    @Test(arguments: StoreKind.available)
    func aValueSealedByAnUnknownKeyIsReportedAndNothingElseIsDamaged(kind: StoreKind) async throws {
        try await TestStores.with(kind) { db in
            let known = try await Self.seeded(db, salt: Self.oldKey, tag: "known")
            let lost = try await Self.seeded(db, salt: "a-salt-key-nobody-kept", tag: "lost")
            let before = try await Self.stored(db, lost)
            let core = Self.cockpit(db, salt: Self.newKey, previous: [Self.oldKey])
            let ring = try #require(core.context.secretBox)

            let dry = try await core.secrets.rotate(dryRun: true)
            #expect(dry.total == 8 && dry.unreadable.count == 8 && dry.left == 16, "a dry run finds them too")

            let report = try await core.secrets.rotate(batchSize: 3)
            #expect(report.total == 8 && report.left == 8)
            #expect(
                Set(report.unreadable.map { "\($0.place.table) \($0.id.lowercased)" })
                    == Set(lost.rows.map { "\($0.0.table) \($0.1.lowercased)" }))
            #expect(try await Self.stored(db, lost) == before, "values no key opens are left exactly as they were")
            for (place, id) in known.rows {
                let sealed = try #require(try await SealedSecretSeed.sealed(db, place, id))
                #expect(ring.isCurrent(sealed))
                #expect(try SealedSecretSeed.open(sealed, place, with: ring) == known.plaintexts[place]?[id])
            }
            let text = report.unreadable.map(\.description).joined() + report.summary
            for secret in lost.plaintexts.values.flatMap(\.values) + ["a-salt-key-nobody-kept"] {
                #expect(!text.contains(secret))
            }
            // Once the lost key is back in the ring, the next run finishes.
            let recovered = Self.cockpit(db, salt: Self.newKey, previous: [Self.oldKey, "a-salt-key-nobody-kept"])
            let finish = try await recovered.secrets.rotate()
            #expect(finish.total == 8 && finish.left == 0 && finish.unreadable.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func onlyTheSuperAdminRotatesAndOnlyWithAKey(kind: StoreKind) async throws {
        try await TestStores.with(kind) { db in
            let seed = try await Self.seeded(db, salt: Self.oldKey, tag: "perm")
            let core = Self.cockpit(db, salt: Self.newKey, previous: [Self.oldKey])
            let account = try #require(try await core.accounts.list().items.first?.id)
            let admin = core.acting(
                as: Principal(method: .session, name: "admin@perm0.test", accountID: account, roles: [.accountAdmin]))
            await #expect(throws: CockpitError.self) { try await admin.secrets.rotate() }
            await #expect(throws: CockpitError.self) { try await admin.secrets.rotate(dryRun: true) }
            var readOnly = Principal.operator
            readOnly.readOnly = true
            let looker = core.acting(as: readOnly)
            #expect(try await looker.secrets.rotate(dryRun: true).total == 8, "a read-only operator may count")
            let refusal = await #expect(throws: CockpitError.self) { try await looker.secrets.rotate() }
            #expect(refusal == Policy.readOnlyRefusal)
            let noKey = await #expect(throws: CockpitError.self) {
                try await Cockpit.forTesting(db).secrets.rotate()
            }
            #expect(noKey?.message.hasPrefix("LITELLM_SALT_KEY must be set") == true)
            let badBatch = await #expect(throws: CockpitError.self) { try await core.secrets.rotate(batchSize: 0) }
            #expect(badBatch?.message == "batch_size must be a number from 1 to 10000")
            let ring = try #require(core.context.secretBox)
            #expect(try await Self.current(db, seed, ring) == 0, "nothing was re-sealed by a refused call")
        }
    }

    /// How many seeded rows `ring`'s current key sealed.
    static func current(_ db: Database, _ seed: SealedSecretSeed, _ ring: SecretBox) async throws -> Int {
        var n = 0
        for (place, id) in seed.rows where try await SealedSecretSeed.sealed(db, place, id).map(ring.isCurrent) == true
        {
            n += 1
        }
        return n
    }

    /// The sealed text of each seeded row, in row order.
    static func stored(_ db: Database, _ seed: SealedSecretSeed) async throws -> [String?] {
        var values: [String?] = []
        for (place, id) in seed.rows { values.append(try await SealedSecretSeed.sealed(db, place, id)) }
        return values
    }
}
