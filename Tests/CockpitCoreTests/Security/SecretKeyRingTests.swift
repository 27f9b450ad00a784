@testable import CockpitCore
import Foundation
import Testing

/// `SecretBox` as a key ring: the current key seals, previous keys (COCKPIT_PREVIOUS_SALT_KEYS) only open.
@Suite struct SecretKeyRingTests {
    @Test func previousKeysOpenWhatTheySealedAndTheCurrentKeySeals() throws {
        let old = try SecretBox(secret: "old-salt-key")
        let sealedByOld = try old.seal("sk-old-provider-secret")
        let ring = try SecretBox(secret: "new-salt-key", previous: ["older-salt-key", "old-salt-key"])
        #expect(ring.keyID == (try SecretBox(secret: "new-salt-key").keyID))
        #expect(ring.keyIDs.count == 3 && ring.keyIDs.contains(old.keyID))
        #expect(try ring.open(sealedByOld) == "sk-old-provider-secret")
        #expect(!ring.isCurrent(sealedByOld) && old.isCurrent(sealedByOld))
        // Sealing always uses the current key, and the old box alone cannot open it.
        let sealedByRing = try ring.seal("sk-new")
        #expect(SecretBox.keyID(of: sealedByRing) == ring.keyID && ring.isCurrent(sealedByRing))
        #expect(throws: CockpitError.self) { try old.open(sealedByRing) }
    }

    @Test func textSealedBeforeKeyIdsOpensWithTheCurrentOrAPreviousKey() throws {
        let old = try SecretBox(secret: "old-salt-key")
        let v1 = try Self.v1(old.seal("sso-client-secret"), keyID: old.keyID)
        let ring = try SecretBox(secret: "new-salt-key", previous: ["unrelated-key", "old-salt-key"])
        #expect(try ring.open(v1) == "sso-client-secret", "tried current, then each previous key")
        #expect(!ring.isCurrent(v1))
        let current = try SecretBox(secret: "old-salt-key", previous: ["another"])
        #expect(try current.open(v1) == "sso-client-secret")
        let stranger = try SecretBox(secret: "stranger", previous: ["unrelated-key"])
        let error = #expect(throws: CockpitError.self) { try stranger.open(v1) }
        #expect(error?.message == "stored credentials cannot be opened with the configured salt keys")
    }

    @Test func anUnknownKeyIdIsAnErrorThatNamesOnlyTheKeyId() throws {
        let other = try SecretBox(secret: "the-forgotten-salt-key")
        let sealed = try other.seal("sk-plaintext-credential")
        let ring = try SecretBox(secret: "new-salt-key", previous: ["old-salt-key"])
        let error = #expect(throws: CockpitError.self) { try ring.open(sealed) }
        let text = try #require(error?.message)
        #expect(text.contains("key id \(other.keyID)") && text.contains("COCKPIT_PREVIOUS_SALT_KEYS"))
        for secret in ["sk-plaintext-credential", "the-forgotten-salt-key", "new-salt-key", "old-salt-key"] {
            #expect(!text.contains(secret))
        }
        // Text naming a key of the ring but altered: refused, again without the secret.
        var raw = try #require(Data(base64Encoded: String(sealed.dropFirst("enc:v2:\(other.keyID):".count))))
        raw[raw.count - 1] ^= 0x01
        let ringSealed = try ring.seal("sk-plaintext-credential")
        let tampered = "enc:v2:\(ring.keyID):" + raw.base64EncodedString()
        let tamperError = #expect(throws: CockpitError.self) { try ring.open(tampered) }
        #expect(tamperError?.message.contains("sk-plaintext") == false)
        #expect(try ring.open(ringSealed) == "sk-plaintext-credential")
    }

    @Test func emptyAndRepeatedPreviousKeysAreLeftOut() throws {
        let ring = try SecretBox(secret: "k1", previous: ["", "k1", "k2", "k2"])
        #expect(ring.keyIDs == [try SecretBox(secret: "k1").keyID, try SecretBox(secret: "k2").keyID])
        #expect(throws: CockpitError.self) { try SecretBox(secret: "", previous: ["k2"]) }
    }

    @Test func settingsBuildTheRingFromTheSaltKeyAndThePreviousKeys() throws {
        let settings = Settings(
            environment: ["LITELLM_SALT_KEY": "new", "COCKPIT_PREVIOUS_SALT_KEYS": " old-1 , ,old-2 "], dotenvPath: nil)
        #expect(settings.previousCredentialSecrets == ["old-1", "old-2"])
        let box = try #require(settings.secretBox())
        #expect(box.keyIDs == (try ["new", "old-1", "old-2"].map { try SecretBox(secret: $0).keyID }))
        let entry = try #require(settings.entries.first { $0.definition.name == "COCKPIT_PREVIOUS_SALT_KEYS" })
        #expect(entry.definition.secret, "doctor masks it")
        // The master key stands in for an unset salt key, as before; no secret at all: no box.
        let master = Settings(environment: ["LITELLM_MASTER_KEY": "sk-master"], dotenvPath: nil)
        #expect(master.secretBox()?.keyID == (try SecretBox(secret: "sk-master").keyID))
        #expect(Settings(environment: [:], dotenvPath: nil).secretBox() == nil)
    }

    /// `enc:v2:<id>:<b64>` as it was written before key ids: `enc:v1:<b64>`.
    static func v1(_ sealed: String, keyID: String) -> String {
        "enc:v1:" + sealed.dropFirst("enc:v2:\(keyID):".count)
    }
}
