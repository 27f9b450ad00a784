@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `cockpit secrets rotate` on the real binary: the procedure of docs/SECURITY.md ("Rotating the secret key").
@Suite struct SecretsCommandTests {
    static let oldKey = "old-cli-salt-key"
    static let newKey = "new-cli-salt-key"

    @Test(arguments: StoreKind.available)
    func rotateReSealsEverythingUnderTheNewKey(kind: StoreKind) async throws {
        try await TestStores.withDatabaseURL(kind) { url in
            #expect(try await CLITests.run(["migrate"], databaseURL: url).status == 0)
            let seed = try await Self.seed(url)
            let secrets = seed.plaintexts.values.flatMap(\.values) + [Self.oldKey, Self.newKey]
            func run(_ arguments: [String], _ env: [String: String]) async throws -> ChildProcess.Output {
                let out = try await CLITests.run(
                    ["secrets", "rotate"] + arguments, databaseURL: url, extraEnvironment: env)
                for secret in secrets {
                    #expect(!out.stdout.contains(secret) && !out.stderr.contains(secret), "\(arguments): \(secret)")
                }
                return out
            }
            let newOnly = ["LITELLM_SALT_KEY": Self.newKey]
            let ring = newOnly.merging(["COCKPIT_PREVIOUS_SALT_KEYS": "unrelated-key, \(Self.oldKey)"]) { $1 }

            let noKey = try await run([], [:])
            #expect(
                noKey.status == 1 && noKey.stderr.hasPrefix("error: LITELLM_SALT_KEY must be set"), "\(noKey.stderr)")

            let dry = try await run(["--dry-run"], ring)
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(
                dry.stdout
                    == "would re-seal 1 connection secrets, 3 provider credentials, 1 SSO secrets; 5 left (dry run: nothing changed)\n"
            )

            // The old key forgotten: nothing opens; each value is named by table and id, and the exit status is 1.
            let forgotten = try await run([], newOnly)
            #expect(forgotten.status == 1)
            #expect(
                forgotten.stdout == "re-sealed 0 connection secrets, 0 provider credentials, 0 SSO secrets; 5 left\n")
            for (place, id) in seed.rows {
                #expect(
                    forgotten.stderr.contains(
                        "error: \(place.table) \(id.lowercased) cannot be opened with any configured salt key"))
            }

            let rotated = try await run(["--batch-size", "2"], ring)
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(rotated.stdout == "re-sealed 1 connection secrets, 3 provider credentials, 1 SSO secrets; 0 left\n")

            // The old key can go: the new key alone opens everything.
            let again = try await run(["--json"], newOnly)
            let answer = try CLITests.json(again.stdout)
            #expect(again.status == 0)
            #expect(answer["key_id"]?.stringValue == (try SecretBox(secret: Self.newKey).keyID))
            #expect(answer["left"] == 0 && answer["unreadable"] == [] && answer["dry_run"] == false)
            #expect(answer["resealed"] == ["copilot_connections": 0, "model_deployments": 0, "account_sso": 0])
            let box = try SecretBox(secret: Self.newKey)
            let db = try Settings(environment: ["DATABASE_URL": url], dotenvPath: nil).openDatabase()
            for (place, id) in seed.rows {
                let sealed = try #require(try await SealedSecretSeed.sealed(db, place, id))
                #expect(try SealedSecretSeed.open(sealed, place, with: box) == seed.plaintexts[place]?[id])
            }
            await db.close()

            let badBatch = try await run(["--batch-size", "0"], ring)
            #expect(badBatch.status == 1 && badBatch.stderr == "error: batch_size must be a number from 1 to 10000\n")
        }
    }

    /// One account's values sealed under the old key, through a core on the same store.
    static func seed(_ url: String) async throws -> SealedSecretSeed {
        let core = try Cockpit.open(
            settings: Settings(
                environment: ["DATABASE_URL": url, "LITELLM_SALT_KEY": oldKey, "STORE_MODEL_IN_DB": "true"],
                dotenvPath: nil))
        do {
            let account = try await core.accounts.create(
                NewAccount(name: "Rotor", domain: "rotor.test", adminEmail: "admin@rotor.test")
            ).account.id
            let seed = try await SealedSecretSeed.seed(core, accounts: [account], tag: "cli")
            await core.database.close()
            return seed
        } catch {
            await core.database.close()
            throw error
        }
    }
}
